package dev.widescan.sigma;

import static dev.widescan.format.Field.CommandLine;
import static dev.widescan.format.Field.Image;
import static dev.widescan.format.Field.ParentImage;
import static dev.widescan.sigma.Detections.event;
import static dev.widescan.sigma.Detections.rule;
import static dev.widescan.sigma.Detections.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import dev.widescan.match.Literal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which literals wake which rules: regex-only rules are gated by their factors, a rule is indexed under
 * its cheapest necessary literal set (not under every literal it names), ungated rules say why, and the
 * detections stay the reference evaluator's.
 */
class RuleGatingTest {
    private static final List<SigmaRule> RULES = List.of(
            rule(yaml("a:\n  CommandLine|contains: 'C:\\Windows\\Fonts\\'\nb:\n  CommandLine|contains: '.exe'\ncondition: a and b")),
            rule(yaml("sel:\n  CommandLine|re: 'https?://[0-9]{1,3}\\.0[0-9]{3,7}'\ncondition: sel")),
            rule(yaml("sel:\n  CommandLine|re: '(?i)\\s(-u|--user)\\s*:'\nf:\n  Image|endswith: '\\ok.exe'\ncondition: sel and not f")),
            rule(yaml("sel:\n  Image|fieldref: ParentImage\ncondition: sel")),
            rule(yaml("x:\n  - CommandLine|contains: 'evil'\n  - Image|endswith: '\\bad.exe'\ny:\n  CommandLine|contains: 'e'\ncondition: x and y")));

    private static List<EventRecord> events() {
        return List.of(
                event(CommandLine, "copy x.exe C:\\WINDOWS\\Fonts\\x.exe", Image, "C:\\w\\cmd.exe"),
                event(CommandLine, "run.exe", Image, "C:\\w\\run.exe"),
                event(CommandLine, "curl http://10.01234", Image, "C:\\w\\curl.exe"),
                event(CommandLine, "curl HTTP://10.01234 (the regex is case-sensitive)", Image, "C:\\w\\curl.exe"),
                event(CommandLine, "tool  --USER :x", Image, "C:\\w\\tool.exe"),
                event(CommandLine, "tool -u:x", Image, "C:\\w\\ok.exe"),
                event(CommandLine, "tool\t-u :x", Image, "C:\\w\\ok.exe"),
                event(CommandLine, "same", Image, "C:\\a.exe", ParentImage, "c:\\A.EXE"),
                event(CommandLine, "evil one", Image, "C:\\w\\bad.exe"),
                event(CommandLine, "nothing", Image, "C:\\w\\bad.exe"));
    }

    @Test
    void rulesAreWokenByTheirRarestNecessaryLiterals() {
        CompiledRuleSet set = SigmaCompiler.compile(RULES);
        assertEquals(List.of("C:\\Windows\\Fonts\\".toLowerCase()), wakers(set, 0), "rule 0: the long path, not '.exe'");
        assertEquals(List.of("http://", "https://"), wakers(set, 1), "rule 1: the regex's factors");
        assertEquals(10, wakers(set, 2).size(), "rule 2: 5 blanks x (-u, --user)");
        assertEquals(List.of("evil", "\\bad.exe"), wakers(set, 4), "rule 4: x's union, not y's 'e'");
        assertEquals(1, set.alwaysEvaluatedRuleCount());
        assertEquals(new CompiledRuleSet.RegexTally(2, 2, 2, List.of()), set.regexTally());
        CompiledRuleSet boundary = SigmaCompiler.compile(List.of(rule(yaml("sel:\n  CommandLine|re: '\\bnet\\b'\ncondition: sel"))));
        assertEquals(new CompiledRuleSet.RegexTally(1, 0, 1, List.of("\\bnet\\b")), boundary.regexTally());
        assertTrue(set.alwaysEvaluatedReasons().get(3).contains("fieldref Image EQUALS ParentImage"),
                set.alwaysEvaluatedReasons().toString());
        List<Detections.Hit> hits = Detections.compiled(set, events(), 3);
        assertEquals(Detections.reference(RULES, events()), hits);
        assertEquals(List.of(new Detections.Hit(0, 0), new Detections.Hit(1, 2), new Detections.Hit(2, 4),
                new Detections.Hit(3, 7), new Detections.Hit(4, 8)), hits);
    }

    /**
     * Review (session 14): a {@code |neq} entry is a negation in the program, so its literals never gate
     * (they are what must not hit): {@code Image|neq} alone is evaluated on every record, beside a literal
     * it is gated by that literal only; the detections equal the reference's with records with and without
     * either literal, in blocks of every size.
     */
    @Test
    void negatedEntriesNeverGate() {
        List<SigmaRule> rules = List.of(
                rule(yaml("sel:\n  Image|neq: 'x.exe'\ncondition: sel")),
                rule(yaml("sel:\n  CommandLine|contains: 'ab'\n  Image|neq: 'bb.exe'\ncondition: sel")),
                rule(yaml("sel:\n  CommandLine|contains|all|neq: ['ab', 'cd']\n  Image|endswith: '.exe'\ncondition: sel")));
        CompiledRuleSet set = SigmaCompiler.compile(rules);
        assertEquals(List.of(), wakers(set, 0));
        assertEquals(List.of("ab"), wakers(set, 1));
        assertEquals(List.of(".exe"), wakers(set, 2));
        assertEquals(java.util.Set.of(0), set.alwaysEvaluatedReasons().keySet());
        List<EventRecord> events = List.of(
                event(CommandLine, "ab", Image, "x.exe"), event(CommandLine, "ab", Image, "bb.exe"),
                event(CommandLine, "ab cd", Image, "y.exe"), event(CommandLine, "zz", Image, "y.exe"),
                event(CommandLine, "ab"), event(Image, "bb.exe"), new EventRecord(), event(CommandLine, "cd", Image, "X.EXE"));
        for (int block = 1; block <= events.size(); block++) {
            assertEquals(Detections.reference(rules, events), Detections.compiled(set, events, block), "blocks of " + block);
        }
        assertEquals(List.of(new Detections.Hit(0, 1), new Detections.Hit(0, 2), new Detections.Hit(0, 3), new Detections.Hit(0, 4),
                new Detections.Hit(0, 5), new Detections.Hit(0, 6), new Detections.Hit(1, 0), new Detections.Hit(1, 2), new Detections.Hit(1, 4),
                new Detections.Hit(2, 0), new Detections.Hit(2, 1), new Detections.Hit(2, 3), new Detections.Hit(2, 5),
                new Detections.Hit(2, 7)),
                Detections.reference(rules, events).stream().sorted(java.util.Comparator.comparingInt(Detections.Hit::rule)
                        .thenComparingInt(Detections.Hit::record)).toList());
    }

    /** The literal texts under which rule {@code rule} is indexed, in literal-id order. */
    /**
     * Only the literals a gate can be chosen from have hit rates worth counting: a filter's (under a
     * negation) never change a gate, whatever their rate, so the evaluator skips counting them (for a
     * dictionary column, a pass over every record of the block).
     */
    @Test
    void onlyTheRatesOfGateCandidatesChooseGates() {
        List<SigmaRule> rules = new ArrayList<>(RULES);
        // an AND of two ORs over different fields: either OR can be the gate, by the rates of all four
        rules.add(rule(yaml("a:\n  CommandLine|contains:\n    - 'alpha1'\n    - 'beta22'\nb:\n  Image|endswith:\n"
                + "    - '\\gamma.exe'\n    - '\\delta.exe'\nf:\n  ParentImage|endswith: '\\skip.exe'\ncondition: a and b and not f")));
        CompiledRuleSet set = SigmaCompiler.compile(rules);
        List<Literal> all = new ArrayList<>();
        for (FieldLiterals fl : set.fieldLiterals()) {
            all.addAll(fl.literals().literals());
        }
        List<String> counted = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        for (int g = 0; g < set.literalCount; g++) {
            (set.rateChoosesGates[g] ? counted : notCounted).add(all.get(g).text());
        }
        assertTrue(notCounted.containsAll(List.of("\\ok.exe", "\\skip.exe")), "the filters: " + notCounted);
        assertTrue(counted.containsAll(List.of("evil", "\\bad.exe", ".exe", "C:\\Windows\\Fonts\\".toLowerCase(),
                "alpha1", "beta22", "\\gamma.exe", "\\delta.exe")), counted.toString());
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261130L);
        for (int round = 0; round < 200; round++) {
            double[] rates = new double[set.literalCount];
            for (int g = 0; g < rates.length; g++) {
                rates[g] = random.nextDouble();
            }
            double[] others = rates.clone();
            for (int g = 0; g < others.length; g++) {
                if (!set.rateChoosesGates[g]) {
                    others[g] = random.nextDouble();
                }
            }
            CompiledRuleSet.Gates a = set.gates(rates);
            CompiledRuleSet.Gates b = set.gates(others);
            assertEquals(java.util.Arrays.toString(a.start()) + java.util.Arrays.toString(a.rules()),
                    java.util.Arrays.toString(b.start()) + java.util.Arrays.toString(b.rules()), "round " + round);
        }
    }

    private static List<String> wakers(CompiledRuleSet set, int rule) {
        List<Literal> all = new ArrayList<>();
        for (FieldLiterals fl : set.fieldLiterals()) {
            all.addAll(fl.literals().literals());
        }
        List<String> out = new ArrayList<>();
        for (int g = 0; g < set.literalCount; g++) {
            for (int j = set.literalRuleStart[g]; j < set.literalRuleStart[g + 1]; j++) {
                if (set.literalRules[j] == rule) {
                    out.add(all.get(g).text());
                }
            }
        }
        return out;
    }
}
