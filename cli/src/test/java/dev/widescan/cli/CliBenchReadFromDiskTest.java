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
 * symlink) is read back and reported. cli-bench.sh calls its parts as {@code part || status=1}, where bash
 * ignores {@code set -e} inside the part, so its read_from_disk must stop the bench itself.
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
        Process p;
        try {
            p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            assumeTrue(false, "no python3: " + e.getMessage());
            throw e;
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        return new Run(p.exitValue(), err);
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

    /**
     * cli-bench.sh's own read_from_disk function, run as the script runs its parts ({@code set -euo pipefail},
     * {@code part || status=1}): a file that cannot be read back stops the bench with a failing exit before
     * the part's timings, instead of timing files whose cache state is not the one the figures claim.
     */
    @Test
    void cliBenchStopsWhenAFileCannotBeReadBack() throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(BENCH);
        int start = lines.indexOf("read_from_disk() {");
        assertTrue(start >= 0, "cli-bench.sh defines read_from_disk");
        int end = lines.subList(start, lines.size()).indexOf("}") + start;
        String function = String.join("\n", lines.subList(start, end + 1));
        String script = "set -euo pipefail\nWIDESCAN_ROOT=\"$1\"\nFILE=\"$2\"\n" + function + "\n"
                + "part() { read_from_disk \"$FILE\"; echo 'timed anyway'; }\n"
                + "status=0\npart || status=1\necho 'next part'\nexit $status\n";
        Path missing = dir.resolve("missing.wsev");
        Process p;
        try {
            p = new ProcessBuilder("bash", "-c", script, "cli-bench", BENCH.getParent().getParent().toString(), missing.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no bash: " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assumeTrue(!out.contains("python3: command not found"), "no python3");
        assertNotEquals(0, p.exitValue(), out);
        assertFalse(out.contains("timed anyway") || out.contains("next part"), out);
        assertTrue(out.contains(missing.toString()), out);
    }
}
