package dev.widescan.cli;

import dev.widescan.corpus.ExpectedSidecar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.widescan.cli.WidescanCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same bytes: for the event file, the JSONL and the sidecar, through the real command. */
class GenDeterminismTest {
    @TempDir
    Path dir;

    private int gen(Path out, String... extra) {
        String[] base = {"gen", "-o", out.toString(), "--events", "20000", "--hit-rate", "0.01", "--expected-records"};
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return WidescanCli.commandLine().execute(args);
    }

    @Test
    void sameSeedGivesIdenticalEventFileAndSidecar() throws Exception {
        Path a = dir.resolve("a.wsev");
        Path b = dir.resolve("b.wsev");
        assertEquals(0, gen(a, "--seed", "42", "--profile", "unicode"));
        assertEquals(0, gen(b, "--seed", "42", "--profile", "unicode"));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertArrayEquals(Files.readAllBytes(ExpectedSidecar.pathFor(a)), Files.readAllBytes(ExpectedSidecar.pathFor(b)));
    }

    @Test
    void sameSeedGivesIdenticalJsonl() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        assertEquals(0, gen(a, "--seed", "7", "--jsonl"));
        assertEquals(0, gen(b, "--seed", "7", "--jsonl"));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void otherSeedGivesOtherEvents() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        assertEquals(0, gen(a, "--seed", "1", "--jsonl"));
        assertEquals(0, gen(b, "--seed", "2", "--jsonl"));
        assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)));
    }
}
