package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.testkit.FreshJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code main} starts before picocli parses anything (ScanCommand.prepareEarly's first-use thread,
 * KernelPreWarm's warm-up thread with its unlinked temp file), seen from outside in fresh JVMs with
 * jvm.properties' flags, as a user runs widescan: a bad {@code -Dwidescan.simd} is still the scan's usage
 * error (exit 2, the property named, no stack trace from either thread); the warm-up leaves no file in
 * {@code java.io.tmpdir}, with vector kernels or without; a tmpdir that cannot be written costs the warm-up
 * only, the scan's detections are the same; {@code --help} and {@code --version} are untouched.
 */
class ScanStartUpProcessTest {

    @TempDir
    Path dir;
    Path events;
    Path rule;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void files() throws IOException {
        events = FuzzFixtures.eventFile(dir.resolve("e.wsev"), 2_000, 256, 5);
        rule = FuzzFixtures.rule(dir);
    }

    private static Run widescan(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        FreshJvm.Result r = FreshJvm.run(jvmOptions, WidescanCli.class, List.of(args), 120);
        return new Run(r.exitCode(), r.out(), r.err());
    }

    private String[] scan(Path output, String strategy) {
        return new String[] {"scan", "-r", rule.toString(), "--strategy", strategy, "--no-progress", "-o", output.toString(), events.toString()};
    }

    @Test
    void aBadSimdPropertyIsStillTheScansUsageError() throws IOException, InterruptedException {
        Run r = widescan(List.of("-Dwidescan.simd=bogus"), scan(dir.resolve("bad.jsonl"), "auto"));
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("-Dwidescan.simd=bogus: expected auto, none, 128, 256 or 512"), r.err());
        assertFalse(FuzzFixtures.hasTrace(r.err()), r.err());
        assertFalse(Files.exists(dir.resolve("bad.jsonl")), "no detections written");
    }

    @Test
    void theWarmUpLeavesNoFileInTmpdirAndAnUnwritableTmpdirOnlyCostsTheWarmUp() throws IOException, InterruptedException {
        Path expected = dir.resolve("expected.jsonl");
        CliRun inProcess = CliRun.run(scan(expected, "naive"));
        assertEquals(0, inProcess.code(), inProcess.err());
        byte[] detections = Files.readAllBytes(expected);
        assertTrue(detections.length > 0, "the fixture's rule matches some events");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path missingTmp = dir.resolve("no-such-tmp");
        int run = 0;
        for (List<String> options : List.of(List.of("-Djava.io.tmpdir=" + tmp), List.of("-Djava.io.tmpdir=" + tmp, "-Dwidescan.simd=none"),
                List.of("-Djava.io.tmpdir=" + missingTmp))) {
            Path output = dir.resolve("out" + run++ + ".jsonl");
            Run r = widescan(options, scan(output, "auto"));
            assertEquals(0, r.code(), options + ": " + r.err());
            assertFalse(FuzzFixtures.hasTrace(r.err()), options + ": " + r.err());
            assertArrayEquals(detections, Files.readAllBytes(output), options.toString());
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.toList(), options + ": nothing left in java.io.tmpdir");
            }
        }
    }

    @Test
    void helpAndVersionAreUntouched() throws IOException, InterruptedException {
        for (String[] args : new String[][] {{"--help"}, {"--version"}, {"scan", "--help"}}) {
            Run r = widescan(List.of(), args);
            assertEquals(0, r.code(), Arrays.toString(args) + ": " + r.err());
            // the JVM's own notice of the incubating Vector API module is all that may reach stderr
            assertEquals("", r.err().replace("WARNING: Using incubator modules: jdk.incubator.vector\n", ""), Arrays.toString(args));
            assertFalse(r.out().isBlank(), Arrays.toString(args));
        }
    }
}
