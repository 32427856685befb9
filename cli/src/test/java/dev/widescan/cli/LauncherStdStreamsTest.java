package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A closed stdin or stdout ({@code widescan ingest -o OUT - <&-}) was taken by the first file the JVM
 * opened: {@code ingest -} read the JDK's {@code lib/modules} image as JSON Lines ("stdin:1: invalid
 * UTF-8 ... 0xDA 0xDA"). The launcher ({@code widescan_guard_std_streams} in scripts/lib.sh) gives a
 * closed stdin /dev/null and a closed stdout /dev/full (writes still fail: exit 4), and leaves open
 * streams alone.
 */
class LauncherStdStreamsTest {
    private static String fds(String redirections) throws IOException, InterruptedException {
        Process p = LibSh.bash("exec " + redirections + "; widescan_guard_std_streams; "
                + "printf '%s %s' \"$(readlink /proc/$$/fd/0)\" \"$(readlink /proc/$$/fd/1)\" >&2").start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return err;
    }

    @Test
    void closedStandardStreamsAreNotLeftForTheJvmsFiles() throws IOException, InterruptedException {
        assertEquals("/dev/null /dev/full", fds("<&- >&-"));
        String open = fds("</dev/zero >/dev/null");
        assertEquals("/dev/zero /dev/null", open, "open streams are kept");
    }

    @Test
    void theLauncherGuardsThemBeforeStartingJava() throws IOException {
        String launcher = Files.readString(LibSh.LIB.resolveSibling("widescan"));
        int guard = launcher.indexOf("\nwidescan_guard_std_streams\n");
        assertTrue(guard > 0 && guard < launcher.indexOf("exec \"$JAVA_HOME/bin/java\""), "scripts/widescan must call widescan_guard_std_streams before java");
    }
}
