package dev.widescan.tune;

import dev.widescan.format.Utf16Column;
import dev.widescan.match.HitSink;
import dev.widescan.match.Matcher;

/**
 * The one place where tuning calls a matcher: scratch creation and a scan of a range of values. Kept apart so a
 * change of the {@link Matcher} calling convention (e.g. typed per-thread searchers) touches only this file.
 */
final class MatcherCalls {
    private MatcherCalls() {
    }

    static Object newScratch(Matcher matcher) {
        return matcher.newScratch();
    }

    /** Every hit of {@code matcher} in values {@code [from, to)} of the plain column {@code input}. */
    static void scan(Matcher matcher, Object scratch, Utf16Column input, int from, int to, HitSink sink) {
        matcher.scan(input, from, to, scratch, sink);
    }
}
