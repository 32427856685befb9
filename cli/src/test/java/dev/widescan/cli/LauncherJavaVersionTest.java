package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the scripts find a JDK ≥ 25 ({@code widescan_find_java} in scripts/lib.sh): from the JDK's
 * {@code release} file, without starting a JVM (which cost ~40 ms of every command), and by asking the
 * JVM only when there is no such file. The fake JDKs' {@code java} fails when run (exit 97) unless the
 * test gives it properties to print, so a test passes only if the launcher took the path it claims.
 */
class LauncherJavaVersionTest {
    @TempDir
    Path dir;

    @Test
    void theReleaseFileDecidesWithoutStartingTheJvm() throws IOException, InterruptedException {
        assertTaken(fakeJdk("jdk25", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"25.0.3\"\n", null), "25.0.3");
        assertTaken(fakeJdk("jdk26ea", "JAVA_VERSION=\"26-ea\"\n", null), "26-ea"); // an early-access JDK
    }

    @Test
    void anOlderJdkIsNotTaken() throws IOException, InterruptedException {
        Path jdk17 = fakeJdk("jdk17", "JAVA_VERSION=\"17.0.15\"\n", null);
        assertEquals("17.0.15", run("widescan_java_version \"$1/bin/java\"", jdk17));
        // the scripts then fall back to the Temurin 25 install, or fail: either way not this JAVA_HOME
        assertNotEquals(jdk17.toString(), run("JAVA_HOME=\"$1\" widescan_find_java >/dev/null 2>&1; echo \"$JAVA_HOME\"", jdk17));
    }

    @Test
    void withoutAReleaseFileTheJvmIsAsked() throws IOException, InterruptedException {
        assertTaken(fakeJdk("norelease", null, "    java.specification.version = 25\n    java.version = 25.0.1\n"), "25");
    }

    /** A release file with Windows line ends (a JDK unpacked from a zip, a checkout with autocrlf). */
    @Test
    void aReleaseFileWithCrlfLineEndsIsRead() throws IOException, InterruptedException {
        assertTaken(fakeJdk("crlf", "IMPLEMENTOR=\"x\"\r\nJAVA_VERSION=\"25.0.3\"\r\n", null), "25.0.3");
    }

    /** A JAVA_VERSION line the pattern cannot read (single quotes): the JVM is asked, as without the file. */
    @Test
    void anUnreadableJavaVersionLineFallsBackToTheJvm() throws IOException, InterruptedException {
        Path jdk = fakeJdk("odd", "JAVA_VERSION='25.0.3'\n", "    java.specification.version = 25\n");
        assertEquals("25", run("widescan_java_version \"$1/bin/java\"", jdk));
    }

    /** {@code jdk}'s version reads as {@code version}, and the scripts take it as JAVA_HOME. */
    private static void assertTaken(Path jdk, String version) throws IOException, InterruptedException {
        assertEquals(version, run("widescan_java_version \"$1/bin/java\"", jdk));
        assertEquals(jdk.toString(), run("JAVA_HOME=\"$1\" widescan_find_java >/dev/null && echo \"$JAVA_HOME\"", jdk));
    }

    /** A folder with bin/java and bin/javac; {@code release} written when given; java prints {@code properties} on stderr, or fails. */
    private Path fakeJdk(String name, String release, String properties) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name).resolve("bin")).getParent();
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        String java = properties == null ? "#!/bin/sh\nexit 97\n" : "#!/bin/sh\ncat >&2 <<'EOF'\n" + properties + "EOF\n";
        for (String tool : new String[] {"java", "javac"}) {
            Path p = Files.writeString(home.resolve("bin").resolve(tool), java);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    private static String run(String script, Path jdk) throws IOException, InterruptedException {
        Process p = LibSh.bash(script, jdk.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
