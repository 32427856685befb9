package dev.widescan.testkit;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.Field;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Damage that CRC32C cannot catch, as a buggy writer would make it: a value written into a column, then
 * the column's and the block's checksums recomputed to match. For the tests of what the reader checks
 * beyond the checksums (offsets, dictionary codes). The layout numbers are docs/FORMAT.md's ("Block").
 */
public final class CorruptEventFiles {
    private static final int BLOCK_HEADER_BYTES = 64;
    private static final int BLOCK_COLUMN_COUNT_OFFSET = 8;
    private static final int BLOCK_HEADER_CRC_OFFSET = 60;
    private static final int DIRECTORY_ENTRY_BYTES = 32;
    private static final int DIRECTORY_COLUMN_CRC_OFFSET = 28;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private CorruptEventFiles() {
    }

    /**
     * Writes the 32-bit little-endian {@code value} at file offset {@code at}, which lies in field {@code f}'s
     * column of block {@code block}, then recomputes that column's CRC32C and the block header's.
     */
    public static void writeWithMatchingCrcs(Path p, int block, Field f, long at, int value) throws IOException {
        ColumnPlace c = ColumnPlace.of(p, block, f);
        long blockStart = c.blockStart();
        long region = c.region();
        long regionLength = c.regionLength();
        int column = c.column();
        if (at < region || at + 4 > region + regionLength) {
            throw new IllegalArgumentException("offset " + at + " is outside " + f + "'s column in block " + block);
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE); Arena arena = Arena.ofConfined()) {
            MemorySegment file = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), arena);
            file.set(U32, at, value);
            recomputeCrcs(file, blockStart, column, region, regionLength);
        }
    }

    /** Where field {@code f}'s column of block {@code block} lies in the file: its block, region and directory index. */
    private record ColumnPlace(long blockStart, long region, long regionLength, int column) {
        static ColumnPlace of(Path p, int block, Field f) throws IOException {
            try (EventFile file = EventFile.open(p)) {
                EventBlock b = file.readBlock(block, null);
                return new ColumnPlace(file.blockOffset(block), b.columnFileOffset(f), b.columnBytes(f), file.columnOf(f));
            }
        }
    }

    /** Sets column {@code column}'s CRC32C to that of the region at {@code region}, then the block header's. */
    private static void recomputeCrcs(MemorySegment file, long blockStart, int column, long region, long regionLength) {
        CRC32C crc = new CRC32C();
        crc.update(file.asSlice(region, regionLength).asByteBuffer());
        file.set(U32, blockStart + BLOCK_HEADER_BYTES + (long) DIRECTORY_ENTRY_BYTES * column + DIRECTORY_COLUMN_CRC_OFFSET,
                (int) crc.getValue());
        int columns = file.get(U32, blockStart + BLOCK_COLUMN_COUNT_OFFSET);
        crc.reset();
        crc.update(file.asSlice(blockStart, BLOCK_HEADER_CRC_OFFSET).asByteBuffer());
        crc.update(file.asSlice(blockStart + BLOCK_HEADER_BYTES, (long) DIRECTORY_ENTRY_BYTES * columns).asByteBuffer());
        file.set(U32, blockStart + BLOCK_HEADER_CRC_OFFSET, (int) crc.getValue());
    }

    /**
     * Moves field {@code f}'s region in block {@code block} by {@code delta} bytes (its directory entry's
     * region offset), then recomputes that column's CRC32C over the bytes it now names and the block
     * header's: a directory a buggy writer got wrong, which no checksum catches.
     */
    public static void moveRegionWithMatchingCrcs(Path p, int block, Field f, long delta) throws IOException {
        ColumnPlace c = ColumnPlace.of(p, block, f);
        long blockStart = c.blockStart();
        long regionLength = c.regionLength();
        int column = c.column();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE); Arena arena = Arena.ofConfined()) {
            MemorySegment file = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), arena);
            long entry = blockStart + BLOCK_HEADER_BYTES + (long) DIRECTORY_ENTRY_BYTES * column;
            ValueLayout.OfLong u64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            long moved = file.get(u64, entry) + delta;
            file.set(u64, entry, moved);
            recomputeCrcs(file, blockStart, column, blockStart + moved, regionLength);
        }
    }

    /**
     * Swaps the whole directory entries of columns {@code a} and {@code b} in block {@code block} (region,
     * units, flags, CRC), then recomputes the block header's CRC32C: a block whose regions lie out of column
     * order, still disjoint and each with its own checksum, in which {@code a} reads {@code b}'s values.
     */
    public static void swapDirectoryEntries(Path p, int block, Field a, Field b) throws IOException {
        ColumnPlace first = ColumnPlace.of(p, block, a);
        ColumnPlace second = ColumnPlace.of(p, block, b);
        long blockStart = first.blockStart();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE); Arena arena = Arena.ofConfined()) {
            MemorySegment file = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), arena);
            long entryA = blockStart + BLOCK_HEADER_BYTES + (long) DIRECTORY_ENTRY_BYTES * first.column();
            long entryB = blockStart + BLOCK_HEADER_BYTES + (long) DIRECTORY_ENTRY_BYTES * second.column();
            byte[] saved = file.asSlice(entryA, DIRECTORY_ENTRY_BYTES).toArray(ValueLayout.JAVA_BYTE);
            MemorySegment.copy(file, entryB, file, entryA, DIRECTORY_ENTRY_BYTES);
            MemorySegment.copy(MemorySegment.ofArray(saved), 0, file, entryB, DIRECTORY_ENTRY_BYTES);
            CRC32C crc = new CRC32C();
            int columns = file.get(U32, blockStart + BLOCK_COLUMN_COUNT_OFFSET);
            crc.update(file.asSlice(blockStart, BLOCK_HEADER_CRC_OFFSET).asByteBuffer());
            crc.update(file.asSlice(blockStart + BLOCK_HEADER_BYTES, (long) DIRECTORY_ENTRY_BYTES * columns).asByteBuffer());
            file.set(U32, blockStart + BLOCK_HEADER_CRC_OFFSET, (int) crc.getValue());
        }
    }
}
