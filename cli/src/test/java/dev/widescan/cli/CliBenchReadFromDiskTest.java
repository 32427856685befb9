package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/cli_bench_lib.py read-from-disk, which scripts/cli-bench.sh (set -e) runs before each part's
 * timings: a file it cannot read (missing, a dangling symlink, a folder) is one line naming the file and a
 * failing exit, so the bench stops there, never a bare Python traceback; a readable file (also through a
 * symlink) is read back and reported. And cli-bench.sh's own part runner: a failing command stops its part
 * (a failed scan must not leave an earlier run's figures to be printed), the next part still runs, and
 * the script's exit says a part failed.
 */
class CliBenchReadFromDiskTest {
    private static final Path LIB = Path.of("..", "scripts", "cli_bench_lib.py").toAbsolutePath().normalize();
    private static final Path BENCH = Path.of("..", "scripts", "cli-bench.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Run(int code, String err) {
    }

    private static Run run(String... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", LIB.toString(), "read-from-disk"));
        command.addAll(List.of(files));
        return process(command);
    }

    /** Runs {@code command}, its standard error merged into its output; a missing program skips the test. */
    private static Run process(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no " + command.get(0) + ": " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), command.get(0) + " did not finish");
        return new Run(p.exitValue(), out);
    }

    @Test
    void aFileItCannotReadIsNamedWithAFailingExitAndNoTraceback() throws IOException, InterruptedException {
        Path good = Files.writeString(dir.resolve("good.wsev"), "some bytes");
        Path missing = dir.resolve("missing.wsev");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.wsev"), dir.resolve("nowhere.wsev"));
        Path folder = Files.createDirectories(dir.resolve("folder.wsev"));
        for (Path bad : new Path[] {missing, dangling, folder}) {
            Run r = run(good.toString(), bad.toString());
            assertNotEquals(0, r.code(), r.err());
            assertFalse(r.err().contains("Traceback"), r.err());
            assertTrue(r.err().contains(bad.toString() + ": "), r.err());
        }
    }

    @Test
    void readableFilesAndSymlinksToThemAreReadBack() throws IOException, InterruptedException {
        Path good = Files.writeString(dir.resolve("good.wsev"), "some bytes");
        Path link = Files.createSymbolicLink(dir.resolve("link.wsev"), good);
        Run r = run(good.toString(), link.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(good + ": dropped from the page cache and read back in "), r.err());
        assertTrue(r.err().contains(link + ": dropped from the page cache and read back in "), r.err());
    }

    /** The text of {@code name() { ... }} in cli-bench.sh: its own definition, not a copy. */
    private static String function(String name) throws IOException {
        List<String> lines = Files.readAllLines(BENCH);
        int start = lines.indexOf(name + "() {");
        assertTrue(start >= 0, "cli-bench.sh defines " + name);
        int end = lines.subList(start, lines.size()).indexOf("}") + start;
        return String.join("\n", lines.subList(start, end + 1));
    }

    /** Runs {@code body} under cli-bench.sh's shell options; $1 is the repository, $2 a file. */
    private static Run bash(String body, Path file) throws IOException, InterruptedException {
        String script = "set -euo pipefail\nWIDESCAN_ROOT=\"$1\"\nFILE=\"$2\"\n" + body;
        return process(List.of("bash", "-c", script, "cli-bench", BENCH.getParent().getParent().toString(), file.toString()));
    }

    /**
     * A part that cannot read its file back stops before its timings; the next part runs; the exit fails.
     * With the parts run as {@code part || status=1} (bash then ignores set -e inside them) the part timed
     * anyway and the script exited 0.
     */
    @Test
    void aPartStopsWhenItsFileCannotBeReadBack() throws IOException, InterruptedException {
        Path missing = dir.resolve("missing.wsev");
        Run r = bash(function("read_from_disk") + "\n" + function("run_part") + "\n"
                + "part() { read_from_disk \"$FILE\"; echo 'timed anyway'; }\n"
                + "next() { echo 'next part'; }\n"
                + "status=0\nrun_part part\nrun_part next\nexit $status\n", missing);
        assumeTrue(!r.err().contains("python3: command not found"), "no python3");
        assertNotEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("timed anyway"), r.err());
        assertTrue(r.err().contains("next part"), r.err());
        assertTrue(r.err().contains(missing.toString()), r.err());
        assertTrue(r.err().contains("part part failed"), r.err());
    }

    /** Any failing command stops its part, also one whose stderr is discarded, as the catalog's scans are. */
    @Test
    void anyFailingCommandStopsItsPart() throws IOException, InterruptedException {
        Run r = bash(function("run_part") + "\n"
                + "part() { echo before; false 2>/dev/null; echo 'printed stale figures'; }\n"
                + "fine() { echo 'fine part'; }\n"
                + "status=0\nrun_part fine\nrun_part part\nrun_part fine\nexit $status\n", dir);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("before"), r.err());
        assertFalse(r.err().contains("printed stale figures"), r.err());
        assertEquals(2, r.err().split("fine part", -1).length - 1, r.err());
        Run ok = bash(function("run_part") + "\nfine() { echo 'fine part'; }\nstatus=0\nrun_part fine\nexit $status\n", dir);
        assertEquals(0, ok.code(), ok.err());
    }
}
