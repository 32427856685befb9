package dev.widescan.format;

import java.lang.foreign.MemorySegment;

/**
 * One field's column of one block as records see it: value {@code i} belongs to record {@code i},
 * whatever the storage {@link ColumnKind} (plain, dictionary, constant, all-absent).
 *
 * <p>Why this is not a {@link Utf16Column}: only a plain column stores record {@code i} as value
 * {@code i} of a run of units. A dictionary-encoded, constant or all-absent column stores distinct values
 * (entries) and a code per record (the constant and absent kinds have an implied code 0), so handing such
 * a column to a matcher would silently read entry {@code i} as record {@code i}. Matchers therefore take
 * a {@link Utf16Column} only: {@link #plain()} for a plain column, {@link #dictionary()} (the entries)
 * for the others, whose hits a scan hands on to the records of each entry. Per-record reads
 * ({@link #start}, {@link #end}, {@link #length}, {@link #isAbsent}, {@link #valueAsString},
 * {@link #unitAt} at a {@code start}) work the same on every kind; that is all Sigma's column checks use.
 *
 * <p>Mutable and re-pointed block after block ({@link EventBlock} owns one per field), so a scan
 * allocates nothing per block. {@link #generation()} changes on every re-point, for per-block caches.
 */
public final class RecordColumn {
    private static final java.util.concurrent.atomic.AtomicLong GENERATIONS = new java.util.concurrent.atomic.AtomicLong();

    private final Utf16Column plainView = new Utf16Column();
    private final Utf16Column entriesView = new Utf16Column();
    private ColumnKind kind = ColumnKind.PLAIN;
    private MemorySegment units = MemorySegment.NULL;
    private MemorySegment codes;
    /**
     * The codes of {@link #codes}, copied once per re-point (16 KiB for 4,096 records): the scan reads a
     * record's code several times per block (hits per entry, rule answers per entry, output), and a read
     * from an {@code int[]} is one bounds-checked load even before C2 has compiled the loop, where a segment
     * read goes through the VarHandle chain ({@code isAlignedForElement} was 6–10% of a cold seed scan's
     * samples, bench/RESULTS.md §20). Grown, never shrunk: no allocation per block.
     */
    private int[] codeArray = new int[0];
    /** Records with a code in {@link #codeArray}: {@link #count} for a column with entries, 0 for a plain one. */
    private int codeCount;
    /**
     * The offsets (of the values of a plain column, of the entries otherwise) and the absent bitmap's
     * words, copied at re-point for the same reason as the codes: {@link #start}, {@link #end} and
     * {@link #isAbsent} are asked per record by rule checks and output (bench/RESULTS.md §20). The bind
     * check reads the same copy ({@link #firstOffsetOutOfOrder}).
     */
    private int[] offsetArray = new int[0];
    private int offsetCount;
    private long[] absentWords = new long[0];
    private MemorySegment absent;
    private int count;
    private long generation;
    /** {@link #valueUnits}'s copy, and the record and re-point it was made for. */
    private char[] valueCopy = new char[256];
    private int copiedRecord = -1;
    private long copiedGeneration = -1;

    public RecordColumn() {
    }

    /** Points this view at a plain column (see {@link Utf16Column} for the layout). */
    public RecordColumn wrapPlain(MemorySegment units, MemorySegment offsets, MemorySegment absentBitsOrNull, int count) {
        plainView.wrap(units, offsets, absentBitsOrNull, count);
        return point(ColumnKind.PLAIN, units, offsets, count + 1, null, absentBitsOrNull, count);
    }

    /** Points this view at the values of {@code plain} (a column built in memory: tests, tools). */
    public RecordColumn wrapPlain(Utf16Column plain) {
        return wrapPlain(plain.units(), plain.offsets(), plain.absentBits(), plain.count());
    }

    /**
     * Points this view at a column whose record {@code i} is entry {@code codes[i]} (int32 LE) of
     * {@code entries} (a plain column without absent values); absence is this column's bitmap. The caller
     * has checked every code is below {@code entries.count()}. {@code kind} is
     * {@link ColumnKind#DICTIONARY}, or {@link ColumnKind#CONSTANT} / {@link ColumnKind#ABSENT} with one
     * entry and all-zero codes.
     */
    public RecordColumn wrapEntries(ColumnKind kind, Utf16Column entries, MemorySegment codes,
                                    MemorySegment absentBitsOrNull, int count) {
        if (kind == ColumnKind.PLAIN) {
            throw new IllegalArgumentException("a plain column has no entries: use wrapPlain");
        }
        if (entries.absentBits() != null) {
            throw new IllegalArgumentException("dictionary entries are never absent");
        }
        entriesView.wrap(entries.units(), entries.offsets(), null, entries.count());
        return point(kind, entries.units(), entries.offsets(), entries.count() + 1, codes, absentBitsOrNull, count);
    }

    /** A dictionary-encoded column of {@code count} records (for tests and tools that build columns in memory). */
    public RecordColumn wrapDictionary(Utf16Column entries, MemorySegment codes, MemorySegment absentBitsOrNull, int count) {
        return wrapEntries(ColumnKind.DICTIONARY, entries, codes, absentBitsOrNull, count);
    }

    private RecordColumn point(ColumnKind kind, MemorySegment units, MemorySegment offsets, int offsetCount,
                               MemorySegment codes, MemorySegment absent, int count) {
        this.kind = kind;
        this.units = units;
        this.codes = codes;
        this.absent = absent;
        this.count = count;
        codeCount = codes == null ? 0 : count;
        if (codes != null) {
            if (codeArray.length < count) {
                codeArray = new int[Math.max(count, 2 * codeArray.length)];
            }
            MemorySegment.copy(codes, Utf16Column.OFFSET, 0, codeArray, 0, count);
        }
        if (offsetArray.length < offsetCount) {
            // Sized for the block's records, not for a dictionary's entries, whose count changes from block to
            // block: each growth after C2 had compiled the callers was a deoptimization and a recompile of
            // EventBlock.bind (~100 ms of C2 in a seed-rule scan, bench/RESULTS.md §25).
            offsetArray = new int[Math.max(Math.max(offsetCount, count + 1), 2 * offsetArray.length)];
        }
        MemorySegment.copy(offsets, Utf16Column.OFFSET, 0, offsetArray, 0, offsetCount);
        this.offsetCount = offsetCount;
        if (absent != null) {
            int words = (count + 63) >>> 6;
            if (absentWords.length < words) {
                absentWords = new long[Math.max(words, 2 * absentWords.length)];
            }
            MemorySegment.copy(absent, Utf16Column.BITS, 0, absentWords, 0, words);
        }
        this.generation = GENERATIONS.incrementAndGet();
        return this;
    }

    /** A plain column holding {@code values} ({@code null} = absent): for tests and tools. */
    public static RecordColumn of(String... values) {
        return new RecordColumn().wrapPlain(Utf16Column.of(values));
    }

    public ColumnKind kind() {
        return kind;
    }

    /** Whether the values are read through entries and codes (every kind but {@link ColumnKind#PLAIN}). */
    public boolean hasEntries() {
        return codes != null;
    }

    /** The values of a plain column, for a matcher; throws for the other kinds (use {@link #dictionary()}). */
    public Utf16Column plain() {
        if (kind != ColumnKind.PLAIN) {
            throw new IllegalStateException("a " + kind.label() + " column has no plain values: scan its dictionary()");
        }
        return plainView;
    }

    /** The entries of a dictionary, constant or absent column as plain values (one empty entry for absent), or null for a plain column. */
    public Utf16Column dictionary() {
        return codes == null ? null : entriesView;
    }

    /** The int32 LE codes (one per record), or null for a plain column. */
    public MemorySegment codes() {
        return codes;
    }

    /** The entry of record {@code i} (columns with entries only). */
    public int code(int i) {
        return codeArray[java.util.Objects.checkIndex(i, codeCount)]; // a plain column: no code, never a stale one
    }

    /**
     * The first record whose code is not below {@code entries} (read as unsigned), or -1: the check a
     * reader makes once per bind, so that per-value reads never leave the dictionary.
     */
    public int firstCodeNotBelow(int entries) {
        return ColumnIndexChecks.firstNotBelow(codeArray, codeCount, entries);
    }

    /** Changes on every re-point: a per-block cache keyed on it is never stale. */
    public long generation() {
        return generation;
    }

    public int count() {
        return count;
    }

    /** Code units stored: of all values of a plain column, of the entries otherwise. */
    public int totalUnits() {
        return codes == null ? plainView.totalUnits() : entriesView.totalUnits();
    }

    /** The units segment (values of a plain column, entries otherwise); see {@link Utf16Column#units()}. */
    public MemorySegment units() {
        return units;
    }

    /** The absent-bits segment (bit set = absent), or null when every record is present. */
    public MemorySegment absentBits() {
        return absent;
    }

    /** Start of record {@code i}'s value in code units. */
    public int start(int i) {
        return offsetArray[java.util.Objects.checkIndex(codes == null ? i : code(i), offsetCount - 1)];
    }

    /** End (exclusive) of record {@code i}'s value in code units. */
    public int end(int i) {
        return offsetArray[java.util.Objects.checkIndex(codes == null ? i : code(i), offsetCount - 1) + 1];
    }

    /** Offset {@code k} of the values (plain) or entries (other kinds): {@code 0 <= k <= } their count. */
    public int offsetAt(int k) {
        return offsetArray[java.util.Objects.checkIndex(k, offsetCount)];
    }

    /**
     * The first offset index {@code k} in {@code [1, count)} of the values or entries whose offset is below
     * the one before or above {@code max}, or -1: the bind check, over this view's copy.
     */
    public int firstOffsetOutOfOrder(int max) {
        return ColumnIndexChecks.firstOutOfOrder(offsetArray, offsetCount - 1, max);
    }

    public int length(int i) {
        return end(i) - start(i);
    }

    /**
     * {@link #length} after checking that the value lies inside {@link #units()}: for code that sizes a
     * buffer by the length before reading, so that an offset of a not-yet-verified corrupt column raises
     * {@link IndexOutOfBoundsException} instead of a gigabyte allocation.
     */
    public int checkedLength(int i) {
        return Utf16Column.checkedSpan(i, start(i), end(i), units);
    }

    public boolean isAbsent(int i) {
        return absent != null && (absentWords[java.util.Objects.checkIndex(i, count) >>> 6] & (1L << i)) != 0;
    }

    /** Records whose value is absent. */
    public int absentCount() {
        if (absent == null) {
            return 0;
        }
        int n = 0;
        for (int w = 0; w < count >>> 6; w++) {
            n += Long.bitCount(absentWords[w]);
        }
        if ((count & 63) != 0) {
            n += Long.bitCount(absentWords[count >>> 6] & ((1L << count) - 1));
        }
        return n;
    }

    /**
     * Record {@code i}'s value copied to a reused array: units {@code [0, length(i))} of the result, valid
     * until this is asked for another record or the view is re-pointed (the checks of one record share the
     * copy). For checks that read a value unit by unit (on-demand literals, wildcard patterns): read from
     * the segment, every unit runs the segment's VarHandle chain until C2 has compiled the loop, which was
     * ~20% of the whole catalog's first second of scanning (bench/RESULTS.md §20). The array grows to the
     * longest value read, as {@code RegexDfa}'s does.
     */
    public char[] valueUnits(int i) {
        if (i != copiedRecord || copiedGeneration != generation) {
            int length = checkedLength(i);
            if (valueCopy.length < length) {
                valueCopy = new char[Math.max(length, 2 * valueCopy.length)];
            }
            MemorySegment.copy(units, Utf16Column.UNIT, 2L * start(i), valueCopy, 0, length);
            copiedRecord = i;
            copiedGeneration = generation;
        }
        return valueCopy;
    }

    /** The code unit at a column-wide index (not relative to a value). */
    public char unitAt(int unitIndex) {
        return units.getAtIndex(Utf16Column.UNIT, unitIndex);
    }

    /** Record {@code i}'s value as a String, or null when absent. Allocates: output and reference paths only. */
    public String valueAsString(int i) {
        if (isAbsent(i)) {
            return null;
        }
        int len = checkedLength(i);
        int start = start(i);
        char[] chars = new char[len];
        MemorySegment.copy(units, Utf16Column.UNIT, 2L * start, chars, 0, len);
        return new String(chars);
    }

    @Override
    public String toString() {
        return "RecordColumn[" + kind.label() + ", " + count + " records]";
    }
}
