package dev.widescan.format;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A reusable view of one block of an {@link EventFile}: one instance per scan thread, re-pointed by
 * {@link EventFile#readBlock} at block after block.
 *
 * <p>Why columns are bound lazily: a scan usually reads one or two of the 27 columns; binding a column
 * (slicing the mapping into units, offsets and absent-bits segments) happens on the first
 * {@link #column} call after each {@code readBlock}, so unread columns cost nothing but the directory
 * check. The {@link Utf16Column} returned is owned by this block and re-pointed, never reallocated.
 */
public final class EventBlock {
    private static final MemorySegment ZERO_UNITS = MemorySegment.ofArray(new long[FileLayout.ALIGN / 8]);

    private final Utf16Column[] views = new Utf16Column[Field.count()];
    private final Utf16Column[] dictionaryViews = new Utf16Column[Field.count()];
    private final long[] viewStamp = new long[Field.count()];
    private final CRC32C crc = new CRC32C();
    private EventFile file;
    private MemorySegment mapping;
    private long stamp;
    private int index;
    private int records;
    private long firstRecord;
    private long blockOffset;
    private long[] regionOffset = new long[0];
    private long[] regionLength = new long[0];
    private int[] totalUnits = new int[0];
    private int[] unitsBytes = new int[0];
    private int[] flags = new int[0];
    private int[] columnCrc = new int[0];
    /** Per column: its dictionary's entry count, 0 for a plain column. */
    private int[] dictionaryEntries = new int[0];
    private MemorySegment missingOffsets = MemorySegment.ofArray(new int[0]);
    private MemorySegment missingAbsent = MemorySegment.ofArray(new long[0]);

    public EventBlock() {
        for (int f = 0; f < views.length; f++) {
            views[f] = new Utf16Column();
            dictionaryViews[f] = new Utf16Column();
        }
    }

    void point(EventFile file, int index, long offset, long length, long first, int count) {
        this.file = file;
        this.mapping = file.mapping();
        this.stamp++;
        this.index = index;
        this.blockOffset = offset;
        this.firstRecord = first;
        this.records = count;
        int columns = file.columnCount();
        long directoryEnd = FileLayout.BLOCK_HEADER_BYTES + (long) columns * FileLayout.DIRECTORY_ENTRY_BYTES;
        if (length < FileLayout.pad64(directoryEnd)) {
            throw error("is " + length + " bytes, too short for its directory");
        }
        if (mapping.get(FileLayout.U32, offset) != FileLayout.BLOCK_MAGIC) {
            throw error("has no WSBK magic at offset " + offset);
        }
        crc.reset();
        crc.update(mapping.asSlice(offset, FileLayout.BLOCK_HEADER_CRC_AT).asByteBuffer());
        crc.update(mapping.asSlice(offset + FileLayout.BLOCK_HEADER_BYTES, directoryEnd - FileLayout.BLOCK_HEADER_BYTES)
                .asByteBuffer());
        int expected = mapping.get(FileLayout.U32, offset + FileLayout.BLOCK_HEADER_CRC_AT);
        if ((int) crc.getValue() != expected) {
            throw error("header/directory CRC32C mismatch: expected " + FileLayout.hex(expected) + ", actual "
                    + FileLayout.hex((int) crc.getValue()));
        }
        if (mapping.get(FileLayout.U32, offset + 4) != count || mapping.get(FileLayout.U32, offset + 8) != columns
                || mapping.get(FileLayout.U64, offset + 16) != first || mapping.get(FileLayout.U64, offset + 24) != length) {
            throw error("header disagrees with the footer index (records, columns, first record or length)");
        }
        if (regionOffset.length < columns) {
            regionOffset = new long[columns];
            regionLength = new long[columns];
            totalUnits = new int[columns];
            unitsBytes = new int[columns];
            flags = new int[columns];
            columnCrc = new int[columns];
            dictionaryEntries = new int[columns];
        }
        long minRegion = FileLayout.pad64(directoryEnd);
        for (int c = 0; c < columns; c++) {
            long e = offset + FileLayout.BLOCK_HEADER_BYTES + (long) c * FileLayout.DIRECTORY_ENTRY_BYTES;
            long at = mapping.get(FileLayout.U64, e);
            long len = mapping.get(FileLayout.U64, e + 8);
            int units = mapping.get(FileLayout.U32, e + 16);
            int uBytes = mapping.get(FileLayout.U32, e + 20);
            int fl = mapping.get(FileLayout.U32, e + 24);
            boolean dictionary = (fl & FileLayout.FLAG_DICTIONARY) != 0;
            int entries = dictionary ? fl >>> FileLayout.DICTIONARY_ENTRIES_SHIFT : 0;
            long needed = (long) uBytes + (dictionary ? FileLayout.offsetsBytes(entries) + FileLayout.codesBytes(count)
                    : FileLayout.offsetsBytes(count))
                    + ((fl & FileLayout.FLAG_HAS_ABSENT) != 0 ? FileLayout.absentBytes(count) : 0);
            if (at < minRegion || at % FileLayout.ALIGN != 0 || len != needed || at + len > length || units < 0
                    || uBytes % FileLayout.ALIGN != 0 || (long) uBytes < Math.max(FileLayout.ALIGN, 2L * units)
                    || (fl & ((1 << FileLayout.DICTIONARY_ENTRIES_SHIFT) - 1) & ~FileLayout.FLAG_BITS) != 0
                    || (!dictionary && fl >>> FileLayout.DICTIONARY_ENTRIES_SHIFT != 0)
                    || (dictionary && (entries < 1 || entries > count))) {
                throw error("column " + file.columnName(c) + " has a bad directory entry (region " + at + "+" + len
                        + ", " + units + " units, flags " + FileLayout.hex(fl) + ")");
            }
            if (dictionary && file.majorVersion() < 2) {
                throw error("column " + file.columnName(c) + " is dictionary-encoded, which format version "
                        + file.majorVersion() + " does not have (the file is corrupt or mislabelled)");
            }
            long offsets = offset + at + uBytes;
            int spanned = dictionary ? entries : count;
            if (mapping.get(Utf16Column.OFFSET, offsets) != 0 || mapping.get(Utf16Column.OFFSET, offsets + 4L * spanned) != units) {
                throw error("column " + file.columnName(c) + " has offsets that do not span its " + units + " units");
            }
            dictionaryEntries[c] = entries;
            regionOffset[c] = at;
            regionLength[c] = len;
            totalUnits[c] = units;
            unitsBytes[c] = uBytes;
            flags[c] = fl;
            columnCrc[c] = mapping.get(FileLayout.U32, e + 28);
        }
    }

    public int index() {
        return index;
    }

    public int recordCount() {
        return records;
    }

    /** File-wide 0-based index of this block's first record. */
    public long firstRecord() {
        return firstRecord;
    }

    public EventFile file() {
        return file;
    }

    /** The column of {@code f}: a view owned by this block, valid until the next {@code readBlock} into it. */
    public Utf16Column column(Field f) {
        int fo = f.ordinal();
        Utf16Column view = views[fo];
        if (viewStamp[fo] != stamp) {
            bind(f, view);
            viewStamp[fo] = stamp;
        }
        return view;
    }

    private void bind(Field f, Utf16Column view) {
        if (file == null) {
            throw new IllegalStateException("EventBlock not pointed at a block yet: call EventFile.readBlock");
        }
        int c = file.columnOf(f);
        if (c < 0) {
            bindMissing(view);
            return;
        }
        long region = blockOffset + regionOffset[c];
        MemorySegment units = mapping.asSlice(region, unitsBytes[c]);
        int entries = dictionaryEntries[c];
        int spanned = entries > 0 ? entries : records;
        MemorySegment offsets = mapping.asSlice(region + unitsBytes[c], 4L * (spanned + 1));
        long afterOffsets = region + unitsBytes[c] + FileLayout.offsetsBytes(spanned);
        if (entries > 0) {
            MemorySegment codes = mapping.asSlice(afterOffsets, 4L * records);
            checkCodes(f, codes, entries);
            afterOffsets += FileLayout.codesBytes(records);
            Utf16Column dictionary = dictionaryViews[f.ordinal()].wrap(units, offsets, null, entries);
            view.wrapDictionary(dictionary, codes, absentBits(c, afterOffsets), records);
        } else {
            view.wrap(units, offsets, absentBits(c, afterOffsets), records);
        }
    }

    private MemorySegment absentBits(int c, long at) {
        return (flags[c] & FileLayout.FLAG_HAS_ABSENT) == 0 ? null : mapping.asSlice(at, 8L * ((records + 63) >>> 6));
    }

    /**
     * Every code must name an entry: checked once per bind so that per-value reads never leave the
     * dictionary. A scalar loop (~1 µs per 4,096 codes once compiled): the Vector API version was no
     * faster compiled and far slower before C2 compiles it, which short scans never outlive.
     */
    private void checkCodes(Field f, MemorySegment codes, int entries) {
        for (int r = 0; r < records; r++) {
            int code = codes.getAtIndex(Utf16Column.OFFSET, r);
            if (Integer.compareUnsigned(code, entries) >= 0) {
                throw error("column " + f + ": record " + r + " has dictionary code " + Integer.toUnsignedString(code)
                        + ", outside its " + entries + " entries: the file is corrupt");
            }
        }
    }

    /** Whether {@code f}'s column is dictionary-encoded in this block. */
    public boolean isDictionaryEncoded(Field f) {
        int c = file.columnOf(f);
        return c >= 0 && dictionaryEntries[c] > 0;
    }

    /** A column this file does not have (an older schema): every value absent. */
    private void bindMissing(Utf16Column view) {
        if (missingOffsets.byteSize() < 4L * (records + 1)) {
            missingOffsets = MemorySegment.ofArray(new int[records + 1]);
            long[] ones = new long[(records + 63) >>> 6];
            Arrays.fill(ones, -1L);
            missingAbsent = MemorySegment.ofArray(ones);
        }
        view.wrap(ZERO_UNITS, missingOffsets.asSlice(0, 4L * (records + 1)),
                missingAbsent.asSlice(0, 8L * ((records + 63) >>> 6)), records);
    }

    /** File offset of {@code f}'s column region in this block (its units come first); -1 if the file lacks the column. */
    public long columnFileOffset(Field f) {
        int c = file.columnOf(f);
        return c < 0 ? -1 : blockOffset + regionOffset[c];
    }

    /** Bytes of {@code f}'s column region in this block (units, offsets, absent bits, padding); 0 if missing. */
    public long columnBytes(Field f) {
        int c = file.columnOf(f);
        return c < 0 ? 0 : regionLength[c];
    }

    /** Checks the CRC32C of {@code f}'s column; throws {@link FormatException} naming file, block and field. */
    public void verify(Field f) {
        int c = file.columnOf(f);
        if (c < 0) {
            return;
        }
        int actual = columnCrcActual(c);
        if (actual != columnCrc[c]) {
            throw columnCrcError(f, columnCrc[c], actual);
        }
    }

    /** Whether {@code f}'s column passes its CRC32C check (true for a column the file does not have). */
    public boolean crcMatches(Field f) {
        int c = file.columnOf(f);
        return c < 0 || columnCrcActual(c) == columnCrc[c];
    }

    /** Column {@code c}'s whole region (units, offsets, absent bits, padding) as a byte buffer, for {@link ColumnChecksum}. */
    java.nio.ByteBuffer columnRegion(int c) {
        return mapping.asSlice(blockOffset + regionOffset[c], regionLength[c]).asByteBuffer();
    }

    int columnUnitsBytes(int c) {
        return unitsBytes[c];
    }

    int columnExpectedCrc(int c) {
        return columnCrc[c];
    }

    FormatException columnCrcError(Field f, int expected, int actual) {
        int c = file.columnOf(f);
        return error("column " + f + ": CRC32C mismatch (expected " + FileLayout.hex(expected) + ", actual "
                + FileLayout.hex(actual) + ", bytes " + (blockOffset + regionOffset[c]) + "+" + regionLength[c]
                + "): the file is corrupt");
    }

    private int columnCrcActual(int c) {
        crc.reset();
        crc.update(columnRegion(c));
        return (int) crc.getValue();
    }

    /** {@link #verify} of every column. */
    public void verifyAll() {
        for (Field f : Field.values()) {
            verify(f);
        }
    }

    /** Copies record {@code recordInBlock} into {@code into} as Strings (allocates: dump and output only). */
    public void readRecord(int recordInBlock, EventRecord into) {
        if (recordInBlock < 0 || recordInBlock >= records) {
            throw new IndexOutOfBoundsException("record " + recordInBlock + " of " + records + " in block " + index);
        }
        for (Field f : Field.values()) {
            into.set(f, column(f).valueAsString(recordInBlock));
        }
    }

    private FormatException error(String what) {
        return file.error("block " + index + " " + what);
    }
}
