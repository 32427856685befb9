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
 * symlink) is read back and reported.
 */
class CliBenchReadFromDiskTest {
    private static final Path LIB = Path.of("..", "scripts", "cli_bench_lib.py").toAbsolutePath().normalize();

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
}
