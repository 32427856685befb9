package dev.widescan.sigma;

import dev.widescan.format.RecordColumn;

/**
 * A predicate the literal scan cannot answer alone (regex, a wildcard in the middle of a value, a field
 * reference, absence/presence, the empty value), tested directly on a block's columns. Implementations
 * read the columns in place and allocate nothing.
 */
interface ColumnCheck {
    /** {@code columns} is indexed by field ordinal; {@code record} is the value index in the block. */
    boolean test(RecordColumn[] columns, int record);

    /** Relative cost, to test cheap predicates of an AND/OR first. */
    int cost();

    /** An instance one thread may use (checks with mutable scratch return a fresh copy). */
    default ColumnCheck forThread() {
        return this;
    }
}
