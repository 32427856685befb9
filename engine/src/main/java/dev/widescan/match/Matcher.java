package dev.widescan.match;

import dev.widescan.format.Utf16Column;

/**
 * A compiled literal set that scans UTF-16 columns. One class per strategy; {@link MatcherFactory}
 * picks one by the literal set's shape or by name.
 *
 * <p>Every strategy reports exactly the same set of (value, literal) pairs for the same input: that is
 * the differential property the tests check against the naive baseline. Hits never span two values.
 * Absent values never hit. Implementations are immutable after construction and safe to share between
 * threads; per-thread state lives in the {@link Searcher} each thread gets from {@link #newSearcher()}.
 */
public interface Matcher {
    /** The strategy's lowercase name, as listed by {@code widescan strategies}. */
    String strategyName();

    LiteralSet literals();

    /**
     * A new searcher over this matcher for one thread: it holds whatever mutable state the strategy needs
     * between values and blocks, typed, created once and reused (see {@link Searcher}).
     */
    Searcher newSearcher();

    /**
     * The vector kernel this matcher runs (width and lookup, e.g. "512-bit nibble"), or null for a scalar
     * strategy: stated in benchmark results and in the scan summary.
     */
    default String vectorKernel() {
        return null;
    }
}
