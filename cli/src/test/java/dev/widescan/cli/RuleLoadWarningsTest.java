package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that loads rules says what the loader warns of: here a field outside the event schema
 * (SigmaHQ's Pikabot rule's {@code GrandParentImage}), whose entries are constants and which the user must
 * hear about, whichever command loaded the rule.
 */
class RuleLoadWarningsTest {
    @TempDir
    Path dir;

    private static final String RULE = """
            title: pikabot-like
            id: 698d4431-514f-4c82-af4d-cf573872a9f5
            logsource:
                category: process_creation
                product: windows
            detection:
                selection_parent:
                    - GrandParentImage|endswith: '\\\\rundll32.exe'
                    - ParentImage|endswith: '\\\\SearchProtocolHost.exe'
                selection_child:
                    CommandLine: 'whoami.exe /all'
                condition: all of selection_*
            """;

    @Test
    void rulesStrategiesGenTuneAndScanPrintTheWarning() throws IOException {
        Path rule = dir.resolve("pikabot.yml");
        Files.writeString(rule, RULE);
        Path archive = dir.resolve("a.wsev");
        String expected = "pikabot.yml:8: rule 698d4431-514f-4c82-af4d-cf573872a9f5, selection 'selection_parent', field"
                + " 'GrandParentImage': not in widescan's event schema";
        List<List<String>> commands = List.of(
                List.of("gen", "-o", archive.toString(), "--events", "2000", "--seed", "3", "--rules", rule.toString()),
                List.of("rules", "-r", rule.toString()),
                List.of("strategies", "--explain", rule.toString()),
                List.of("scan", "-r", rule.toString(), "--no-progress", "-o", dir.resolve("d.jsonl").toString(), archive.toString()),
                List.of("tune", "-r", rule.toString(), "--seconds", "2", "--sample-blocks", "1", archive.toString()));
        for (List<String> args : commands) {
            CliRun r = CliRun.run(args.toArray(new String[0]));
            assertEquals(0, r.code(), args + ": " + r.err());
            assertTrue(r.err().contains("widescan " + args.get(0) + ": warning: ") && r.err().contains(expected), args + ": " + r.err());
        }
    }
}
