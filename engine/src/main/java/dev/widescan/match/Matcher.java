package dev.widescan.match;

import dev.widescan.format.Utf16Column;

/**
 * A compiled literal set that scans UTF-16 columns. One class per strategy; {@link MatcherFactory}
 * picks one by the literal set's shape or by name.
 *
 * <p>Every strategy reports exactly the same set of (value, literal) pairs for the same input: that is
 * the differential property the tests check against the naive baseline. Hits never span two values.
 * Absent values never hit. Implementations are immutable after construction and safe to share between
 * threads; per-thread state lives in the caller or in thread-confined scratch created by
 * {@link #newScratch()}.
 */
public interface Matcher {
    /** The strategy's lowercase name, as listed by {@code widescan strategies}. */
    String strategyName();

    LiteralSet literals();

    /** Per-thread mutable state the strategy needs between values (buffers, bitsets); may be null. */
    default Object newScratch() {
        return null;
    }

    /**
     * Reports every hit in values {@code [fromValue, toValue)} of the plain {@code column}, values in non-decreasing
     * order. {@code scratch} is what {@link #newScratch()} returned, used by one thread at a time.
     * Allocation-free for every strategy but the naive baseline.
     */
    void scan(Utf16Column column, int fromValue, int toValue, Object scratch, HitSink sink);

    /**
     * Matchers read values as contiguous runs of units, so they take plain columns only: a
     * dictionary-encoded column is scanned through its {@link Utf16Column#dictionary()} (as the scan loop
     * does), never directly, where record {@code i} would silently read entry {@code i}.
     */
    static void requirePlain(Utf16Column column) {
        if (column.isDictionaryEncoded()) {
            throw new IllegalArgumentException("matchers scan plain columns: scan a dictionary-encoded column's dictionary()");
        }
    }
}
