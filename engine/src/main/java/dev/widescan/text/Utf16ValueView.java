package dev.widescan.text;

import dev.widescan.format.RecordColumn;

/**
 * A reusable, zero-copy {@link CharSequence} over one value of a {@link RecordColumn}, so that
 * CharSequence-based libraries (RE2/J) read mapped UTF-16 units without a String per value. Re-point it
 * with {@link #wrap}; one instance per thread. {@link #subSequence} and {@link #toString} copy (they are
 * not on the hot path).
 */
public final class Utf16ValueView implements CharSequence {
    private RecordColumn column;
    private int start;
    private int length;

    /** Views value {@code valueIndex} of {@code column} (an absent value reads as empty). */
    public Utf16ValueView wrap(RecordColumn column, int valueIndex) {
        this.column = column;
        this.start = column.start(valueIndex);
        this.length = column.end(valueIndex) - start;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " of a value of length " + length);
        }
        return column.unitAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return toString().substring(from, to);
    }

    @Override
    public String toString() {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = column.unitAt(start + i);
        }
        return new String(out);
    }
}
