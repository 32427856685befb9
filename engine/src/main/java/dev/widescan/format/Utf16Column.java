package dev.widescan.format;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A zero-copy view of <b>plain values</b> stored back to back: value {@code i} spans units
 * {@code [offset(i), offset(i+1))}. This is the only type a {@code Matcher} scans.
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
 * <p>Why a type of its own: a block's column as records see it ({@link RecordColumn}) may be stored
 * dictionary-encoded, constant or all-absent (docs/FORMAT.md), where record {@code i} is <i>not</i>
 * value {@code i} of any run of units. Such a column hands matchers its distinct values as a
 * {@code Utf16Column} ({@link RecordColumn#dictionary()}) and a plain one its values
 * ({@link RecordColumn#plain()}): a matcher can be given values only, never records through codes, and
 * {@link #offset} always means value {@code i}.
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

    public Utf16Column() {
    }

    /** Points this view at a plain column; see the class comment for the layout each segment must have. */
    public Utf16Column wrap(MemorySegment units, MemorySegment offsets, MemorySegment absentBitsOrNull, int count) {
        this.units = units;
        this.offsets = offsets;
        this.absent = absentBitsOrNull;
        this.count = count;
        return this;
    }

    /**
     * The first value index after {@code from} at which values {@code [from, i)} hold at least {@code units}
     * code units, or {@code to}: where a piece of about that size ends (the scan's CRC pieces, tune's
     * sample pieces). A binary search over the offsets, which only have to be non-decreasing for the
     * pieces to have that size (corrupt offsets give odd pieces, and then a CRC error).
     */
    public int pieceEnd(int from, int to, long units) {
        long target = (long) offset(from) + units;
        if (offset(to) <= target) {
            return to;
        }
        int lo = from + 1;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (offset(mid) >= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Start of value {@code i} in code units. */
    public int start(int i) {
        return offset(i);
    }

    /** End (exclusive) of value {@code i} in code units. */
    public int end(int i) {
        return offset(i + 1);
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

    /** Code units of all values. */
    public int totalUnits() {
        return offset(count);
    }

    /** Start of value {@code i} in code units (for {@code i == count()}, the end of the last value). */
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
        return checkedSpan(i, start(i), end(i), units);
    }

    /** {@code end - start} once the span is known to lie inside {@code units}; shared with {@link RecordColumn}. */
    static int checkedSpan(int value, int start, int end, MemorySegment units) {
        if (start < 0 || end < start || 2L * end > units.byteSize()) {
            throw new IndexOutOfBoundsException("value " + value + " spans units [" + start + ", " + end + ") of a "
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
