package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.cli.ExitCodes;
import dev.widescan.cli.WidescanCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gen}'s bad input: exit 2 with one line naming the file or option; its output never overwrites a rule file. */
class GenBadInputTest {
    @TempDir
    Path dir;



    @Test
    void badRulesOptionsAndOutputsExitTwo() throws IOException {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "title: t\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n  sel: [unclosed\n  condition: sel\n");
        CliRun r = CliRun.run("gen", "-o", dir.resolve("a.wsev").toString(), "--events", "10", "-r", bad.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("bad.yml") && !r.err().contains("\tat "), r.err());
        Path rule = dir.resolve("rule.yml");
        Files.copy(Path.of("..", "corpus", "rules", "seed", "proc_creation_win_susp_inline_win_api_access.yml"), rule);
        byte[] before = Files.readAllBytes(rule);
        CliRun over = CliRun.run("gen", "-o", rule.toString(), "--events", "10", "-r", rule.toString());
        assertEquals(ExitCodes.USAGE, over.code(), over.err());
        assertTrue(over.err().contains("refusing to overwrite an input"), over.err());
        assertArrayEquals(before, Files.readAllBytes(rule));
        assertEquals(ExitCodes.USAGE, CliRun.run("gen", "-o", dir.resolve("b.wsev").toString(), "--events", "-5").code());
        assertEquals(ExitCodes.USAGE, CliRun.run("gen", "-o", dir.resolve("b.wsev").toString(), "--events", "10", "--profile", "odd").code());
        assertEquals(ExitCodes.USAGE, CliRun.run("gen", "-o", "/dev/null", "--events", "10").code(), "an event file needs a regular file");
        assertFalse(Files.exists(dir.resolve("b.wsev")));
    }
}
