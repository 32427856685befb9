package dev.widescan.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Byte-level constants of format v2 (docs/FORMAT.md is the specification; this class only names its
 * numbers so that writer and reader cannot disagree). All integers are little-endian.
 */
final class FileLayout {
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final int ALIGN = Utf16Column.ALIGNMENT;

    /** {@code \x89WSE\r\n\x1a\n}: PNG-style, catches 7-bit transfers and newline conversion. */
    static final long HEADER_MAGIC = 0x0A1A0A0D45535789L;
    /** Version 2 added dictionary-encoded columns; a version 1 file is a version 2 file without them. */
    static final int MAJOR_VERSION = 2;
    static final int OLDEST_READABLE_MAJOR_VERSION = 1;
    static final int MINOR_VERSION = 0;
    static final int HEADER_FIXED_BYTES = 32;

    static final int BLOCK_MAGIC = 0x4B425357; // "WSBK"
    static final int BLOCK_HEADER_BYTES = 64;
    static final int BLOCK_HEADER_CRC_AT = 60;
    static final int DIRECTORY_ENTRY_BYTES = 32;
    static final int FLAG_HAS_ABSENT = 1;
    static final int FLAG_DICTIONARY = 2;
    /** Flags bits 8-31: a dictionary column's entry count. */
    static final int DICTIONARY_ENTRIES_SHIFT = 8;
    static final int MAX_DICTIONARY_ENTRIES = 1 << 24;
    static final int FLAG_BITS = FLAG_HAS_ABSENT | FLAG_DICTIONARY;

    static final int FOOTER_MAGIC = 0x58495357; // "WSIX"
    static final int FOOTER_FIXED_BYTES = 16;
    static final int FOOTER_ENTRY_BYTES = 32;

    static final long TRAILER_MAGIC = 0x31444E4556455357L; // "WSEVEND1"
    static final int TRAILER_BYTES = 64;
    static final int TRAILER_CRC_AT = 60;

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
