package dev.widescan.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Condition parsing is bounded: a linear selection-pattern matcher and a nesting limit. */
class ConditionLimitsTest {
    @Test
    void linearGlobAgreesWithRegexOnRandomPatterns() {
        long seed = 1313L;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int c = 0; c < 100_000; c++) {
            StringBuilder p = new StringBuilder();
            for (int i = rnd.nextInt(0, 8); i > 0; i--) {
                p.append("ab*".charAt(rnd.nextInt(3)));
            }
            StringBuilder s = new StringBuilder();
            for (int i = rnd.nextInt(0, 10); i > 0; i--) {
                s.append("ab".charAt(rnd.nextInt(2)));
            }
            boolean expected = Pattern.matches(p.toString().replace("*", ".*"), s);
            assertEquals(expected, ConditionParser.globMatches(p.toString(), s.toString()),
                    "seed " + seed + " case " + c + ": pattern '" + p + "' name '" + s + "'");
        }
    }

    @Test
    void manyStarsAnswerAtOnce() {
        String pattern = "*a".repeat(25) + "*b";
        String name = "a".repeat(200);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertEquals(false, ConditionParser.globMatches(pattern, name)));
    }

    @Test
    void nestingPastTheLimitIsARuleErrorNotAStackOverflow() {
        Set<String> sel = new LinkedHashSet<>(Set.of("sel"));
        int ok = ConditionParser.MAX_DEPTH;
        ConditionParser.parse(Path.of("r.yml"), 9, "(".repeat(ok) + "sel" + ")".repeat(ok), sel);
        ConditionParser.parse(Path.of("r.yml"), 9, "not ".repeat(ok) + "sel", sel);
        for (String deep : new String[] {"(".repeat(50_000) + "sel" + ")".repeat(50_000), "not ".repeat(2_500) + "sel",
            "not (".repeat(ok) + "sel" + ")".repeat(ok)}) {
            SigmaRuleException e = assertThrows(SigmaRuleException.class, () -> ConditionParser.parse(Path.of("r.yml"), 9, deep, sel));
            assertTrue(e.getMessage().startsWith("r.yml:9: condition '") && e.getMessage().contains("nested deeper than"), e.getMessage());
            assertTrue(e.getMessage().length() < 400, "the condition is shortened in the message");
        }
    }
}
