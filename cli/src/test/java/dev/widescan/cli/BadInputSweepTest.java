package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions of the adversarial bad-input sweep (docs/QA-BAD-INPUT.md): each case a demanding user or a
 * hostile file met, where a command lost data silently or failed without saying what was wrong.
 */
class BadInputSweepTest {
    @TempDir
    Path dir;
    Path events;
    Path rule;

    @BeforeEach
    void data() throws IOException {
        events = FuzzFixtures.eventFile(dir.resolve("e.wsev"), 200, 64, 1, false);
        rule = FuzzFixtures.rule(dir);
    }

    /** {@code gen -o RULES/x.yml -r RULES}: the rule file inside the rules folder is an input too. */
    @Test
    void genNeverOverwritesARuleFileOfARulesFolder() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path inFolder = Files.copy(rule, rules.resolve("rule.yml"));
        byte[] before = Files.readAllBytes(inFolder);
        CliRun r = CliRun.run("gen", "-o", inFolder.toString(), "--events", "10", "-r", rules.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("refusing to overwrite an input") && r.err().contains("rule.yml"), r.err());
        assertArrayEquals(before, Files.readAllBytes(inFolder));
    }
}
