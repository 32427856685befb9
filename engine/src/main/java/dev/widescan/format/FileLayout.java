package dev.widescan.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Byte-level constants of format v3 (docs/FORMAT.md is the specification; this class only names its
 * numbers so that writer and reader cannot disagree; every {@code *_OFFSET} is used by both). All
 * integers are little-endian.
 */
final class FileLayout {
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final int ALIGN = Utf16Column.ALIGNMENT;

    /** {@code \x89WSE\r\n\x1a\n}: PNG-style, catches 7-bit transfers and newline conversion. */
    static final long HEADER_MAGIC = 0x0A1A0A0D45535789L;
    /**
     * Version 2 added dictionary-encoded columns, version 3 constant and all-absent columns (a flag and
     * no per-record bytes); a version N file is a version N+1 file without the newer kinds.
     */
    static final int MAJOR_VERSION = 3;
    static final int OLDEST_READABLE_MAJOR_VERSION = 1;
    static final int MINOR_VERSION = 0;
    /** The first major version that has dictionary-encoded columns. */
    static final int DICTIONARY_SINCE_VERSION = 2;
    /** The first major version that has constant and all-absent columns. */
    static final int CONSTANT_SINCE_VERSION = 3;

    // File header (docs/FORMAT.md "File header"): byte offsets from the start of the file.
    static final int HEADER_MAGIC_OFFSET = 0;
    static final int HEADER_MAJOR_VERSION_OFFSET = 8;
    static final int HEADER_MINOR_VERSION_OFFSET = 10;
    static final int HEADER_LENGTH_OFFSET = 12;
    static final int HEADER_COLUMN_COUNT_OFFSET = 16;
    static final int HEADER_BLOCK_RECORD_LIMIT_OFFSET = 20;
    static final int HEADER_BLOCK_BYTE_LIMIT_OFFSET = 24;
    /** The column names start here ({@code u16} byte length, then UTF-8), followed by the header CRC32C. */
    static final int HEADER_FIXED_BYTES = 32;

    // Block header (docs/FORMAT.md "Block"): byte offsets from the start of the block.
    static final int BLOCK_MAGIC = 0x4B425357; // "WSBK"
    static final int BLOCK_MAGIC_OFFSET = 0;
    static final int BLOCK_RECORD_COUNT_OFFSET = 4;
    static final int BLOCK_COLUMN_COUNT_OFFSET = 8;
    static final int BLOCK_FIRST_RECORD_OFFSET = 16;
    static final int BLOCK_LENGTH_OFFSET = 24;
    static final int BLOCK_HEADER_CRC_OFFSET = 60;
    static final int BLOCK_HEADER_BYTES = 64;

    // Column directory entry: byte offsets from the start of the entry; entry c is at block offset
    // BLOCK_HEADER_BYTES + c * DIRECTORY_ENTRY_BYTES.
    static final int DIRECTORY_REGION_OFFSET_OFFSET = 0;
    static final int DIRECTORY_REGION_LENGTH_OFFSET = 8;
    static final int DIRECTORY_TOTAL_UNITS_OFFSET = 16;
    static final int DIRECTORY_UNITS_BYTES_OFFSET = 20;
    static final int DIRECTORY_FLAGS_OFFSET = 24;
    static final int DIRECTORY_COLUMN_CRC_OFFSET = 28;
    static final int DIRECTORY_ENTRY_BYTES = 32;

    // Directory flags.
    static final int FLAG_HAS_ABSENT = 1;
    /** v2: the region holds distinct entries, entry offsets and a code per record. */
    static final int FLAG_DICTIONARY = 2;
    /** v3: every present record has one value, stored once as the region's units; no per-record bytes but the absent bitmap. */
    static final int FLAG_CONSTANT = 4;
    /** v3: every record is absent; the region is empty. */
    static final int FLAG_ALL_ABSENT = 8;
    /** Flags bits 8-31: a dictionary column's entry count. */
    static final int DICTIONARY_ENTRIES_SHIFT = 8;
    static final int MAX_DICTIONARY_ENTRIES = 1 << 24;
    static final int FLAG_BITS = FLAG_HAS_ABSENT | FLAG_DICTIONARY | FLAG_CONSTANT | FLAG_ALL_ABSENT;

    // Footer (block index): byte offsets from the footer start, then from each entry's start.
    static final int FOOTER_MAGIC = 0x58495357; // "WSIX"
    static final int FOOTER_MAGIC_OFFSET = 0;
    static final int FOOTER_BLOCK_COUNT_OFFSET = 4;
    static final int FOOTER_RECORD_COUNT_OFFSET = 8;
    static final int FOOTER_FIXED_BYTES = 16;
    static final int FOOTER_ENTRY_BLOCK_OFFSET_OFFSET = 0;
    static final int FOOTER_ENTRY_BLOCK_LENGTH_OFFSET = 8;
    static final int FOOTER_ENTRY_FIRST_RECORD_OFFSET = 16;
    static final int FOOTER_ENTRY_RECORD_COUNT_OFFSET = 24;
    static final int FOOTER_ENTRY_BYTES = 32;

    // Trailer (the last TRAILER_BYTES of the file): byte offsets from the trailer start.
    static final long TRAILER_MAGIC = 0x31444E4556455357L; // "WSEVEND1"
    static final int TRAILER_MAGIC_OFFSET = 0;
    static final int TRAILER_FOOTER_OFFSET_OFFSET = 8;
    static final int TRAILER_FOOTER_LENGTH_OFFSET = 16;
    static final int TRAILER_FOOTER_CRC_OFFSET = 24;
    static final int TRAILER_HEADER_CRC_OFFSET = 28;
    static final int TRAILER_CRC_OFFSET = 60;
    static final int TRAILER_BYTES = 64;

    /** Writer limits, justified in docs/FORMAT.md "Block size". */
    static final int BLOCK_MAX_RECORDS = 4096;
    static final int BLOCK_COLUMN_UNIT_BUDGET = 512 * 1024;
    /** Largest total of code units one column of one block may hold, so that its byte size fits an int. */
    static final int MAX_COLUMN_UNITS = (Integer.MAX_VALUE - 4 * ALIGN) / 2;

    private FileLayout() {
    }

    static long pad64(long n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    static long unitsBytes(long totalUnits) {
        return Math.max(ALIGN, pad64(2 * totalUnits));
    }

    static long offsetsBytes(int count) {
        return pad64(4L * (count + 1));
    }

    static long codesBytes(int count) {
        return pad64(4L * count);
    }

    static long absentBytes(int count) {
        return pad64(8L * ((count + 63) >>> 6));
    }

    static long directoryBytes(int columns) {
        return pad64((long) DIRECTORY_ENTRY_BYTES * columns);
    }

    static String hex(int crc) {
        return String.format("0x%08x", crc);
    }

    static int crc32c(MemorySegment segment, long offset, long length) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(segment.asSlice(offset, length).asByteBuffer());
        return (int) crc.getValue();
    }
}
