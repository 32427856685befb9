package dev.widescan.tune;

import dev.widescan.format.Utf16Column;
import dev.widescan.match.HitSink;
import dev.widescan.match.Matcher;
import dev.widescan.match.Searcher;

/**
 * The one place where tuning calls a matcher: its per-thread searcher and a scan of a range of values. Kept
 * apart so that a change of the {@link Matcher} calling convention touches only this file.
 */
final class MatcherCalls {
    private MatcherCalls() {
    }

    static Searcher newSearcher(Matcher matcher) {
        return matcher.newSearcher();
    }

    /** Every hit of {@code searcher} in values {@code [from, to)} of the plain column {@code input}. */
    static void scan(Searcher searcher, Utf16Column input, int from, int to, HitSink sink) {
        searcher.scan(input, from, to, sink);
    }
}
