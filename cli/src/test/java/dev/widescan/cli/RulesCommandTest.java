package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RulesCommandTest {
    @TempDir
    Path dir;

    private static final String HEAD = "title: t\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n";



    private void rules() throws IOException {
        Files.writeString(dir.resolve("good.yml"), HEAD + "  sel:\n    CommandLine|contains:\n      - a1z\n      - b2z\n      - c3\n    Image|endswith: '\\x.exe'\n  condition: sel\n");
        Files.writeString(dir.resolve("bad.yml"), HEAD + "  sel:\n    CommandLine|cidr: 10.0.0.0/8\n  condition: sel\n");
    }

    @Test
    void badRuleExitsTwoNamingFileLineAndModifier() throws IOException {
        rules();
        CliRun r = CliRun.run("rules", "-r", dir.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("bad.yml:7: selection 'sel', field 'CommandLine', modifier 'cidr'"), r.err());
        assertTrue(r.err().contains("--skip-unsupported"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void skipUnsupportedPrintsTallyAndLiteralCounts() throws IOException {
        rules();
        CliRun r = CliRun.run("rules", "-r", dir.toString(), "--skip-unsupported");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rules loaded: 1\nrules skipped: 1\n  1  unsupported modifier 'cidr'"), r.out());
        assertTrue(r.out().matches("(?s).*CommandLine\\s+2\\s+2\\s+0\\s+0\\s+0\\s+0.*"), r.out());
        // 'c3' is short and wakes no rule (the Image literal gates it): tested in the value, not matched
        assertTrue(r.out().contains("1 more asked on demand"), r.out());
        assertTrue(r.out().matches("(?s).*Image\\s+1\\s+0\\s+0\\s+1\\s+0\\s+0.*"), r.out());
        CliRun json = CliRun.run("rules", "-r", dir.resolve("good.yml").toString(), "-r", dir.resolve("bad.yml").toString(),
                "--skip-unsupported", "--json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"loaded\" : 1"), json.out());
        assertTrue(json.out().contains("\"literalsOnDemand\" : 1"), json.out());
        assertTrue(json.out().contains("\"unsupported modifier 'cidr'\" : 1"), json.out());
    }

    @Test
    void missingPathAndHelp() {
        CliRun r = CliRun.run("rules", "-r", dir.resolve("nope").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("no such rule file or folder"), r.err());
        CliRun help = CliRun.run("rules", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Exit codes"), help.out());
        assertEquals(ExitCodes.USAGE, CliRun.run("rules").code(), "-r is required");
    }
}
