package dev.widescan.sigma;

import static dev.widescan.format.Field.CommandLine;
import static dev.widescan.format.Field.Image;
import static dev.widescan.sigma.Detections.event;
import static dev.widescan.sigma.Detections.rule;
import static dev.widescan.sigma.Detections.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.widescan.format.EventRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RuleEvaluator wakes rules by 64-rule words and walks the woken words as the range [lowWord, wordsEnd)
 * (all words when some rule is evaluated always): rules at the edges of every word (0, 63, 64, 127, 128
 * and the last rule, alone in the last word), woken alone and together, with and without an always-evaluated
 * rule at the front or the back of the list, and records no rule wakes, against the reference evaluation.
 */
class RuleEvaluatorWordsTest {
    private static final int RULES = 130; // words 0, 1 and 2; word 2 holds rules 128 and 129

    private static SigmaRule marker(int i) {
        return rule(yaml("sel:\n  CommandLine|contains: 'marker" + i + "z'\ncondition: sel"));
    }

    private static final SigmaRule ALWAYS = rule(yaml("sel:\n  Image: null\ncondition: sel"));

    private static List<EventRecord> events() {
        int[][] woken = {{0}, {63}, {64}, {127}, {128}, {129}, {0, 129}, {63, 64}, {129, 0, 64}, {}, {1, 2, 3}, {128, 129}};
        List<EventRecord> events = new ArrayList<>();
        for (int[] rules : woken) {
            StringBuilder line = new StringBuilder("cmd");
            for (int r : rules) {
                line.append(" marker").append(r).append('z');
            }
            events.add(event(CommandLine, line.toString(), Image, "C:\\x.exe"));
            events.add(event(CommandLine, line.toString())); // no Image: the always rule matches
        }
        events.add(event(Image, "C:\\y.exe"));
        events.add(event(CommandLine, "nothing"));
        return events;
    }

    private static void assertSameAsReference(List<SigmaRule> rules) {
        List<EventRecord> events = events();
        List<Detections.Hit> expected = Detections.reference(rules, events);
        CompiledRuleSet set = SigmaCompiler.compile(rules);
        assertEquals(rules.contains(ALWAYS) ? 1 : 0, set.alwaysEvaluatedRuleCount());
        assertFalse(expected.isEmpty());
        for (int blockSize : new int[] {1, 5, events.size()}) {
            assertEquals(expected, Detections.compiled(set, events, blockSize),
                    rules.size() + " rules, blocks of " + blockSize);
        }
    }

    @Test
    void rulesAtTheEdgesOfEveryWordWithoutAnAlwaysRule() {
        List<SigmaRule> rules = new ArrayList<>();
        for (int i = 0; i < RULES; i++) {
            rules.add(marker(i));
        }
        assertSameAsReference(rules);
    }

    @Test
    void rulesAtTheEdgesOfEveryWordWithAnAlwaysRuleFirstOrLast() {
        List<SigmaRule> first = new ArrayList<>(List.of(ALWAYS));
        List<SigmaRule> last = new ArrayList<>();
        for (int i = 0; i < RULES; i++) {
            first.add(marker(i));
            last.add(marker(i));
        }
        last.add(ALWAYS); // rule 130: word 2
        assertSameAsReference(first);
        assertSameAsReference(last);
        // the always rule alone in a word of its own (rule 128), woken rules only in words 0 and 1
        List<SigmaRule> lone = new ArrayList<>(last.subList(0, 128));
        lone.add(ALWAYS);
        assertSameAsReference(lone);
    }
}
