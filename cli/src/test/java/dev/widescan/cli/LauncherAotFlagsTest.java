package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code scripts/widescan} passes to the JVM for the build's AOT cache ({@code widescan_aot_flags} in
 * scripts/lib.sh): the cache only when newer than the jar and not turned off, as separate arguments whose
 * path may hold spaces (the launcher split "-XX:AOTCache=/home/me/My Projects/..." at the space, and the JVM
 * failed to start), and nothing when WIDESCAN_JAVA_OPTS picks a class-data archive or AOT mode itself
 * (-Xshare:off and the like: the JVM refused to start with both, exit 1).
 */
class LauncherAotFlagsTest {
    @TempDir
    Path dir;

    @Test
    void theCacheIsPassedAsThreeArgumentsEvenInAFolderWithSpaces() throws IOException, InterruptedException {
        Path folder = Files.createDirectories(dir.resolve("My Projects/widescan"));
        Path jar = cacheAndJar(folder, true);
        Path aot = folder.resolve("widescan.aot");
        assertEquals(List.of("-XX:AOTCache=" + aot, "-XX:+VerifySharedSpaces", "-Xlog:aot=off"), flags(aot, jar, "", false));
        assertEquals(3, flags(aot, jar, "-Xmx256m -Dwidescan.simd=256", false).size(), "options that do not touch the archive");
    }

    /**
     * The cache's CRC check (-XX:+VerifySharedSpaces, ~8 ms of every start) is left out only while the stamp
     * scripts/aot-cache.sh leaves after a verified start is there and the cache is not newer than it: a cache
     * changed afterwards (a flipped byte crashed the JVM without the check) is checked again.
     */
    @Test
    void theCrcCheckIsSkippedOnlyForTheCacheTheBuildVerified() throws IOException, InterruptedException {
        Path jar = cacheAndJar(dir, true);
        Path aot = dir.resolve("widescan.aot");
        Path stamp = dir.resolve("widescan.aot.verified");
        assertEquals(List.of("-XX:AOTCache=" + aot, "-XX:+VerifySharedSpaces", "-Xlog:aot=off"), flags(aot, jar, "", false), "no stamp");
        Files.write(stamp, new byte[0]);
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(Files.getLastModifiedTime(aot).toMillis() + 1_000));
        assertEquals(List.of("-XX:AOTCache=" + aot, "-Xlog:aot=off"), flags(aot, jar, "", false), "verified by the build");
        Files.setLastModifiedTime(aot, FileTime.fromMillis(Files.getLastModifiedTime(stamp).toMillis() + 5_000));
        assertEquals(List.of("-XX:AOTCache=" + aot, "-XX:+VerifySharedSpaces", "-Xlog:aot=off"), flags(aot, jar, "", false),
                "cache written after its stamp");
    }

    /** The build's cache script leaves the stamp only after the verified start it runs (and removes it first). */
    @Test
    void theCacheScriptStampsTheCacheAfterItsVerifiedStart() throws IOException {
        String script = Files.readString(LibSh.LIB.resolveSibling("aot-cache.sh"));
        int verifiedStart = script.indexOf("-XX:+VerifySharedSpaces");
        int stamp = script.indexOf("touch \"$target/widescan.aot.verified\"");
        org.junit.jupiter.api.Assertions.assertTrue(verifiedStart > 0 && stamp > verifiedStart, "stamp after the verified start");
        org.junit.jupiter.api.Assertions.assertTrue(script.indexOf("rm -f \"$target/widescan.aot\" \"$target/widescan.aot.verified\"") < verifiedStart,
                "an old stamp is removed before the cache is made again");
    }

    @Test
    void noCacheWhenStaleMissingOrTurnedOff() throws IOException, InterruptedException {
        Path jar = cacheAndJar(dir, false);
        Path aot = dir.resolve("widescan.aot");
        assertEquals(List.of(), flags(aot, jar, "", false), "older than the jar");
        cacheAndJar(dir, true);
        assertEquals(List.of(), flags(aot, jar, "", true), "WIDESCAN_NO_AOT=1");
        Files.delete(aot);
        assertEquals(List.of(), flags(aot, jar, "", false), "no cache");
    }

    @Test
    void noCacheWhenTheUsersOptionsPickAnArchiveOrAotModeOfTheirOwn() throws IOException, InterruptedException {
        Path jar = cacheAndJar(dir, true);
        Path aot = dir.resolve("widescan.aot");
        for (String opts : new String[] {"-Xshare:off", "-Xmx1g -Xshare:auto", "-XX:SharedArchiveFile=app.jsa", "-XX:AOTCacheOutput=my.aot",
            "-XX:AOTMode=record -XX:AOTConfiguration=app.aotconf", "-XX:AOTCache=mine.aot", "-XX:DumpLoadedClassList=classes.lst",
            "-XX:SharedClassListFile=classes.lst", "-XX:ArchiveClassesAtExit=dyn.jsa"}) {
            assertEquals(List.of(), flags(aot, jar, opts, false), opts);
        }
    }

    /**
     * The build's call of scripts/aot-cache.sh (cli/pom.xml) passes its three paths as separate arguments:
     * exec-maven-plugin splits a {@code commandlineArgs} string at spaces, so a checkout in a folder whose
     * path holds one failed {@code mvn package} (bash exit 127). Checked on the pom, since the call runs in
     * the package phase, after these tests.
     */
    @Test
    void theBuildPassesThePathsToTheCacheScriptAsSeparateArguments() throws Exception {
        org.w3c.dom.Document pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile());
        org.w3c.dom.NodeList ids = pom.getElementsByTagName("id");
        org.w3c.dom.Element execution = null;
        for (int i = 0; i < ids.getLength(); i++) {
            if (ids.item(i).getTextContent().trim().equals("aot-cache")) {
                execution = (org.w3c.dom.Element) ids.item(i).getParentNode();
            }
        }
        org.junit.jupiter.api.Assertions.assertNotNull(execution, "cli/pom.xml has the aot-cache execution");
        assertEquals(0, execution.getElementsByTagName("commandlineArgs").getLength(), "commandlineArgs is split at spaces");
        org.w3c.dom.NodeList arguments = execution.getElementsByTagName("argument");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < arguments.getLength(); i++) {
            values.add(arguments.item(i).getTextContent().trim());
        }
        assertEquals(List.of("${maven.multiModuleProjectDirectory}/scripts/aot-cache.sh", "${java.home}", "${project.build.directory}"), values);
    }

    /** Writes a jar and a cache in {@code folder}, the cache newer than the jar or older; returns the jar. */
    private static Path cacheAndJar(Path folder, boolean cacheNewer) throws IOException {
        Path jar = Files.write(folder.resolve("widescan.jar"), new byte[] {1});
        Path aot = Files.write(folder.resolve("widescan.aot"), new byte[] {2});
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(now - 60_000));
        Files.setLastModifiedTime(aot, FileTime.fromMillis(cacheNewer ? now : now - 120_000));
        return jar;
    }

    /** The lines {@code widescan_aot_flags AOT JAR OPTS} prints, with WIDESCAN_NO_AOT set or not. */
    private static List<String> flags(Path aot, Path jar, String opts, boolean noAot) throws IOException, InterruptedException {
        ProcessBuilder pb = LibSh.bash("widescan_aot_flags \"$@\"", aot.toString(), jar.toString(), opts);
        pb.environment().remove("WIDESCAN_NO_AOT");
        if (noAot) {
            pb.environment().put("WIDESCAN_NO_AOT", "1");
        }
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = new ArrayList<>(out.lines().toList());
        lines.removeIf(String::isEmpty);
        return lines;
    }
}
