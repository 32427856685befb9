package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.cli.WidescanCli;
import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of {@code ingest} and {@code gen} writing over an existing output, in a child
 * JVM: afterwards the output is the previous file, byte for byte, or the new one, complete and valid;
 * never a half-written file in its place (issue 13 item 6). Each child is killed a random delay after
 * its temporary file has appeared, so the kill lands while the output is being written.
 * {@code -Dwidescan.kill.trials=N} runs more trials (default 2 per command).
 */
class KillDuringWriteTest {
    static final long SEED = Long.getLong("widescan.fuzz.seed", 13L);
    static final int TRIALS = Integer.getInteger("widescan.kill.trials", 2);
    static final int JSONL_EVENTS = 60_000;
    static final int GEN_EVENTS = 150_000;

    @TempDir
    static Path dir;
    static Path bigJsonl;

    @BeforeAll
    static void input() throws IOException {
        bigJsonl = dir.resolve("big.jsonl");
        assertEquals(0, cli("gen", "--jsonl", "-o", bigJsonl.toString(), "--events", Integer.toString(JSONL_EVENTS), "--seed", "5"));
    }

    private static int cli(String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return WidescanCli.execute(WidescanCli.commandLine(), args);
        } finally {
            System.setErr(old);
        }
    }

    private static List<String> jvmFlags() throws IOException {
        Path props = Path.of("..", "jvm.properties");
        for (String line : Files.readAllLines(props)) {
            if (line.startsWith("widescan.jvm.args=")) {
                return Arrays.asList(line.substring("widescan.jvm.args=".length()).trim().split("\\s+"));
            }
        }
        throw new IllegalStateException("no widescan.jvm.args in " + props.toAbsolutePath());
    }

    private static Process child(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WidescanCli.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private static boolean tempFileOf(Path target) throws IOException {
        try (Stream<Path> s = Files.list(target.getParent())) {
            String prefix = "." + target.getFileName() + ".";
            return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"));
        }
    }

    /** Whether {@code p} is a complete event file: opens (trailer, footer, header), every block verifies, {@code records} records. */
    private static boolean completeAndValid(Path p, long records) throws IOException {
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = null;
            for (int i = 0; i < f.blockCount(); i++) {
                b = f.readBlock(i, b);
                b.verifyAll();
            }
            return f.recordCount() == records;
        }
    }

    private void trials(String name, Path out, long records, String... args) throws IOException, InterruptedException {
        // the previous output: a small valid file of the same kind
        assertEquals(0, cli("gen", "-o", out.toString(), "--events", "100", "--seed", "1"));
        byte[] previous = Files.readAllBytes(out);
        SplittableRandom rnd = new SplittableRandom(SEED);
        int keptPrevious = 0;
        int complete = 0;
        for (int t = 0; t < TRIALS; t++) {
            Process p = child(args);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!tempFileOf(out) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(rnd.nextInt(400));
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child ended");
            String what = name + " trial " + t + " (seed " + SEED + ", exit " + p.exitValue() + ")";
            assertTrue(Files.exists(out), what + ": the previous output must not be deleted");
            if (Arrays.equals(previous, Files.readAllBytes(out))) {
                keptPrevious++;
            } else {
                assertTrue(completeAndValid(out, records), what + ": output is neither the previous file nor a complete new one");
                complete++;
                assertEquals(0, cli("gen", "-o", out.toString(), "--events", "100", "--seed", "1"));
                assertArrayEquals(previous, Files.readAllBytes(out));
            }
        }
        System.out.println(String.format(Locale.ROOT, "kill -9 %s: %d trials, previous file kept %d, complete new file %d, anything else 0",
                name, TRIALS, keptPrevious, complete));
        assertEquals(TRIALS, keptPrevious + complete);
    }

    @Test
    void killedIngestLeavesThePreviousOrACompleteFile() throws IOException, InterruptedException {
        Path out = dir.resolve("ingest-out.wsev");
        trials("ingest", out, JSONL_EVENTS, "ingest", "-o", out.toString(), bigJsonl.toString());
    }

    @Test
    void killedGenLeavesThePreviousOrACompleteFile() throws IOException, InterruptedException {
        Path out = dir.resolve("gen-out.wsev");
        trials("gen", out, GEN_EVENTS, "gen", "-o", out.toString(), "--events", Integer.toString(GEN_EVENTS), "--seed", "9");
    }

    /**
     * Ctrl-C or SIGTERM (a timeout, a job scheduler) is not kill -9: the JVM runs its shutdown hooks, and
     * the hidden temporary files must go with it. An interrupted {@code gen} used to leave its
     * {@code .OUT.RANDOM.tmp} (9.8 GB after a minute of {@code --events 10^18}) and its sidecar's.
     */
    @Test
    void anInterruptedGenRemovesItsTemporaryFilesAndKeepsThePrevious() throws IOException, InterruptedException {
        Path out = dir.resolve("term-out.wsev");
        assertEquals(0, cli("gen", "-o", out.toString(), "--events", "100", "--seed", "1"));
        byte[] previous = Files.readAllBytes(out);
        Process p = child("gen", "-o", out.toString(), "--events", "1000000000", "--seed", "9");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!tempFileOf(out) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(tempFileOf(out) && p.isAlive(), "gen is writing its temporary file");
        Thread.sleep(200);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child ended");
        assertTrue(!tempFileOf(out) && !tempFileOf(dir.resolve("term-out.wsev.expected.json")), "temporary files removed at shutdown");
        assertArrayEquals(previous, Files.readAllBytes(out));
    }
}
