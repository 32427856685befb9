package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * jvm.properties picks the parallel collector; a user who picks another one in WIDESCAN_JAVA_OPTS must get
 * it, not "Multiple garbage collectors selected" and a JVM that does not start ({@code widescan_jvm_flags}
 * in scripts/lib.sh, used by scripts/widescan and scripts/widescan-spark).
 */
class LauncherGcChoiceTest {
    @Test
    void theParallelCollectorByDefault() throws IOException, InterruptedException {
        assertTrue(flags("").contains("-XX:+UseParallelGC"));
        assertTrue(flags("-Xmx256m -Dwidescan.simd=256").contains("-XX:+UseParallelGC"), "options that pick no collector");
    }

    @Test
    void theUsersCollectorWinsAndTheJvmStarts() throws IOException, InterruptedException {
        for (String opts : new String[] {"-XX:+UseG1GC", "-Xmx1g -XX:+UseSerialGC", "-XX:+UseZGC -Xmx1g", "-XX:+UseParallelGC"}) {
            List<String> flags = flags(opts);
            assertFalse(flags.contains("-XX:+UseParallelGC"), opts);
            assertTrue(flags.contains("--add-modules=jdk.incubator.vector"), "the other flags stay: " + opts);
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElseThrow());
            command.addAll(flags);
            command.addAll(List.of(opts.split(" ")));
            command.add("-version");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            assertEquals(0, p.exitValue(), opts + ": " + out);
        }
    }

    /** The words {@code widescan_jvm_flags OPTS} prints. */
    private static List<String> flags(String opts) throws IOException, InterruptedException {
        Process p = LibSh.bash("widescan_jvm_flags \"$1\"", opts).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        return List.of(out.trim().split("\\s+"));
    }
}
