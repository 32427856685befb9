package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Under LC_ALL=C or POSIX, or with no locale set (cron, containers, systemd units), the JVM decodes
 * arguments and file names as ASCII: {@code widescan scan Zoë-Müller.wsev} failed with "cannot convert ... to
 * Path", and such a file inside a folder could not be opened. The launchers run java under a UTF-8 locale
 * then ({@code widescan_utf8_locale} in scripts/lib.sh) and leave a UTF-8 locale alone.
 */
class LauncherUtf8LocaleTest {
    /** {@code LC_ALL|LC_CTYPE|sun.jnu.encoding} after widescan_utf8_locale in an environment holding {@code env}. */
    private static String after(Map<String, String> env) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder pb = LibSh.bash("widescan_utf8_locale; printf '%s|%s|' \"${LC_ALL:-}\" \"${LC_CTYPE:-}\";"
                + " \"$1\" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *sun.jnu.encoding = //p'", java);
        pb.environment().remove("LC_ALL");
        pb.environment().remove("LC_CTYPE");
        pb.environment().remove("LANG");
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    private static boolean utf8LocaleInstalled() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "locale -a 2>/dev/null | grep -q -i -E '\\.utf-?8$'").start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void anAsciiLocaleIsReplacedByAUtf8OneForJava() throws IOException, InterruptedException {
        assumeTrue(utf8LocaleInstalled(), "no UTF-8 locale installed: the launcher leaves the locale as it is");
        String[] all = after(Map.of("LC_ALL", "C")).split("\\|", -1);
        assertTrue(all[0].matches("(?i).*\\.utf-?8"), "LC_ALL=C becomes a UTF-8 LC_ALL: " + String.join("|", all));
        assertEquals("UTF-8", all[2], "the JVM then decodes file names as UTF-8");
        String[] none = after(Map.of()).split("\\|", -1);
        assertEquals("", none[0], "no LC_ALL is set where there was none");
        assertTrue(none[1].matches("(?i).*\\.utf-?8"), "LC_CTYPE: " + String.join("|", none));
        assertEquals("UTF-8", none[2]);
        String[] posix = after(Map.of("LANG", "POSIX")).split("\\|", -1);
        assertEquals("UTF-8", posix[2], String.join("|", posix));
    }

    @Test
    void aUtf8LocaleIsLeftAlone() throws IOException, InterruptedException {
        assertEquals("C.UTF-8||", after(Map.of("LC_ALL", "C.UTF-8")).replaceAll("\\|[^|]*$", "|"),
                "LC_ALL stays, no LC_CTYPE is added");
        assertTrue(after(Map.of("LANG", "en_GB.utf8")).startsWith("||"), "LANG=en_GB.utf8: nothing set");
    }

    @Test
    void bothLaunchersSetItBeforeStartingJava() throws IOException {
        for (String script : new String[] {"widescan", "widescan-spark"}) {
            String launcher = Files.readString(LibSh.LIB.resolveSibling(script));
            int call = launcher.indexOf("\nwidescan_utf8_locale");
            int java = launcher.indexOf("\"$JAVA_HOME/bin/java\"");
            assertTrue(call > 0 && call < java, script + " must call widescan_utf8_locale before java");
        }
    }
}
