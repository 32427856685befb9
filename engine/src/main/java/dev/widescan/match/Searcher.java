package dev.widescan.match;

import dev.widescan.format.Utf16Column;

/**
 * One thread's handle on a {@link Matcher}: the compiled literal set is the matcher (immutable, shared),
 * the mutable state a scan needs between values (value cursor, candidate lanes, deferred hits) is the
 * searcher's, as regex-automata separates a {@code Regex} from its {@code Cache}. A searcher is created
 * once per thread by {@link Matcher#newSearcher()} and reused for every block, so a scan allocates
 * nothing per block; it must not be used by two threads at once.
 */
public interface Searcher {
    /**
     * Reports every hit in values {@code [fromValue, toValue)} of the plain {@code column}, values in
     * non-decreasing order. Allocation-free for every strategy but the naive baseline.
     */
    void scan(Utf16Column column, int fromValue, int toValue, HitSink sink);

    /** Every hit in the whole plain {@code column}. */
    default void scan(Utf16Column column, HitSink sink) {
        scan(column, 0, column.count(), sink);
    }
}
