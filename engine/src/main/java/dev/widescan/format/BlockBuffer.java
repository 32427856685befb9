package dev.widescan.format;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The records of the block being written, kept column by column, and their serialization into the v1
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
    private final int maxRecords;
    private final int columnUnitBudget;
    private int records;
    private byte[] out = new byte[1 << 16];

    BlockBuffer(int maxRecords, int columnUnitBudget) {
        this.maxRecords = maxRecords;
        this.columnUnitBudget = columnUnitBudget;
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

    /** Length in bytes of the serialized block. */
    long serializedBytes() {
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

    /**
     * Lays the block out into a reused array and returns it; the first {@link #serializedBytes()} bytes
     * are the block. Then clears this buffer for the next block.
     */
    byte[] serialize(long firstRecord) {
        long size = serializedBytes();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("block of " + size + " bytes exceeds the writer's limit");
        }
        if (out.length < size) {
            out = new byte[(int) Math.max(size, Math.min(Integer.MAX_VALUE - 16, 2L * out.length))];
        } else {
            Arrays.fill(out, 0, (int) size, (byte) 0);
        }
        MemorySegment seg = MemorySegment.ofArray(out);
        int n = records;
        long regionAt = FileLayout.BLOCK_HEADER_BYTES + FileLayout.directoryBytes(columns);
        for (int c = 0; c < columns; c++) {
            int total = unitCount[c];
            long unitsBytes = FileLayout.unitsBytes(total);
            offsets[c][n] = total;
            MemorySegment.copy(units[c], 0, seg, Utf16Column.UNIT, regionAt, total);
            long offsetsAt = regionAt + unitsBytes;
            MemorySegment.copy(offsets[c], 0, seg, Utf16Column.OFFSET, offsetsAt, n + 1);
            if (anyAbsent[c]) {
                MemorySegment.copy(absent[c], 0, seg, Utf16Column.BITS, offsetsAt + FileLayout.offsetsBytes(n),
                        (n + 63) >>> 6);
            }
            long regionLength = regionBytes(c);
            crc.reset();
            crc.update(out, (int) regionAt, (int) regionLength);
            long entry = FileLayout.BLOCK_HEADER_BYTES + (long) c * FileLayout.DIRECTORY_ENTRY_BYTES;
            seg.set(FileLayout.U64, entry, regionAt);
            seg.set(FileLayout.U64, entry + 8, regionLength);
            seg.set(FileLayout.U32, entry + 16, total);
            seg.set(FileLayout.U32, entry + 20, (int) unitsBytes);
            seg.set(FileLayout.U32, entry + 24, anyAbsent[c] ? FileLayout.FLAG_HAS_ABSENT : 0);
            seg.set(FileLayout.U32, entry + 28, (int) crc.getValue());
            regionAt += regionLength;
        }
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
