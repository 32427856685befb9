package dev.widescan.format;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A zero-copy view of one string column of one block: many UTF-16LE values back to back.
 *
 * <p>Contract every matcher relies on:
 * <ul>
 *   <li>{@link #units()} starts at a 64-byte aligned address (in mapped files; heap-built columns are
 *       aligned to their array) and its byte size is a multiple of 64, at least {@code 2 * totalUnits()};
 *       the bytes past the last value are zero. So a SIMD loop may load whole vectors up to the end of the
 *       segment without a scalar tail, and padding (U+0000) never starts a non-empty literal.</li>
 *   <li>{@link #offsets()} holds {@code count() + 1} little-endian int32 offsets in code units: value
 *       {@code i} spans {@code [offset(i), offset(i+1))}. Offsets are non-decreasing.</li>
 *   <li>An absent value has length 0 and {@link #isAbsent(int)} true; an empty value has length 0 and
 *       {@link #isAbsent(int)} false. Absence is kept in a bitmap of little-endian longs (bit set = absent),
 *       or {@code null} when no value of the column is absent.</li>
 * </ul>
 *
 * <p>A column may be <b>dictionary-encoded</b> ({@link #wrapDictionary}, docs/FORMAT.md): its distinct
 * values are stored once, as a plain column of their own ({@link #dictionary()}), and each value is a
 * {@link #code} into it. Matchers take plain columns only: a scan runs them over the dictionary and gives
 * each value the hits of its entry. Per-value reads ({@link #start}, {@link #end}, {@link #length},
 * {@link #isAbsent}, {@link #valueAsString}, {@link #unitAt} at a {@code start}) work on both kinds;
 * {@link #offset} and {@link #offsets()} are the stored offsets, which for a dictionary column are the
 * entries'.
 *
 * <p>The view is mutable so that a scan worker can re-point one instance at block after block
 * ({@link #wrap}) instead of allocating views per block, in the style of Agrona's {@code UnsafeBuffer}.
 */
public final class Utf16Column {
    public static final ValueLayout.OfChar UNIT = ValueLayout.JAVA_CHAR_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfInt OFFSET = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfLong BITS = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final int ALIGNMENT = 64;

    private MemorySegment units = MemorySegment.NULL;
    private MemorySegment offsets = MemorySegment.NULL;
    private MemorySegment absent;
    private int count;
    private MemorySegment codes;
    private Utf16Column dictionary;

    public Utf16Column() {
    }

    /** Points this view at a plain column; see the class comment for the layout each segment must have. */
    public Utf16Column wrap(MemorySegment units, MemorySegment offsets, MemorySegment absentBitsOrNull, int count) {
        this.units = units;
        this.offsets = offsets;
        this.absent = absentBitsOrNull;
        this.count = count;
        this.codes = null;
        this.dictionary = null;
        return this;
    }

    /**
     * Points this view at a dictionary-encoded column: value {@code i} is entry {@code codes[i]} (int32 LE)
     * of {@code dictionary}, a plain column without absent values; absence is this column's bitmap. The
     * caller has checked every code is below {@code dictionary.count()}.
     */
    public Utf16Column wrapDictionary(Utf16Column dictionary, MemorySegment codes, MemorySegment absentBitsOrNull, int count) {
        if (dictionary.isDictionaryEncoded()) {
            throw new IllegalArgumentException("a dictionary must be a plain column");
        }
        this.units = dictionary.units;
        this.offsets = dictionary.offsets;
        this.absent = absentBitsOrNull;
        this.count = count;
        this.codes = codes;
        this.dictionary = dictionary;
        return this;
    }

    public boolean isDictionaryEncoded() {
        return codes != null;
    }

    /** The distinct values of a dictionary-encoded column as a plain column, or null for a plain column. */
    public Utf16Column dictionary() {
        return dictionary;
    }

    /** The int32 LE codes of a dictionary-encoded column (one per value), or null for a plain column. */
    public MemorySegment codes() {
        return codes;
    }

    /** The dictionary entry of value {@code i} (dictionary-encoded columns only). */
    public int code(int i) {
        return codes.getAtIndex(OFFSET, i);
    }

    /** Start of value {@code i} in code units, for both kinds of column. */
    public int start(int i) {
        return codes == null ? offset(i) : offset(code(i));
    }

    /** End (exclusive) of value {@code i} in code units, for both kinds of column. */
    public int end(int i) {
        return codes == null ? offset(i + 1) : offset(code(i) + 1);
    }

    public MemorySegment units() {
        return units;
    }

    public MemorySegment offsets() {
        return offsets;
    }

    /** The absent-bits segment, or null when every value is present. */
    public MemorySegment absentBits() {
        return absent;
    }

    public int count() {
        return count;
    }

    /** Code units stored: of all values of a plain column, of the dictionary of a dictionary-encoded one. */
    public int totalUnits() {
        return codes == null ? offset(count) : dictionary.totalUnits();
    }

    /**
     * Stored offset {@code i} in code units: of a plain column, the start of value {@code i} (or, for
     * {@code i == count()}, the end of the last value); of a dictionary-encoded one, of entry {@code i}.
     */
    public int offset(int i) {
        return offsets.getAtIndex(OFFSET, i);
    }

    public int length(int i) {
        return end(i) - start(i);
    }

    /**
     * {@link #length} after checking that value {@code i} lies inside {@link #units()}: for code that
     * sizes a buffer by the length before reading, so that an offset of a not-yet-verified corrupt column
     * raises {@link IndexOutOfBoundsException} instead of a gigabyte allocation.
     */
    public int checkedLength(int i) {
        int start = start(i);
        int end = end(i);
        if (start < 0 || end < start || 2L * end > units.byteSize()) {
            throw new IndexOutOfBoundsException("value " + i + " spans units [" + start + ", " + end + ") of a "
                    + (units.byteSize() / 2) + "-unit column");
        }
        return end - start;
    }

    public boolean isAbsent(int i) {
        return absent != null && (absent.getAtIndex(BITS, i >>> 6) & (1L << i)) != 0;
    }

    /** The code unit at a column-wide index (not relative to a value). */
    public char unitAt(int unitIndex) {
        return units.getAtIndex(UNIT, unitIndex);
    }

    /** Value {@code i} as a String, or null when absent. Allocates: output and reference paths only. */
    public String valueAsString(int i) {
        if (isAbsent(i)) {
            return null;
        }
        int len = checkedLength(i);
        int start = start(i);
        char[] chars = new char[len];
        MemorySegment.copy(units, UNIT, 2L * start, chars, 0, len);
        return new String(chars);
    }

    /**
     * A column holding {@code values} ({@code null} = absent), laid out exactly as in a file: for
     * tests, benchmarks and tools that build columns in memory.
     */
    public static Utf16Column of(String... values) {
        long total = 0;
        for (String v : values) {
            total += v == null ? 0 : v.length();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("column too large: " + total + " code units");
        }
        long unitBytes = ((2 * total + ALIGNMENT - 1) / ALIGNMENT) * ALIGNMENT;
        if (unitBytes == 0) {
            unitBytes = ALIGNMENT;
        }
        // Native, 64-byte aligned and zeroed, like a mapped column: vector loads from heap segments whose
        // array type differs from the vector's element type are not intrinsified on JDK 25 (~30x slower).
        MemorySegment units = Arena.ofAuto().allocate(unitBytes, ALIGNMENT);
        MemorySegment offsets = MemorySegment.ofArray(new int[values.length + 1]);
        MemorySegment absent = null;
        int pos = 0;
        for (int i = 0; i < values.length; i++) {
            offsets.setAtIndex(OFFSET, i, pos);
            String v = values[i];
            if (v == null) {
                if (absent == null) {
                    absent = MemorySegment.ofArray(new long[(values.length + 63) / 64]);
                }
                absent.setAtIndex(BITS, i >>> 6, absent.getAtIndex(BITS, i >>> 6) | (1L << i));
                continue;
            }
            for (int k = 0; k < v.length(); k++) {
                units.setAtIndex(UNIT, pos + k, v.charAt(k));
            }
            pos += v.length();
        }
        offsets.setAtIndex(OFFSET, values.length, pos);
        return new Utf16Column().wrap(units, offsets, absent, values.length);
    }
}
