package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's stderr filter ({@code widescan_stderr_filter} in scripts/lib.sh) drops the JVM's
 * incubator-module notice and passes every other byte. A message quoting a rule title or value with a NUL
 * in it (YAML {@code "\0"}) made grep take the stream for binary: the whole scan summary and any error
 * after it became "grep: (standard input): binary file matches".
 */
class LauncherStderrFilterTest {
    private static final String NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector\n";

    @Test
    void linesWithNulBytesPassAndOnlyTheNoticeIsDropped() throws IOException, InterruptedException {
        byte[] in = ("widescan scan: summary\n" + NOTICE + "        22  id  Win\0API title\nwidescan scan: x.yml:3: bad \0 value\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] expected = "widescan scan: summary\n        22  id  Win\0API title\nwidescan scan: x.yml:3: bad \0 value\n"
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, filter(in));
        byte[] latin1 = "caf\u00e9 \u00ff\n".getBytes(StandardCharsets.ISO_8859_1); // not UTF-8: passes unchanged too
        assertArrayEquals(latin1, filter(latin1));
    }

    @Test
    void theLauncherFiltersStderrThroughIt() throws IOException {
        String launcher = Files.readString(LibSh.LIB.resolveSibling("widescan"));
        assertTrue(launcher.contains("2> >(widescan_stderr_filter >&2)"), "scripts/widescan must use widescan_stderr_filter");
    }

    private static byte[] filter(byte[] in) throws IOException, InterruptedException {
        Process p = LibSh.bash("widescan_stderr_filter").start();
        try (OutputStream o = p.getOutputStream()) {
            o.write(in);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("", new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
