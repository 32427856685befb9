package dev.widescan.sigma;

import static dev.widescan.format.Field.CommandLine;
import static dev.widescan.format.Field.Image;
import static dev.widescan.format.Field.ParentImage;
import static dev.widescan.format.Field.User;
import static dev.widescan.sigma.Detections.event;
import static dev.widescan.sigma.Detections.rule;
import static dev.widescan.sigma.Detections.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules naming a field outside widescan's event schema ({@code GrandParentImage}): the field is absent from
 * every event, so its entries answer as on an absent value, the rest of the rule is evaluated, and only a
 * rule whose condition cannot be true without the field is refused. Every match is checked on the compiled
 * path and the reference ({@link Detections#matches} fails when they disagree).
 */
class OutsideSchemaTest {
    @TempDir
    Path dir;

    /** SigmaHQ 698d4431 (Pikabot discovery): the field in one alternative of a selection, {@code all of}. */
    private static final String PIKABOT = """
            selection_parent:
                - GrandParentImage|endswith: '\\\\rundll32.exe'
                - ParentImage|endswith:
                      - '\\\\SearchFilterHost.exe'
                      - '\\\\SearchProtocolHost.exe'
            selection_child:
                CommandLine:
                    - 'ipconfig.exe /all'
                    - 'whoami.exe /all'
            condition: all of selection_*""";

    /** SigmaHQ 2ad78473 (RedSun), shortened: the field in one of two selections, {@code 1 of}. */
    private static final String REDSUN = """
            selection_tiering_to_conhost:
                ParentImage|endswith: '\\\\TieringEngineService.exe'
                Image|endswith: '\\\\conhost.exe'
            selection_shell_full_chain:
                GrandParentImage|endswith: '\\\\TieringEngineService.exe'
                ParentImage|endswith: '\\\\conhost.exe'
                User|contains: 'AUTHORI'
            condition: 1 of selection_*""";

    private static boolean m(String detection, EventRecord e) {
        return Detections.matches(rule(yaml(detection)), e);
    }

    @Test
    void sigmaHqRulesMatchThroughTheirOtherSelections() {
        assertTrue(m(PIKABOT, event(ParentImage, "C:\\Windows\\System32\\SearchProtocolHost.exe", CommandLine, "whoami.exe /all")));
        assertFalse(m(PIKABOT, event(ParentImage, "C:\\Windows\\System32\\rundll32.exe", CommandLine, "whoami.exe /all")));
        assertFalse(m(PIKABOT, event(ParentImage, "C:\\Windows\\System32\\SearchProtocolHost.exe", CommandLine, "net view")));
        assertTrue(m(REDSUN, event(ParentImage, "C:\\x\\TieringEngineService.exe", Image, "C:\\Windows\\conhost.exe")));
        // the selection that needs GrandParentImage matches nothing, even with every other entry satisfied
        assertFalse(m(REDSUN, event(ParentImage, "C:\\Windows\\conhost.exe", Image, "C:\\Windows\\cmd.exe", User, "NT AUTHORITY\\SYSTEM")));
    }

    @Test
    void entriesAnswerAsOnAnAbsentValue() {
        EventRecord cmd = event(Image, "C:\\Windows\\cmd.exe");
        // value tests are false: a filter on the field never filters
        assertTrue(m("sel:\n  Image|endswith: cmd.exe\nfilter:\n  GrandParentImage|endswith: x.exe\ncondition: sel and not filter", cmd));
        assertTrue(m("sel:\n  Image|endswith: cmd.exe\n  GrandParentImage: null\ncondition: sel", cmd));
        assertTrue(m("sel:\n  Image|endswith: cmd.exe\n  GrandParentImage|exists: false\ncondition: sel", cmd));
        assertTrue(m("sel:\n  Image|endswith: cmd.exe\nmore:\n  GrandParentImage|exists: true\ncondition: sel and not more", cmd));
        assertFalse(m("sel:\n  Image|endswith: cmd.exe\nmore:\n  GrandParentImage|exists: true\ncondition: sel and not more", event(Image, "x")));
        assertTrue(m("sel:\n  Image|endswith: cmd.exe\nalt:\n  GrandParentImage|re: '.*'\ncondition: sel or alt", cmd));
        // |all over values one of which is null: every value must hold, and 'x' does not
        assertTrue(m("sel:\n  Image|endswith: cmd.exe\nf:\n  GrandParentImage|all:\n    - null\n    - x\ncondition: sel and not f", cmd));
        // a rule that is true on every event: an always-evaluated rule with a true program
        SigmaRule everything = rule(yaml("sel:\n  GrandParentImage: null\ncondition: sel"));
        assertTrue(Detections.matches(everything, cmd));
        assertTrue(Detections.matches(everything, new EventRecord()));
        CompiledRuleSet set = SigmaCompiler.compile(List.of(everything));
        assertEquals(1, set.alwaysEvaluatedRuleCount());
        assertTrue(set.alwaysEvaluatedReasons().values().iterator().next().contains("true on every event"),
                set.alwaysEvaluatedReasons().toString());
    }

    @Test
    void aRuleThatCanNeverMatchIsRefusedWithFileLineAndField() {
        for (String never : List.of(
                "sel:\n  GrandParentImage|endswith: x\ncondition: sel",
                "a:\n  Image: x\nb:\n  GrandParentImage: y\ncondition: all of *",
                "sel:\n  GrandParentImage: null\ncondition: not sel",
                "sel:\n  - GrandParentImage: x\n  - GrandParentImage|contains: y\ncondition: sel or (1 of sel*)")) {
            SigmaRuleException e = assertThrows(SigmaRuleException.class, () -> rule(yaml(never)), never);
            assertEquals("field 'GrandParentImage' not in the event schema", e.category(), never);
            assertTrue(e.getMessage().startsWith("test-rule.yml:"), e.getMessage());
            assertTrue(e.getMessage().contains("field 'GrandParentImage' is not in widescan's event schema"), e.getMessage());
            assertTrue(e.getMessage().contains("could never match"), e.getMessage());
        }
    }

    @Test
    void aNameOneOrTwoLettersOffASchemaFieldIsATypoAndRefusedWithTheSuggestion() {
        for (String[] typo : new String[][] {{"commandline", "CommandLine"}, {"CommandLne", "CommandLine"},
                {"Imgae", "Image"}, {"parentimage", "ParentImage"}, {"OrginalFileName", "OriginalFileName"},
                {"image", "Image"}, {"USER", "User"}}) {
            SigmaRuleException e = assertThrows(SigmaRuleException.class,
                    () -> rule(yaml("sel:\n  Image: x\nf:\n  " + typo[0] + "|contains: y\ncondition: sel and not f")), typo[0]);
            assertTrue(e.getMessage().contains("field '" + typo[0] + "' is not in widescan's event schema (format.Field): did you mean '"
                    + typo[1] + "'?"), e.getMessage());
        }
        // far enough from every schema field: a field no event has, loaded
        for (String foreign : List.of("GrandParentImage", "Hash", "ParentProcessName", "NewProcessName", "TargetFilename")) {
            assertTrue(m("sel:\n  Image: x\nf:\n  " + foreign + "|contains: y\ncondition: sel and not f", event(Image, "x")), foreign);
        }
        assertEquals(1, OutsideSchema.editDistance("imgae", "image"), "a transposition is one edit");
        assertEquals(5, OutsideSchema.editDistance("grandparentimage", "parentimage"));
    }

    @Test
    void theLoaderWarnsOncePerEntryNamingFileLineRuleAndSelection() throws IOException {
        Path file = dir.resolve("pikabot.yml");
        Files.writeString(file, yaml(PIKABOT));
        RuleLoadResult r = RuleLoader.load(List.of(dir), false);
        assertEquals(1, r.rules().size());
        assertTrue(r.skipped().isEmpty());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        String w = r.warnings().get(0);
        assertTrue(w.startsWith(file + ":8: rule "), w);
        assertTrue(w.contains("selection 'selection_parent', field 'GrandParentImage': not in widescan's event schema"), w);
        assertTrue(w.contains("'GrandParentImage|endswith' is false on every event"), w);
    }

    @Test
    void warningsAndTheSkipTallyReachTheTerminalAsText() throws IOException {
        // an id (shown in the warning) and a modifier (shown in the tally) holding an escape sequence
        Files.writeString(dir.resolve("a.yml"), yaml(PIKABOT).replaceFirst("id: [^\n]*", java.util.regex.Matcher.quoteReplacement("id: \"x\\e[2Jy\"")));
        Files.writeString(dir.resolve("b.yml"), yaml("sel:\n  \"Image|\\e]0;t\\a\": x\ncondition: sel"));
        RuleLoadResult r = RuleLoader.load(List.of(dir), true);
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("rule x\\x1B[2Jy,"), r.warnings().get(0));
        assertEquals(1, r.skipped().size(), r.tally());
        assertFalse(r.tally().chars().anyMatch(c -> c == 0x1b || c == 0x07), r.tally());
        assertTrue(r.tally().contains("\\x1B]0;t\\x07"), r.tally());
    }
}
