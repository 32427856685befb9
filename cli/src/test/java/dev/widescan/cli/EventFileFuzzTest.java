package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventFile;
import dev.widescan.match.MatcherFactory;
import dev.widescan.match.StrategyInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The reliability promise, fuzzed: a damaged event file gives the intact output or exit 3 naming the
 * file, never a silent difference, a stack trace, a crash or a hang. Cases: one bit flipped at every
 * offset of a small file; at every offset of the header, the block directories and the footer and
 * trailer of a larger multi-block file; truncation at many lengths. Each case runs {@code scan} (strategy
 * and thread count rotating over every strategy and 1 or 3 threads) and {@code dump}, in-process.
 *
 * <p>Seeded ({@code -Dwidescan.fuzz.seed}); {@code -Dwidescan.fuzz.bits=8} flips every bit of every
 * offset instead of one random bit per offset; {@code -Dwidescan.fuzz.truncations=N} tries N lengths.
 * The counts are printed and docs/RELIABILITY.md quotes them.
 */
class EventFileFuzzTest {
    static final long SEED = Long.getLong("widescan.fuzz.seed", 13L);
    static final int BITS = Integer.getInteger("widescan.fuzz.bits", 1);
    static final int TRUNCATIONS = Integer.getInteger("widescan.fuzz.truncations", 300);
    /** {@code dump} runs on every n-th case of the larger file's campaign ({@code scan} on every case); 1 with -Dwidescan.fuzz.full=true. */
    static final int DUMP_STRIDE_LARGE = Boolean.getBoolean("widescan.fuzz.full") ? 1 : 4;

    @TempDir
    static Path dir;
    static Path rule;
    static Path small;
    static Path large;
    static List<String> strategies = new ArrayList<>();

    @BeforeAll
    static void data() throws IOException {
        rule = FuzzFixtures.rule(dir);
        small = FuzzFixtures.eventFile(dir.resolve("small.wsev"), 12, 4096, SEED, true);
        large = FuzzFixtures.eventFile(dir.resolve("large.wsev"), 3000, 1024, SEED + 1, true);
        strategies.add(MatcherFactory.AUTO);
        for (StrategyInfo s : MatcherFactory.strategies()) {
            strategies.add(s.name());
        }
    }

    /** Outcome counts of one fuzz campaign; anything but identical or clean error is kept as an example. */
    static final class Tally {
        final String name;
        long tried;
        long identical;
        long cleanError;
        final List<String> other = new ArrayList<>();

        Tally(String name) {
            this.name = name;
        }

        void add(String what, CliRun run, byte[] intact, Path file) {
            tried++;
            if (run.code() == 0 && Arrays.equals(run.stdout(), intact)) {
                identical++;
            } else if (run.code() == ExitCodes.BAD_INPUT && run.err().contains(file.toString()) && !FuzzFixtures.hasTrace(run.err())
                    && run.err().strip().lines().count() == 1) {
                cleanError++;
            } else if (other.size() < 1000) {
                other.add(what + ": exit " + run.code() + (run.code() == 0 ? " (output differs)" : "") + ": "
                        + run.err().lines().limit(3).reduce("", (a, b) -> a + " | " + b));
            }
        }

        void check() {
            String line = String.format(Locale.ROOT, "fuzz %-28s seed %d: tried %,d, clean error %,d, identical %,d, anything else %,d",
                    name, SEED, tried, cleanError, identical, other.size());
            System.out.println(line);
            assertTrue(tried > 0, line);
            assertEquals(tried, identical + cleanError + other.size(), line);
            assertTrue(other.isEmpty(), line + "; first: " + other.subList(0, Math.min(5, other.size())));
        }
    }

    private static String[] scanArgs(Path file, int caseNo) {
        String strategy = strategies.get(caseNo % strategies.size());
        String threads = (caseNo / strategies.size()) % 2 == 0 ? "1" : "3";
        return new String[] {"scan", "-r", rule.toString(), "--strategy", strategy, "--threads", threads, "--no-progress", file.toString()};
    }

    private static byte[] intactScan(Path pristine, Path copy, int caseNo) throws IOException {
        Files.copy(pristine, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun r = CliRun.run(scanArgs(copy, caseNo));
        assertEquals(0, r.code(), r.err());
        return r.stdout();
    }

    private static void flipCampaign(Tally scan, Tally dump, Path pristine, List<long[]> ranges, String label, int dumpStride)
            throws IOException {
        byte[] original = Files.readAllBytes(pristine);
        Path copy = dir.resolve("case-" + label + ".wsev");
        byte[][] intactScans = new byte[strategies.size() * 2][];
        for (int c = 0; c < intactScans.length; c++) {
            intactScans[c] = intactScan(pristine, copy, c);
        }
        Files.copy(pristine, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] intactDump = CliRun.run("dump", copy.toString()).stdout();
        assertTrue(intactDump.length > 0);
        SplittableRandom rnd = new SplittableRandom(SEED ^ original.length);
        CommandLine cl = WidescanCli.commandLine();
        int caseNo = 0;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(copy, java.nio.file.StandardOpenOption.WRITE)) {
            for (long[] range : ranges) {
                for (long at = range[0]; at < Math.min(range[1], original.length); at++) {
                    for (int k = 0; k < BITS; k++) {
                        int bit = BITS == 8 ? k : rnd.nextInt(8);
                        // patched in place and restored after: the copy is otherwise the pristine file
                        ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (original[(int) at] ^ (1 << bit))}), at);
                        String what = label + " offset " + at + " bit " + bit + " (seed " + SEED + ")";
                        int c = caseNo % intactScans.length;
                        scan.add(what + " " + String.join(" ", scanArgs(copy, c)), CliRun.run(cl, scanArgs(copy, c)), intactScans[c], copy);
                        if (caseNo % dumpStride == 0) {
                            dump.add(what, CliRun.run(cl, "dump", copy.toString()), intactDump, copy);
                        }
                        caseNo++;
                        ch.write(java.nio.ByteBuffer.wrap(new byte[] {original[(int) at]}), at);
                    }
                }
            }
        }
    }

    @Test
    void everyOffsetOfASmallFileFlipped() throws IOException {
        System.out.println("fuzz small file: " + Files.size(small) + " bytes, large file: " + Files.size(large) + " bytes");
        Tally scan = new Tally("scan, small file, flips");
        Tally dump = new Tally("dump, small file, flips");
        flipCampaign(scan, dump, small, List.<long[]>of(new long[] {0, Files.size(small)}), "small", 1);
        scan.check();
        dump.check();
    }

    @Test
    void everyStructuralOffsetOfALargerFileFlipped() throws IOException {
        List<long[]> ranges = new ArrayList<>();
        long size = Files.size(large);
        try (EventFile f = EventFile.open(large)) {
            assertTrue(f.blockCount() >= 3, "several blocks");
            ranges.add(new long[] {0, f.blockOffset(0)}); // header
            for (int b = 0; b < f.blockCount(); b++) {
                long at = f.blockOffset(b);
                ranges.add(new long[] {at, at + 64 + 32L * f.columnNames().length}); // block header + directory
            }
            ranges.add(new long[] {size - 64 - 16 - 32L * f.blockCount() - 64, size}); // footer + trailer
        }
        Tally scan = new Tally("scan, large file, structure");
        Tally dump = new Tally("dump, large file, structure");
        flipCampaign(scan, dump, large, ranges, "large", DUMP_STRIDE_LARGE);
        scan.check();
        dump.check();
    }

    @Test
    void truncatedAtManyLengths() throws IOException {
        Tally scan = new Tally("scan, truncations");
        Tally dump = new Tally("dump, truncations");
        CommandLine cl = WidescanCli.commandLine();
        for (Path pristine : List.of(small, large)) {
            byte[] original = Files.readAllBytes(pristine);
            Path copy = dir.resolve("trunc.wsev");
            byte[] intact = intactScan(pristine, copy, 0);
            TreeSet<Integer> lengths = new TreeSet<>();
            SplittableRandom rnd = new SplittableRandom(SEED + original.length);
            lengths.add(0);
            for (int i = 1; i <= 70 && i < original.length; i++) {
                lengths.add(original.length - i); // every length near the end: trailer and footer
            }
            while (lengths.size() < Math.min(TRUNCATIONS, original.length)) {
                lengths.add(rnd.nextInt(original.length));
            }
            for (int len : lengths) {
                Files.write(copy, Arrays.copyOf(original, len));
                String what = pristine.getFileName() + " truncated to " + len + " bytes (seed " + SEED + ")";
                scan.add(what, CliRun.run(cl, scanArgs(copy, 0)), intact, copy);
                dump.add(what, CliRun.run(cl, "dump", copy.toString()), new byte[] {1}, copy);
            }
        }
        scan.check();
        dump.check();
    }
}
