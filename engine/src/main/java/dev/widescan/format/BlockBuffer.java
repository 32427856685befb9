package dev.widescan.format;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The records of the block being written, kept column by column, and their serialization into the v3
 * block layout (docs/FORMAT.md "Block").
 *
 * <p>Why columns are buffered as {@code char[]} and serialized in one go: the directory at the block
 * start needs every column's size and CRC, which are known only when the block is complete; buffering
 * UTF-16 code units (Java's own string representation) makes {@link #add} a bulk {@code getChars}, and
 * serialization a bulk little-endian copy. The buffers and the output array are reused for every block,
 * so a writer's memory is bounded by its largest block.
 */
final class BlockBuffer {
    private final int columns = Field.count();
    private final char[][] units = new char[columns][];
    private final int[] unitCount = new int[columns];
    private final int[][] offsets = new int[columns][];
    private final long[][] absent = new long[columns][];
    private final boolean[] anyAbsent = new boolean[columns];
    private final CRC32C crc = new CRC32C();
    private final DictionaryEncoder encoder = new DictionaryEncoder();
    private final int maxRecords;
    private final int columnUnitBudget;
    private final ColumnEncodings encodings;
    /** Per column: records whose value is absent in the buffered block. */
    private final int[] absentCount = new int[columns];
    private int[] entryOffsets = new int[1024];
    private int records;
    private long serializedLength;
    private byte[] out = new byte[1 << 16];

    BlockBuffer(int maxRecords, int columnUnitBudget, ColumnEncodings encodings) {
        this.maxRecords = maxRecords;
        this.columnUnitBudget = columnUnitBudget;
        this.encodings = encodings;
        for (int c = 0; c < columns; c++) {
            units[c] = new char[1024];
            offsets[c] = new int[maxRecords + 1];
            absent[c] = new long[(maxRecords + 63) >>> 6];
        }
    }

    int maxRecords() {
        return maxRecords;
    }

    int columnUnitBudget() {
        return columnUnitBudget;
    }

    int records() {
        return records;
    }

    /** Whether {@code r} must start a new block (only asked when this block is not empty). */
    boolean wouldOverflow(EventRecord r) {
        if (records >= maxRecords) {
            return true;
        }
        for (int c = 0; c < columns; c++) {
            String v = r.get(Field.ofOrdinal(c));
            if (v != null && (long) unitCount[c] + v.length() > columnUnitBudget) {
                return true;
            }
        }
        return false;
    }

    void add(EventRecord r) {
        int i = records;
        for (int c = 0; c < columns; c++) {
            Field f = Field.ofOrdinal(c);
            String v = r.get(f);
            int pos = unitCount[c];
            offsets[c][i] = pos;
            if (v == null) {
                absent[c][i >>> 6] |= 1L << i;
                anyAbsent[c] = true;
                absentCount[c]++;
                continue;
            }
            int len = v.length();
            if ((long) pos + len > FileLayout.MAX_COLUMN_UNITS) {
                throw new IllegalArgumentException("value of field " + f + " has " + len
                        + " code units; one block column holds at most " + FileLayout.MAX_COLUMN_UNITS);
            }
            if (pos + len > units[c].length) {
                long grown = Math.max((long) pos + len, 2L * units[c].length);
                units[c] = Arrays.copyOf(units[c], (int) Math.min(grown, FileLayout.MAX_COLUMN_UNITS));
            }
            v.getChars(0, len, units[c], pos);
            unitCount[c] = pos + len;
        }
        records = i + 1;
    }

    /**
     * Length in bytes of the block with every column plain: an upper bound of the serialized length, since
     * a column is dictionary-encoded only when that makes it smaller.
     */
    long plainBytes() {
        long size = FileLayout.BLOCK_HEADER_BYTES + FileLayout.directoryBytes(columns);
        for (int c = 0; c < columns; c++) {
            size += regionBytes(c);
        }
        return size;
    }

    private long regionBytes(int c) {
        return FileLayout.unitsBytes(unitCount[c]) + FileLayout.offsetsBytes(records)
                + (anyAbsent[c] ? FileLayout.absentBytes(records) : 0);
    }

    /** Length in bytes of the block last returned by {@link #serialize}. */
    long serializedLength() {
        return serializedLength;
    }

    /**
     * Lays the block out into a reused array and returns it; the first {@link #serializedLength()} bytes
     * are the block. Then clears this buffer for the next block.
     */
    byte[] serialize(long firstRecord) {
        long bound = plainBytes();
        if (bound > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("block of " + bound + " bytes exceeds the writer's limit");
        }
        if (out.length < bound) {
            out = new byte[(int) Math.max(bound, Math.min(Integer.MAX_VALUE - 16, 2L * out.length))];
        } else {
            Arrays.fill(out, 0, (int) bound, (byte) 0);
        }
        MemorySegment seg = MemorySegment.ofArray(out);
        int n = records;
        long regionAt = FileLayout.BLOCK_HEADER_BYTES + FileLayout.directoryBytes(columns);
        for (int c = 0; c < columns; c++) {
            offsets[c][n] = unitCount[c];
            long entry = FileLayout.BLOCK_HEADER_BYTES + (long) c * FileLayout.DIRECTORY_ENTRY_BYTES;
            regionAt += writeColumn(c, seg, regionAt, entry);
        }
        long size = regionAt;
        serializedLength = size;
        seg.set(FileLayout.U32, FileLayout.BLOCK_MAGIC_OFFSET, FileLayout.BLOCK_MAGIC);
        seg.set(FileLayout.U32, FileLayout.BLOCK_RECORD_COUNT_OFFSET, n);
        seg.set(FileLayout.U32, FileLayout.BLOCK_COLUMN_COUNT_OFFSET, columns);
        seg.set(FileLayout.U64, FileLayout.BLOCK_FIRST_RECORD_OFFSET, firstRecord);
        seg.set(FileLayout.U64, FileLayout.BLOCK_LENGTH_OFFSET, size);
        crc.reset();
        crc.update(out, 0, FileLayout.BLOCK_HEADER_CRC_OFFSET);
        crc.update(out, FileLayout.BLOCK_HEADER_BYTES, columns * FileLayout.DIRECTORY_ENTRY_BYTES);
        seg.set(FileLayout.U32, FileLayout.BLOCK_HEADER_CRC_OFFSET, (int) crc.getValue());
        clear();
        return out;
    }

    /**
     * Writes column {@code c}'s region at {@code regionAt} in the smallest kind the encodings allow and
     * its directory entry at {@code entry}; returns the region's length. The kinds, smallest first:
     * all-absent (nothing), constant (the one value once, plus the absent bitmap if some are absent),
     * dictionary (when it halves the plain layout), plain.
     */
    private long writeColumn(int c, MemorySegment seg, long regionAt, long entry) {
        int n = records;
        int flags;
        int storedUnits;
        long unitsBytes;
        long afterUnits;
        if (encodings.constants() && absentCount[c] == n) {
            flags = FileLayout.FLAG_ALL_ABSENT;
            storedUnits = 0;
            unitsBytes = 0;
            afterUnits = regionAt;
        } else if (encodings.constants() && presentValuesEqual(c)) {
            int first = firstPresent(c);
            storedUnits = offsets[c][first + 1] - offsets[c][first];
            unitsBytes = FileLayout.pad64(2L * storedUnits);
            MemorySegment.copy(units[c], offsets[c][first], seg, Utf16Column.UNIT, regionAt, storedUnits);
            flags = FileLayout.FLAG_CONSTANT | (anyAbsent[c] ? FileLayout.FLAG_HAS_ABSENT : 0);
            afterUnits = regionAt + unitsBytes;
        } else {
            int entries = encodings.dictionaries() ? dictionaryEntries(c) : 0;
            if (entries > 0) {
                storedUnits = writeDictionary(c, seg, regionAt, entries);
                unitsBytes = FileLayout.unitsBytes(storedUnits);
                long codesAt = regionAt + unitsBytes + FileLayout.offsetsBytes(entries);
                MemorySegment.copy(encoder.codes(), 0, seg, Utf16Column.OFFSET, codesAt, n);
                afterUnits = codesAt + FileLayout.codesBytes(n);
                flags = FileLayout.FLAG_DICTIONARY | (entries << FileLayout.DICTIONARY_ENTRIES_SHIFT);
            } else {
                storedUnits = unitCount[c];
                unitsBytes = FileLayout.unitsBytes(storedUnits);
                MemorySegment.copy(units[c], 0, seg, Utf16Column.UNIT, regionAt, storedUnits);
                MemorySegment.copy(offsets[c], 0, seg, Utf16Column.OFFSET, regionAt + unitsBytes, n + 1);
                afterUnits = regionAt + unitsBytes + FileLayout.offsetsBytes(n);
                flags = 0;
            }
            flags |= anyAbsent[c] ? FileLayout.FLAG_HAS_ABSENT : 0;
        }
        if ((flags & FileLayout.FLAG_HAS_ABSENT) != 0) {
            MemorySegment.copy(absent[c], 0, seg, Utf16Column.BITS, afterUnits, (n + 63) >>> 6);
        }
        long regionLength = afterUnits - regionAt + ((flags & FileLayout.FLAG_HAS_ABSENT) != 0 ? FileLayout.absentBytes(n) : 0);
        crc.reset();
        crc.update(out, (int) regionAt, (int) regionLength);
        seg.set(FileLayout.U64, entry + FileLayout.DIRECTORY_REGION_OFFSET_OFFSET, regionAt);
        seg.set(FileLayout.U64, entry + FileLayout.DIRECTORY_REGION_LENGTH_OFFSET, regionLength);
        seg.set(FileLayout.U32, entry + FileLayout.DIRECTORY_TOTAL_UNITS_OFFSET, storedUnits);
        seg.set(FileLayout.U32, entry + FileLayout.DIRECTORY_UNITS_BYTES_OFFSET, (int) unitsBytes);
        seg.set(FileLayout.U32, entry + FileLayout.DIRECTORY_FLAGS_OFFSET, flags);
        seg.set(FileLayout.U32, entry + FileLayout.DIRECTORY_COLUMN_CRC_OFFSET, (int) crc.getValue());
        return regionLength;
    }

    private int firstPresent(int c) {
        int i = 0;
        while ((absent[c][i >>> 6] & (1L << i)) != 0) {
            i++;
        }
        return i;
    }

    /** Whether every present value of column {@code c} equals the first (at least one is present). */
    private boolean presentValuesEqual(int c) {
        int[] off = offsets[c];
        char[] u = units[c];
        int first = firstPresent(c);
        int from = off[first];
        int to = off[first + 1];
        int len = to - from;
        if ((long) len * (records - absentCount[c]) != unitCount[c]) {
            return false; // the lengths cannot all be equal
        }
        for (int i = first + 1; i < records; i++) {
            if ((absent[c][i >>> 6] & (1L << i)) == 0 && !Arrays.equals(u, off[i], off[i + 1], u, from, to)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The entry count if column {@code c} is to be dictionary-encoded, else 0. The rule: encode when the
     * dictionary layout takes at most half the plain layout's bytes (docs/FORMAT.md explains the choice).
     */
    private int dictionaryEntries(int c) {
        int n = records;
        encoder.encode(units[c], offsets[c], n);
        int entries = encoder.entries();
        long plain = FileLayout.unitsBytes(unitCount[c]) + FileLayout.offsetsBytes(n);
        long dictionary = FileLayout.unitsBytes(encoder.entryUnits()) + FileLayout.offsetsBytes(entries) + FileLayout.codesBytes(n);
        return 2 * dictionary <= plain && entries < FileLayout.MAX_DICTIONARY_ENTRIES ? entries : 0;
    }

    /** Writes the entries' units and offsets of column {@code c} at {@code regionAt}; returns the entries' units. */
    private int writeDictionary(int c, MemorySegment seg, long regionAt, int entries) {
        if (entryOffsets.length < entries + 1) {
            entryOffsets = new int[Math.max(entries + 1, 2 * entryOffsets.length)];
        }
        int[] off = offsets[c];
        int pos = 0;
        for (int e = 0; e < entries; e++) {
            int v = encoder.entryValue(e);
            int len = off[v + 1] - off[v];
            entryOffsets[e] = pos;
            MemorySegment.copy(units[c], off[v], seg, Utf16Column.UNIT, regionAt + 2L * pos, len);
            pos += len;
        }
        entryOffsets[entries] = pos;
        MemorySegment.copy(entryOffsets, 0, seg, Utf16Column.OFFSET, regionAt + FileLayout.unitsBytes(pos), entries + 1);
        return pos;
    }

    private void clear() {
        for (int c = 0; c < columns; c++) {
            unitCount[c] = 0;
            if (anyAbsent[c]) {
                Arrays.fill(absent[c], 0L);
                anyAbsent[c] = false;
                absentCount[c] = 0;
            }
        }
        records = 0;
    }
}
