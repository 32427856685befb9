package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.format.FormatException;
import dev.widescan.match.MatcherFactory;
import dev.widescan.match.StrategyInfo;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRC check fused with the matchers ({@link BlockScanner}, piece by piece): same detections as the
 * check done whole first, and a corrupt column (units or offsets, wherever the flip lands) is always a
 * {@link FormatException} naming the CRC, never another exception or a silently different result.
 */
class FusedChecksumTest {
    private static final String RULE = """
            title: fused check test
            id: 0f6d7e1c-3b9a-4c55-8e21-5d7f0a9c2b11
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    CommandLine|contains: ['VirtualAlloc', 'kernel32']
                filter:
                    Image|endswith: '\\\\MpCmdRun.exe'
                condition: selection and not filter
            """;

    @TempDir
    Path dir;

    private CompiledRuleSet rules() throws IOException {
        Path rule = Files.writeString(dir.resolve("rule.yml"), RULE);
        return SigmaCompiler.compile(RuleLoader.load(List.of(rule), false).rules());
    }

    private Path events() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        Path p = dir.resolve("e.wsev");
        try (EventFileWriter w = EventFileWriter.create(p)) {
            for (int i = 0; i < 9_000; i++) {
                String cl = "powershell -c " + "y".repeat(rnd.nextInt(300)) + (i % 37 == 0 ? " KERNEL32 " : "") + i;
                String image = i % 111 == 0 ? "C:\\ProgramData\\Microsoft\\MpCmdRun.exe" : "C:\\Windows\\System32\\cmd.exe";
                w.append(new EventRecord().set(Field.CommandLine, cl).set(Field.Image, image));
            }
        }
        return p;
    }

    private static List<Long> detections(CompiledRuleSet rules, Path file, int pieceBytes) throws IOException {
        return detections(rules, file, pieceBytes, "auto");
    }

    private static List<Long> detections(CompiledRuleSet rules, Path file, int pieceBytes, String strategy) throws IOException {
        return FileDetections.of(rules, file, strategy, true, pieceBytes);
    }

    @Test
    void everyPieceSizeGivesTheDetectionsOfTheWholeCheck() throws IOException {
        CompiledRuleSet rules = rules();
        Path file = events();
        List<Long> whole = detections(rules, file, 0);
        assertEquals(162, whole.size(), "every 37th event minus every 111th (filtered)" + whole.size());
        for (int piece : new int[] {2, 64, 1000, 32 * 1024, 1 << 30}) {
            assertEquals(whole, detections(rules, file, piece), "piece " + piece);
        }
    }

    @Test
    void aFlipAnywhereInTheMatchedColumnsIsACrcError() throws IOException {
        CompiledRuleSet rules = rules();
        Path clean = events();
        long start;
        long end;
        try (EventFile f = EventFile.open(clean)) {
            EventBlock b = f.readBlock(1, null);
            start = Math.min(b.columnFileOffset(Field.CommandLine), b.columnFileOffset(Field.Image));
            end = Math.max(b.columnFileOffset(Field.CommandLine) + b.columnBytes(Field.CommandLine),
                    b.columnFileOffset(Field.Image) + b.columnBytes(Field.Image));
        }
        SplittableRandom rnd = new SplittableRandom(11);
        Path bad = dir.resolve("bad.wsev");
        int crcErrors = 0;
        for (int trial = 0; trial < 60; trial++) {
            Files.copy(clean, bad, StandardCopyOption.REPLACE_EXISTING);
            long at = trial < 30 ? start + rnd.nextLong(end - start) : offsetsByte(clean, rnd);
            try (RandomAccessFile raf = new RandomAccessFile(bad.toFile(), "rw")) {
                raf.seek(at);
                int v = raf.read();
                raf.seek(at);
                raf.write(v ^ (1 << rnd.nextInt(8)));
            }
            try {
                detections(rules, bad, 4096);
                fail("flip at " + at + " in a column the rules read went unnoticed");
            } catch (FormatException e) {
                assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("block 1"), e.getMessage());
                crcErrors++;
            } catch (RuntimeException e) {
                fail("flip at " + at + " gave " + e + " instead of a FormatException");
            }
        }
        assertEquals(60, crcErrors);
    }

    /** A byte inside block 1's CommandLine offsets: corrupt value boundaries the matcher reads before the sum ends. */
    private static long offsetsByte(Path file, SplittableRandom rnd) throws IOException {
        long[] where = commandLineOffsets(file);
        return where[0] + 4 + rnd.nextLong(4L * (where[1] - 1));
    }

    /** File offset of block 1's CommandLine offsets, and the block's record count. */
    private static long[] commandLineOffsets(Path file) throws IOException {
        try (EventFile f = EventFile.open(file)) {
            EventBlock b = f.readBlock(1, null);
            var column = b.column(Field.CommandLine);
            return new long[] {b.columnFileOffset(Field.CommandLine) + column.plain().offsets().address() - column.units().address(), column.count()};
        }
    }

    @Test
    void wildOffsetsAreACrcErrorNotAnIndexError() throws IOException {
        CompiledRuleSet rules = rules();
        Path clean = events();
        long[] where = commandLineOffsets(clean);
        long offsets = where[0];
        int count = (int) where[1];
        Path bad = dir.resolve("wild.wsev");
        for (String strategy : strategies()) {
        for (int wild : new int[] {0x40000000, -5, 3, 0x7FFFFFFF}) {
            for (int at : new int[] {1, count / 2, count - 1}) {
                Files.copy(clean, bad, StandardCopyOption.REPLACE_EXISTING);
                try (RandomAccessFile raf = new RandomAccessFile(bad.toFile(), "rw")) {
                    raf.seek(offsets + 4L * at);
                    raf.writeInt(Integer.reverseBytes(wild));
                }
                FormatException e = assertThrows(FormatException.class, () -> detections(rules, bad, 4096, strategy),
                        strategy + ": offset " + at + " set to " + wild);
                assertTrue(e.getMessage().contains("CRC32C mismatch") && e.getMessage().contains("CommandLine"), e.getMessage());
            }
        }
        }
    }

    private static List<String> strategies() {
        List<String> names = new ArrayList<>(List.of(MatcherFactory.AUTO));
        for (StrategyInfo info : MatcherFactory.strategies()) {
            names.add(info.name());
        }
        return names;
    }

    @Test
    void theErrorNamesTheColumnAndTheCrc() throws IOException {
        CompiledRuleSet rules = rules();
        Path file = events();
        long at;
        try (EventFile f = EventFile.open(file)) {
            at = f.readBlock(0, null).columnFileOffset(Field.CommandLine) + 100;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int v = raf.read();
            raf.seek(at);
            raf.write(v ^ 1);
        }
        FormatException e = assertThrows(FormatException.class, () -> detections(rules, file, 1024));
        assertTrue(e.getMessage().contains("block 0") && e.getMessage().contains("CommandLine")
                && e.getMessage().contains("CRC32C mismatch"), e.getMessage());
    }
}
