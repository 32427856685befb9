package dev.widescan.cli;

import dev.widescan.corpus.ExpectedSidecar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.cli.WidescanCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command through the engine's CLI (found by ServiceLoader): help, errors and exit codes. */
class GenCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = WidescanCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void isRegisteredAndHasHelpWithExitCodes() {
        CommandLine cl = WidescanCli.commandLine();
        assertTrue(cl.getSubcommands().containsKey("gen"));
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("gen", "--help"));
        assertTrue(out.toString().contains("--hit-rate") && out.toString().contains("Exit codes"), out.toString());
    }

    @Test
    void writesJsonlAndSidecarWithExampleRules() throws Exception {
        Path out = dir.resolve("ex.jsonl");
        assertEquals(0, run("gen", "-o", out.toString(), "--events", "2000", "--hit-rate", "0.05", "--jsonl",
                "--rules", "../corpus/rules/examples", "--seed", "3"));
        assertEquals(2000, Files.readAllLines(out, StandardCharsets.UTF_8).size());
        String sidecar = Files.readString(ExpectedSidecar.pathFor(out));
        assertTrue(sidecar.contains("\"detected_events\":") && sidecar.contains("Example - PowerShell Download Cradle"), sidecar);
        assertTrue(err.toString().contains("expected detections"), err.toString());
    }

    @Test
    void usageErrorsExitWithTwoAndAClearMessage() {
        Path out = dir.resolve("x.wsev");
        assertEquals(2, run("gen", "-o", out.toString(), "--events", "10", "--profile", "huge"));
        assertTrue(err.toString().contains("unknown --profile 'huge'"), err.toString());
        assertEquals(2, run("gen", "-o", out.toString(), "--events", "10", "--hit-rate", "1.5"));
        assertTrue(err.toString().contains("--hit-rate must be in [0, 1]"), err.toString());
        assertEquals(2, run("gen", "-o", out.toString(), "--events", "10", "--rules", dir.resolve("missing.yml").toString()));
        assertTrue(err.toString().contains("rule file or folder not found"), err.toString());
        assertEquals(2, run("gen", "-o", out.toString()));
    }

    @Test
    void badRuleFileNamesTheFile() throws Exception {
        Path rule = dir.resolve("bad.yml");
        Files.writeString(rule, "title: broken\nlogsource: {category: process_creation, product: windows}\ndetection:\n  sel:\n    CommandLine|nosuchmodifier: x\n  condition: sel\n");
        assertEquals(2, run("gen", "-o", dir.resolve("y.wsev").toString(), "--events", "10", "--rules", rule.toString()));
        assertTrue(err.toString().contains("bad.yml"), err.toString());
    }
}
