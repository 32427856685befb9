package dev.widescan.format;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The records of the block being written, kept column by column, and their serialization into the v2
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
    private final boolean dictionaries;
    private int[] entryOffsets = new int[1024];
    private int records;
    private long serializedLength;
    private byte[] out = new byte[1 << 16];

    BlockBuffer(int maxRecords, int columnUnitBudget, boolean dictionaries) {
        this.maxRecords = maxRecords;
        this.columnUnitBudget = columnUnitBudget;
        this.dictionaries = dictionaries;
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
            int total = unitCount[c];
            offsets[c][n] = total;
            int entries = dictionaries ? dictionaryEntries(c) : 0;
            long unitsBytes;
            int storedUnits;
            long afterOffsets;
            if (entries > 0) {
                storedUnits = writeDictionary(c, seg, regionAt, entries);
                unitsBytes = FileLayout.unitsBytes(storedUnits);
                long codesAt = regionAt + unitsBytes + FileLayout.offsetsBytes(entries);
                MemorySegment.copy(encoder.codes(), 0, seg, Utf16Column.OFFSET, codesAt, n);
                afterOffsets = codesAt + FileLayout.codesBytes(n);
            } else {
                storedUnits = total;
                unitsBytes = FileLayout.unitsBytes(total);
                MemorySegment.copy(units[c], 0, seg, Utf16Column.UNIT, regionAt, total);
                MemorySegment.copy(offsets[c], 0, seg, Utf16Column.OFFSET, regionAt + unitsBytes, n + 1);
                afterOffsets = regionAt + unitsBytes + FileLayout.offsetsBytes(n);
            }
            if (anyAbsent[c]) {
                MemorySegment.copy(absent[c], 0, seg, Utf16Column.BITS, afterOffsets, (n + 63) >>> 6);
            }
            long regionLength = afterOffsets - regionAt + (anyAbsent[c] ? FileLayout.absentBytes(n) : 0);
            crc.reset();
            crc.update(out, (int) regionAt, (int) regionLength);
            long entry = FileLayout.BLOCK_HEADER_BYTES + (long) c * FileLayout.DIRECTORY_ENTRY_BYTES;
            int flags = (anyAbsent[c] ? FileLayout.FLAG_HAS_ABSENT : 0)
                    | (entries > 0 ? FileLayout.FLAG_DICTIONARY | (entries << FileLayout.DICTIONARY_ENTRIES_SHIFT) : 0);
            seg.set(FileLayout.U64, entry, regionAt);
            seg.set(FileLayout.U64, entry + 8, regionLength);
            seg.set(FileLayout.U32, entry + 16, storedUnits);
            seg.set(FileLayout.U32, entry + 20, (int) unitsBytes);
            seg.set(FileLayout.U32, entry + 24, flags);
            seg.set(FileLayout.U32, entry + 28, (int) crc.getValue());
            regionAt += regionLength;
        }
        long size = regionAt;
        serializedLength = size;
        seg.set(FileLayout.U32, 0, FileLayout.BLOCK_MAGIC);
        seg.set(FileLayout.U32, 4, n);
        seg.set(FileLayout.U32, 8, columns);
        seg.set(FileLayout.U64, 16, firstRecord);
        seg.set(FileLayout.U64, 24, size);
        crc.reset();
        crc.update(out, 0, FileLayout.BLOCK_HEADER_CRC_AT);
        crc.update(out, FileLayout.BLOCK_HEADER_BYTES, columns * FileLayout.DIRECTORY_ENTRY_BYTES);
        seg.set(FileLayout.U32, FileLayout.BLOCK_HEADER_CRC_AT, (int) crc.getValue());
        clear();
        return out;
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
            }
        }
        records = 0;
    }
}
