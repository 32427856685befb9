package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.testkit.CorruptEventFiles;
import java.io.IOException;
import java.nio.file.Path;
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

    /** Writes {@code value} as offset {@code index} of {@code f}'s plain column in {@code block}, with matching CRCs. */
    private static void plantOffset(Path p, int block, Field f, int index, int value) throws IOException {
        long offsets;
        try (EventFile file = EventFile.open(p)) {
            EventBlock b = file.readBlock(block, null);
            RecordColumn values = b.column(f);
            assertFalse(b.isDictionaryEncoded(f));
            offsets = b.columnFileOffset(f) + values.plain().offsets().address() - values.units().address();
        }
        CorruptEventFiles.writeWithMatchingCrcs(p, block, f, offsets + 4L * index, value);
    }
}
