package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two launches after a source change both ran the Maven build into the same target folders at once,
 * and both failed ("widescan: the build failed", exit 1). The launcher now builds under a lock
 * ({@code widescan_with_lock} in scripts/lib.sh) and checks again once it holds it.
 */
class LauncherBuildLockTest {
    @TempDir
    Path dir;

    @Test
    void concurrentRunsOfTheLockedCommandDoNotOverlap() throws IOException, InterruptedException {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v flock").start().waitFor() == 0, "flock is not installed");
        Path log = dir.resolve("log");
        Path lock = dir.resolve("sub").resolve("build.lock"); // its folder is made
        String step = "step() { echo start >> \"$2\"; sleep 0.3; echo end >> \"$2\"; }; widescan_with_lock \"$1\" step \"$1\" \"$2\"";
        Process a = LibSh.bash(step, lock.toString(), log.toString()).start();
        Process b = LibSh.bash(step, lock.toString(), log.toString()).start();
        assertTrue(a.waitFor(30, TimeUnit.SECONDS) && b.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue());
        assertEquals(0, b.exitValue());
        assertEquals(List.of("start", "end", "start", "end"), Files.readAllLines(log), "one at a time");
        Process failing = LibSh.bash("widescan_with_lock \"$1\" false", lock.toString()).start();
        assertTrue(failing.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, failing.exitValue(), "the command's failure is returned");
    }

    @Test
    void theLauncherBuildsUnderTheLock() throws IOException {
        String launcher = Files.readString(LibSh.LIB.resolveSibling("widescan"));
        assertTrue(launcher.contains("widescan_with_lock \"$WIDESCAN_ROOT/cli/target/.widescan-build.lock\" build_if_stale"), launcher);
    }
}
