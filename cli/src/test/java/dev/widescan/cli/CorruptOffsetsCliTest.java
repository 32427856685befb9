package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain column whose middle offset points past its units while its ends and every CRC32C are right (what
 * a buggy writer makes; the CRCs cannot catch it): every command that reads the column reports the file,
 * block and column with exit 3 ({@code scan --skip-bad}: skips the block, exit 5), never an
 * IndexOutOfBoundsException with a stack trace (exit 1), as happened while only the offsets' ends were
 * checked.
 */
class CorruptOffsetsCliTest {
    // docs/FORMAT.md "Block": the block header, its CRC32C, the directory entries and their column CRC32C
    private static final int BLOCK_HEADER_BYTES = 64;
    private static final int BLOCK_COLUMN_COUNT_OFFSET = 8;
    private static final int BLOCK_HEADER_CRC_OFFSET = 60;
    private static final int DIRECTORY_ENTRY_BYTES = 32;
    private static final int DIRECTORY_COLUMN_CRC_OFFSET = 28;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    @Test
    void aMiddleOffsetPastTheUnitsIsNamedByEveryCommand() throws IOException {
        Path rule = FuzzFixtures.rule(dir);
        Path file = FuzzFixtures.eventFile(dir.resolve("bad-offsets.wsev"), 3000, 1024, 21L);
        plantOffset(file, 1, Field.CommandLine, 7, 99_999_999);
        String[][] commands = {
            {"scan", "-r", rule.toString(), "--no-progress", file.toString()},
            {"scan", "-r", rule.toString(), "--no-progress", "--threads", "1", "--strategy", "naive", file.toString()},
            {"scan", "-r", rule.toString(), "--no-progress", "--no-verify", file.toString()},
            {"dump", file.toString()},
            {"inspect", file.toString()},
        };
        for (String[] args : commands) {
            CliRun run = CliRun.run(args);
            String what = String.join(" ", args) + ": " + run.err();
            assertEquals(ExitCodes.BAD_INPUT, run.code(), what);
            assertTrue(run.err().contains(file.toString()) && run.err().contains("block 1") && run.err().contains("CommandLine"), what);
            assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), what);
        }
        CliRun skipping = CliRun.run("scan", "-r", rule.toString(), "--no-progress", "--skip-bad", file.toString());
        assertEquals(ExitCodes.SKIPPED_BAD_INPUT, skipping.code(), skipping.err());
        assertTrue(skipping.err().contains("skipped: " + file + ": block 1 column CommandLine"), skipping.err());
        assertFalse(skipping.err().contains("Exception"), skipping.err());
    }

    /** Writes {@code value} as offset {@code index} of {@code f}'s plain column in {@code block}, then makes its CRCs match again. */
    private static void plantOffset(Path p, int block, Field f, int index, int value) throws IOException {
        long blockStart;
        long region;
        long regionLength;
        long offsets;
        int column;
        try (EventFile file = EventFile.open(p)) {
            EventBlock b = file.readBlock(block, null);
            RecordColumn values = b.column(f);
            assertFalse(b.isDictionaryEncoded(f));
            blockStart = file.blockOffset(block);
            region = b.columnFileOffset(f);
            regionLength = b.columnBytes(f);
            offsets = region + values.plain().offsets().address() - values.units().address();
            column = file.columnOf(f);
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE); Arena arena = Arena.ofConfined()) {
            MemorySegment file = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), arena);
            file.set(U32, offsets + 4L * index, value);
            CRC32C crc = new CRC32C();
            crc.update(file.asSlice(region, regionLength).asByteBuffer());
            long entry = blockStart + BLOCK_HEADER_BYTES + (long) DIRECTORY_ENTRY_BYTES * column;
            file.set(U32, entry + DIRECTORY_COLUMN_CRC_OFFSET, (int) crc.getValue());
            int columns = file.get(U32, blockStart + BLOCK_COLUMN_COUNT_OFFSET);
            crc.reset();
            crc.update(file.asSlice(blockStart, BLOCK_HEADER_CRC_OFFSET).asByteBuffer());
            crc.update(file.asSlice(blockStart + BLOCK_HEADER_BYTES, (long) DIRECTORY_ENTRY_BYTES * columns).asByteBuffer());
            file.set(U32, blockStart + BLOCK_HEADER_CRC_OFFSET, (int) crc.getValue());
        }
    }
}
