package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --placeholder NAME=VALUE} on the commands that load rules: the values of {@code |expand}
 * placeholders (SigmaHQ's {@code %userdomain%} rule has no other way to load), repeated names, and
 * malformed entries as usage errors.
 */
class PlaceholderOptionTest {
    @TempDir
    Path dir;

    /** The detection of SigmaHQ 43311e65 "Userdomain Variable Enumeration". */
    private static final String RULE = """
            title: userdomain
            id: 43311e65-84d8-42a5-b3d4-c94d9b67038f
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    CommandLine|contains: 'echo '
                    CommandLine|contains|expand: '%userdomain%'
                condition: selection
            """;

    private Path rule() throws IOException {
        Path p = dir.resolve("userdomain.yml");
        Files.writeString(p, RULE);
        return p;
    }

    @Test
    void aPlaceholderRuleLoadsOnlyWithItsValues() throws IOException {
        String r = rule().toString();
        CliRun missing = CliRun.run("rules", "-r", r);
        assertEquals(ExitCodes.USAGE, missing.code());
        assertTrue(missing.err().contains("userdomain.yml:9: selection 'selection', field 'CommandLine', modifier 'expand': "
                + "placeholder %userdomain% has no value"), missing.err());
        CliRun one = CliRun.run("rules", "-r", r, "--placeholder", "userdomain=CONTOSO");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("rules loaded: 1\n"), one.out());
        // 'echo ' and 'CONTOSO'; a second value for the same name is one more literal
        assertTrue(one.out().matches("(?s).*CommandLine\\s+2\\s+2\\s+0\\s+0\\s+0\\s+0.*"), one.out());
        CliRun two = CliRun.run("rules", "-r", r, "--placeholder", "userdomain=CONTOSO", "--placeholder", "userdomain=FABRIKAM");
        assertEquals(0, two.code(), two.err());
        assertTrue(two.out().matches("(?s).*CommandLine\\s+3\\s+3\\s+0\\s+0\\s+0\\s+0.*"), two.out());
    }

    @Test
    void theHelpShowsThePlaceholderSyntax() {
        for (String command : List.of("scan", "rules", "tune", "gen", "strategies")) {
            CliRun help = CliRun.run(command, "--help");
            assertEquals(0, help.code(), command);
            assertTrue(help.out().contains("--placeholder=NAME=VALUE"), command + ": " + help.out());
            assertTrue(help.out().contains("Value of the Sigma placeholder %NAME% for |expand"), command + ": " + help.out());
            assertFalse(help.err().contains("picocli WARN"), help.err());
        }
    }

    @Test
    void malformedEntriesAreUsageErrorsNamingThem() throws IOException {
        String r = rule().toString();
        for (List<String> bad : List.of(List.of("userdomain"), List.of("=CONTOSO"), List.of("%userdomain%=CONTOSO"),
                List.of(" userdomain=CONTOSO"), List.of("userdomain="))) {
            CliRun run = CliRun.run("rules", "-r", r, "--placeholder", bad.get(0));
            assertEquals(ExitCodes.USAGE, run.code(), bad.toString());
            assertTrue(run.err().contains("--placeholder '" + bad.get(0) + "': "), run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace");
        }
    }

    @Test
    void scanDetectsWithTheGivenValues() throws IOException {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, """
                {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Image":"C:\\\\Windows\\\\System32\\\\cmd.exe","CommandLine":"cmd.exe /c echo %USERDOMAIN% & whoami"}
                {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Image":"C:\\\\Windows\\\\System32\\\\cmd.exe","CommandLine":"cmd.exe /c echo CONTOSO"}
                {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Image":"C:\\\\Windows\\\\System32\\\\cmd.exe","CommandLine":"cmd.exe /c dir CONTOSO"}
                """);
        Path wsev = dir.resolve("events.wsev");
        CliRun ingest = CliRun.run("ingest", "-o", wsev.toString(), events.toString());
        assertEquals(0, ingest.code(), ingest.err());
        Path out = dir.resolve("detections.jsonl");
        CliRun scan = CliRun.run("scan", "-r", rule().toString(), "--placeholder", "userdomain=contoso",
                "--placeholder", "userdomain=%USERDOMAIN%", "--no-progress", "-o", out.toString(), wsev.toString());
        assertEquals(0, scan.code(), scan.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("\"record\":0"), lines.get(0));
        assertTrue(lines.get(1).contains("\"record\":1"), lines.get(1));
    }
}
