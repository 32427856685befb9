package dev.widescan.format;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
    // Native like the mapping, so that reads of these stand-ins run the same compiled code (a heap segment
    // at the same call sites would add a second receiver type to the matchers' profiles).
    private static final MemorySegment ZERO_UNITS = Arena.global().allocate(FileLayout.ALIGN, FileLayout.ALIGN);

    private static final MemorySegment EMPTY_ENTRY_OFFSETS = Arena.global().allocate(8, FileLayout.ALIGN);

    private final RecordColumn[] views = new RecordColumn[Field.count()];
    private final Utf16Column[] dictionaryViews = new Utf16Column[Field.count()];
    /** Per field: the entry offsets {0, U, U} of a constant column's value and, if some are absent, the empty entry. */
    private final MemorySegment[] constantOffsets = new MemorySegment[Field.count()];
    /** Per field: a constant column's codes when some values are absent (0 present, 1 absent). */
    private final MemorySegment[] constantCodes = new MemorySegment[Field.count()];
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
    /** Scratch of {@link #checkRegionsDisjoint}: column indexes by region offset. */
    private int[] regionOrder = new int[0];
    /**
     * The block's header and directory, copied in one bulk read (grows to the widest directory, then stays).
     * Why a copy: {@link #point} runs once per block from the scan's first block on, long before C2 compiles
     * it, and there each mapped read was a VarHandle call through the segment checks
     * ({@code isAlignedForElement} ~7% of a cold demo scan's samples, JFR); the same reads from an array cost
     * array loads, the header's CRC32C needs no ByteBuffer views, and C2's compile of this method shrinks.
     */
    private byte[] headBytes = new byte[0];
    private MemorySegment zeroCodes = ZERO_UNITS.asSlice(0, 0);
    private MemorySegment missingAbsent = ZERO_UNITS.asSlice(0, 0);

    public EventBlock() {
        for (int f = 0; f < views.length; f++) {
            views[f] = new RecordColumn();
            dictionaryViews[f] = new Utf16Column();
            constantOffsets[f] = Arena.ofAuto().allocate(12, FileLayout.ALIGN);
            constantCodes[f] = ZERO_UNITS.asSlice(0, 0);
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
        int headLength = (int) directoryEnd;
        if (headBytes.length < headLength) {
            headBytes = new byte[headLength];
        }
        byte[] head = headBytes;
        MemorySegment.copy(mapping, ValueLayout.JAVA_BYTE, offset, head, 0, headLength);
        if (u32(head, FileLayout.BLOCK_MAGIC_OFFSET) != FileLayout.BLOCK_MAGIC) {
            throw error("has no WSBK magic at offset " + offset);
        }
        crc.reset();
        crc.update(head, 0, FileLayout.BLOCK_HEADER_CRC_OFFSET);
        crc.update(head, FileLayout.BLOCK_HEADER_BYTES, headLength - FileLayout.BLOCK_HEADER_BYTES);
        int expected = u32(head, FileLayout.BLOCK_HEADER_CRC_OFFSET);
        if ((int) crc.getValue() != expected) {
            throw error("header/directory CRC32C mismatch: expected " + FileLayout.hex(expected) + ", actual "
                    + FileLayout.hex((int) crc.getValue()));
        }
        if (u32(head, FileLayout.BLOCK_RECORD_COUNT_OFFSET) != count
                || u32(head, FileLayout.BLOCK_COLUMN_COUNT_OFFSET) != columns
                || u64(head, FileLayout.BLOCK_FIRST_RECORD_OFFSET) != first
                || u64(head, FileLayout.BLOCK_LENGTH_OFFSET) != length) {
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
            int e = FileLayout.BLOCK_HEADER_BYTES + c * FileLayout.DIRECTORY_ENTRY_BYTES;
            long at = u64(head, e + FileLayout.DIRECTORY_REGION_OFFSET_OFFSET);
            long len = u64(head, e + FileLayout.DIRECTORY_REGION_LENGTH_OFFSET);
            int units = u32(head, e + FileLayout.DIRECTORY_TOTAL_UNITS_OFFSET);
            int uBytes = u32(head, e + FileLayout.DIRECTORY_UNITS_BYTES_OFFSET);
            int fl = u32(head, e + FileLayout.DIRECTORY_FLAGS_OFFSET);
            ColumnKind kind = checkDirectoryEntry(c, at, len, units, uBytes, fl, minRegion, length);
            int entries = kind == ColumnKind.DICTIONARY ? fl >>> FileLayout.DICTIONARY_ENTRIES_SHIFT : 0;
            // the offsets' span is checked when the column is bound (checkOffsetsSpan): read here, it touched
            // every column of every block, also the columns a scan never reads
            dictionaryEntries[c] = entries;
            regionOffset[c] = at;
            regionLength[c] = len;
            totalUnits[c] = units;
            unitsBytes[c] = uBytes;
            flags[c] = fl;
            columnCrc[c] = u32(head, e + FileLayout.DIRECTORY_COLUMN_CRC_OFFSET);
        }
        checkRegionsDisjoint(columns);
    }

    /**
     * No two columns' regions share a byte. Each entry is checked against the block and its own kind above,
     * but an entry pointing into another column's region (a buggy writer, CRCs recomputed) passed, and its
     * column then read the other's bytes as its own values with no error. Writers lay regions out in column
     * order, so one pass in that order proves them disjoint; only a block where it does not goes through the
     * sort ({@link #checkRegionsDisjointSorted}). Why not always sort: the sort's inner loop, never entered in
     * column-ordered blocks, was compiled on that profile, and the first block that entered it (in a later
     * file) threw away C2's compile of {@link #point}, which inlines this, ~100 ms of C2 (bench/RESULTS.md §25).
     */
    private void checkRegionsDisjoint(int columns) {
        long end = 0;
        for (int c = 0; c < columns; c++) {
            if (regionLength[c] != 0) {
                if (regionOffset[c] < end) {
                    checkRegionsDisjointSorted(columns);
                    return;
                }
                end = regionOffset[c] + regionLength[c];
            }
        }
    }

    /** {@link #checkRegionsDisjoint} for regions out of column order: insertion sort by offset into a reused array (C is ~27). */
    private void checkRegionsDisjointSorted(int columns) {
        if (regionOrder.length < columns) {
            regionOrder = new int[columns];
        }
        int[] order = regionOrder;
        for (int c = 0; c < columns; c++) {
            int j = c;
            while (j > 0 && regionOffset[order[j - 1]] > regionOffset[c]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = c;
        }
        long end = 0;
        int previous = -1;
        for (int i = 0; i < columns; i++) {
            int c = order[i];
            if (regionLength[c] == 0) {
                continue;
            }
            if (regionOffset[c] < end) {
                throw error("columns " + file.columnName(previous) + " and " + file.columnName(c) + " have overlapping regions ("
                        + regionOffset[previous] + "+" + regionLength[previous] + " and " + regionOffset[c] + "+" + regionLength[c] + ")");
            }
            end = regionOffset[c] + regionLength[c];
            previous = c;
        }
    }

    /** The little-endian 32 bits at {@code b[at]}. */
    private static int u32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | b[at + 3] << 24;
    }

    /** The little-endian 64 bits at {@code b[at]}. */
    private static long u64(byte[] b, int at) {
        return (u32(b, at) & 0xFFFF_FFFFL) | (long) u32(b, at + 4) << 32;
    }

    /**
     * Checks column {@code c}'s directory entry against the layout its flags imply (docs/FORMAT.md
     * "Column kinds") and the file's version; returns its kind.
     */
    private ColumnKind checkDirectoryEntry(int c, long at, long len, int units, int uBytes, int fl, long minRegion,
                                           long blockLength) {
        ColumnKind kind = ColumnKind.PLAIN;
        long needed = -1;
        int kindFlags = fl & (FileLayout.FLAG_DICTIONARY | FileLayout.FLAG_CONSTANT | FileLayout.FLAG_ALL_ABSENT);
        boolean hasAbsent = (fl & FileLayout.FLAG_HAS_ABSENT) != 0;
        int entries = fl >>> FileLayout.DICTIONARY_ENTRIES_SHIFT;
        boolean flagsOk = (fl & ((1 << FileLayout.DICTIONARY_ENTRIES_SHIFT) - 1) & ~FileLayout.FLAG_BITS) == 0
                && (kindFlags == FileLayout.FLAG_DICTIONARY || entries == 0);
        if (kindFlags == 0) {
            needed = (long) uBytes + FileLayout.offsetsBytes(records) + (hasAbsent ? FileLayout.absentBytes(records) : 0);
            flagsOk &= uBytes >= FileLayout.ALIGN;
        } else if (kindFlags == FileLayout.FLAG_DICTIONARY) {
            kind = ColumnKind.DICTIONARY;
            needed = (long) uBytes + FileLayout.offsetsBytes(entries) + FileLayout.codesBytes(records)
                    + (hasAbsent ? FileLayout.absentBytes(records) : 0);
            flagsOk &= entries >= 1 && entries <= records && uBytes >= FileLayout.ALIGN;
        } else if (kindFlags == FileLayout.FLAG_CONSTANT) {
            kind = ColumnKind.CONSTANT;
            needed = (long) uBytes + (hasAbsent ? FileLayout.absentBytes(records) : 0);
            flagsOk &= uBytes == FileLayout.pad64(2L * units);
        } else if (kindFlags == FileLayout.FLAG_ALL_ABSENT) {
            kind = ColumnKind.ABSENT;
            needed = 0;
            flagsOk &= !hasAbsent && units == 0 && uBytes == 0;
        } else {
            flagsOk = false;
        }
        if (!flagsOk || at < minRegion || at % FileLayout.ALIGN != 0 || len != needed || at + len > blockLength || units < 0
                || uBytes % FileLayout.ALIGN != 0 || (long) uBytes < 2L * units) {
            throw error("column " + file.columnName(c) + " has a bad directory entry (region " + at + "+" + len
                    + ", " + units + " units, flags " + FileLayout.hex(fl) + ")");
        }
        int since = kind == ColumnKind.DICTIONARY ? FileLayout.DICTIONARY_SINCE_VERSION
                : kind == ColumnKind.PLAIN ? 1 : FileLayout.CONSTANT_SINCE_VERSION;
        if (file.majorVersion() < since) {
            throw error("column " + file.columnName(c) + " is " + (kind == ColumnKind.DICTIONARY ? "dictionary-encoded"
                    : "stored as " + kind.label()) + ", which format version " + file.majorVersion()
                    + " does not have (the file is corrupt or mislabelled)");
        }
        return kind;
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
    public RecordColumn column(Field f) {
        int fo = f.ordinal();
        RecordColumn view = views[fo];
        if (viewStamp[fo] != stamp) {
            bind(f, view);
            viewStamp[fo] = stamp;
        }
        return view;
    }

    private void bind(Field f, RecordColumn view) {
        if (file == null) {
            throw new IllegalStateException("EventBlock not pointed at a block yet: call EventFile.readBlock");
        }
        int c = file.columnOf(f);
        if (c < 0 || (flags[c] & FileLayout.FLAG_ALL_ABSENT) != 0) {
            bindAbsent(f, view);
            return;
        }
        long region = blockOffset + regionOffset[c];
        int fo = f.ordinal();
        if ((flags[c] & FileLayout.FLAG_CONSTANT) != 0) {
            MemorySegment units = unitsBytes[c] == 0 ? ZERO_UNITS : mapping.asSlice(region, unitsBytes[c]);
            MemorySegment entryOffsets = constantOffsets[fo];
            entryOffsets.setAtIndex(Utf16Column.OFFSET, 1, totalUnits[c]);
            entryOffsets.setAtIndex(Utf16Column.OFFSET, 2, totalUnits[c]);
            MemorySegment absent = absentBits(c, region + unitsBytes[c]);
            if (absent == null || totalUnits[c] == 0) {
                Utf16Column entry = dictionaryViews[fo].wrap(units, entryOffsets.asSlice(0, 8), null, 1);
                view.wrapEntries(ColumnKind.CONSTANT, entry, zeroCodes(), absent, records);
            } else {
                // An absent value reads as length 0 on every kind: here through a second, empty entry.
                Utf16Column entries = dictionaryViews[fo].wrap(units, entryOffsets, null, 2);
                view.wrapEntries(ColumnKind.CONSTANT, entries, constantCodes(fo, absent), absent, records);
            }
            return;
        }
        MemorySegment units = mapping.asSlice(region, unitsBytes[c]);
        int entries = dictionaryEntries[c];
        int spanned = entries > 0 ? entries : records;
        MemorySegment offsets = mapping.asSlice(region + unitsBytes[c], 4L * (spanned + 1));
        long afterOffsets = region + unitsBytes[c] + FileLayout.offsetsBytes(spanned);
        // the view copies the offsets (and codes) as it is pointed; the checks read its copies, and the
        // view is handed out only once they pass (viewStamp)
        if (entries > 0) {
            MemorySegment codes = mapping.asSlice(afterOffsets, 4L * records);
            afterOffsets += FileLayout.codesBytes(records);
            Utf16Column dictionary = dictionaryViews[fo].wrap(units, offsets, null, entries);
            view.wrapEntries(ColumnKind.DICTIONARY, dictionary, codes, absentBits(c, afterOffsets), records);
            checkOffsetsSpan(f, c, view, spanned);
            checkCodes(f, view, entries);
        } else {
            view.wrapPlain(units, offsets, absentBits(c, afterOffsets), records);
            checkOffsetsSpan(f, c, view, spanned);
        }
    }

    private MemorySegment absentBits(int c, long at) {
        return (flags[c] & FileLayout.FLAG_HAS_ABSENT) == 0 ? null : mapping.asSlice(at, 8L * ((records + 63) >>> 6));
    }

    /**
     * Every code must name an entry: checked once per bind so that per-value reads never leave the
     * dictionary. A scalar loop over the view's copy of the codes (~1 µs per 4,096 codes once compiled):
     * the Vector API version was no faster compiled and far slower before C2 compiles it, which short
     * scans never outlive.
     */
    private void checkCodes(Field f, RecordColumn view, int entries) {
        int r = view.firstCodeNotBelow(entries);
        if (r >= 0) {
            throw error("column " + f + ": record " + r + " has dictionary code " + Integer.toUnsignedString(view.code(r))
                    + ", outside its " + entries + " entries: the file is corrupt");
        }
    }

    /**
     * The first offset must be 0, the last the column's total units, and none smaller than the one before
     * (docs/FORMAT.md): every value then lies in its units. The ends alone do not make that so: a middle
     * offset past the units (a buggy writer, with matching CRCs) sent the scan and dump into an
     * IndexOutOfBoundsException (exit 1, stack trace) instead of this message. A scalar pass over the
     * view's copy of the offsets, as {@link #checkCodes} over the codes (~1 µs per 4,096 once compiled; read
     * one by one from the segment, each offset ran its VarHandle chain until the loop was compiled: ~8% of a
     * cold demo scan's samples, bench/RESULTS.md §20).
     */
    private void checkOffsetsSpan(Field f, int c, RecordColumn view, int spanned) {
        if (view.offsetAt(0) != 0 || view.offsetAt(spanned) != totalUnits[c]) {
            throw offsetsError(f, c, " has offsets that do not span its " + totalUnits[c] + " units");
        }
        int i = view.firstOffsetOutOfOrder(totalUnits[c]);
        if (i >= 0) {
            throw offsetsError(f, c, ": " + (dictionaryEntries[c] > 0 ? "dictionary entry " : "value ") + (i - 1)
                    + " has offsets [" + view.offsetAt(i - 1) + ", " + view.offsetAt(i) + "), outside its " + totalUnits[c]
                    + " units: the file is corrupt");
        }
    }

    /**
     * The error for column {@code c}'s bad offsets: its CRC32C mismatch when the bytes were damaged after
     * writing (the cause; the scan would report it once the column's sum ends), else {@code what} after
     * the column's name.
     */
    private FormatException offsetsError(Field f, int c, String what) {
        int actual = columnCrcActual(c);
        return actual != columnCrc[c] ? columnCrcError(f, columnCrc[c], actual) : error("column " + file.columnName(c) + what);
    }

    /** Whether {@code f}'s column is dictionary-encoded in this block. */
    public boolean isDictionaryEncoded(Field f) {
        return columnKind(f) == ColumnKind.DICTIONARY;
    }

    /** How {@code f}'s column is stored in this block (a column the file lacks reads as {@link ColumnKind#ABSENT}). */
    public ColumnKind columnKind(Field f) {
        int c = file.columnOf(f);
        if (c < 0 || (flags[c] & FileLayout.FLAG_ALL_ABSENT) != 0) {
            return ColumnKind.ABSENT;
        }
        if ((flags[c] & FileLayout.FLAG_CONSTANT) != 0) {
            return ColumnKind.CONSTANT;
        }
        return dictionaryEntries[c] > 0 ? ColumnKind.DICTIONARY : ColumnKind.PLAIN;
    }

    /**
     * An all-absent column (stored so in v3, or missing from an older schema): one empty entry, every
     * code 0, every bit set. The shared segments grow to the largest block and are never written after.
     */
    private void bindAbsent(Field f, RecordColumn view) {
        if (missingAbsent.byteSize() < 8L * ((records + 63) >>> 6)) {
            missingAbsent = Arena.ofAuto().allocate(8L * ((records + 63) >>> 6), FileLayout.ALIGN).fill((byte) -1);
        }
        Utf16Column entry = dictionaryViews[f.ordinal()].wrap(ZERO_UNITS, EMPTY_ENTRY_OFFSETS, null, 1);
        view.wrapEntries(ColumnKind.ABSENT, entry, zeroCodes(), missingAbsent.asSlice(0, 8L * ((records + 63) >>> 6)), records);
    }

    /**
     * The codes of a constant column with absent values, made from its bitmap: 0 (the value) for a present
     * record, 1 (the empty entry) for an absent one. 4 bytes a record of per-thread scratch, written once
     * per bind; the file stores only the bitmap.
     */
    private MemorySegment constantCodes(int fo, MemorySegment absent) {
        if (constantCodes[fo].byteSize() < 4L * records) {
            constantCodes[fo] = Arena.ofAuto().allocate(4L * records, FileLayout.ALIGN);
        }
        MemorySegment codes = constantCodes[fo];
        for (int w = 0, words = (records + 63) >>> 6; w < words; w++) {
            long bits = absent.getAtIndex(Utf16Column.BITS, w);
            for (int i = w << 6, end = Math.min(records, i + 64); i < end; i++) {
                codes.setAtIndex(Utf16Column.OFFSET, i, (int) (bits >>> i) & 1);
            }
        }
        return codes.asSlice(0, 4L * records);
    }

    /** {@code records} zero codes: the implied codes of constant and absent columns. */
    private MemorySegment zeroCodes() {
        if (zeroCodes.byteSize() < 4L * records) {
            zeroCodes = Arena.ofAuto().allocate(4L * records, FileLayout.ALIGN);
        }
        return zeroCodes.asSlice(0, 4L * records);
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
