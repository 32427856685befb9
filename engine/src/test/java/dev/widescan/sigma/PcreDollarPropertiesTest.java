package dev.widescan.sigma;

import static dev.widescan.sigma.Detections.event;
import static dev.widescan.sigma.Detections.rule;
import static dev.widescan.sigma.Detections.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.text.CaseFolding;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PcreDollar} against a PCRE oracle, and the rewritten patterns through widescan's own regex stages.
 *
 * <p>The oracle is {@code java.util.regex} with {@code UNIX_LINES}: its {@code $} is PCRE's (the end, or
 * before a final {@code \n}; with {@code m} before any {@code \n}), on atoms where the two flavours agree (no
 * nested classes, POSIX classes, case folding beyond ASCII, {@code ^} under {@code m}). Every pattern the
 * loader accepts must answer as the oracle; the rest must be refused. Then the lazy DFA and the required
 * factors of each rewritten pattern must agree with RE2/J on it, {@code m} included ({@link
 * RegexConfirmPropertiesTest} draws only from patterns as written, flags without {@code m}).
 */
class PcreDollarPropertiesTest {
    private static final String[] ATOMS = {"a", "b", "-", " ", ".", "\\.", "\\s", "\\S", "\\w", "\\d", "[ab]", "[^a]",
        "[^\\n]", "(ab)", "(?:a|b)", "(?:a|)", "$", "$", "$", "\\n", "\\$", "[$]", "[\\]$]", "\\Qa$\\E", "\\z", "\\A",
        "(?s:.)", "x{2}", "b{1,3}", "a*?", "(a$)", "(?:b$|a)", "\\b", "$\\n", "a$\\n?", "(?:\\n?$)", "\\\\$", "^"};
    private static final char[] UNITS = {'a', 'b', 'x', '-', ' ', '.', '\n', '\n', '$', '1', '\\', ']'};
    private static final int[] FLAGS = {0, Pattern.DOTALL, Pattern.MULTILINE, Pattern.MULTILINE | Pattern.DOTALL};

    @Test
    void rewrittenDollarIsPcreDollarOrRefused() {
        long seed = 0x5EED_D011L;
        SplittableRandom random = new SplittableRandom(seed);
        int accepted = 0;
        int refused = 0;
        int dfaAnswers = 0;
        for (int pi = 0; pi < 3000; pi++) {
            StringBuilder p = new StringBuilder();
            int n = 1 + random.nextInt(5);
            for (int k = 0; k < n; k++) {
                p.append(ATOMS[random.nextInt(ATOMS.length)]);
                if (random.nextInt(5) == 0) {
                    p.append(new String[] {"*", "+", "?", "{0,2}", "??"}[random.nextInt(5)]);
                }
            }
            String regex = p.toString();
            int flags = FLAGS[random.nextInt(FLAGS.length)];
            if ((flags & Pattern.MULTILINE) != 0 && regex.contains("^")) {
                continue; // PCRE's and RE2's '^' differ after a final newline under m: not this class's question
            }
            java.util.regex.Pattern oracle;
            try {
                Pattern.compile(regex, flags);
                oracle = java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.UNIX_LINES
                        | ((flags & Pattern.DOTALL) != 0 ? java.util.regex.Pattern.DOTALL : 0)
                        | ((flags & Pattern.MULTILINE) != 0 ? java.util.regex.Pattern.MULTILINE : 0));
            } catch (RuntimeException e) {
                continue;
            }
            List<String> values = values(random, regex);
            String where = "seed " + seed + " /" + regex + "/ flags " + flags;
            if (!PcreDollar.exact(regex, flags)) {
                refused++;
                continue;
            }
            accepted++;
            String re2 = PcreDollar.toRe2(regex, flags);
            Pattern compiled = Pattern.compile(re2, flags);
            RegexDfa dfa = RegexDfa.compile(re2, flags);
            List<String> factors = RegexFactors.of(re2);
            RecordColumn column = RecordColumn.of(values.toArray(String[]::new));
            for (int v = 0; v < values.size(); v++) {
                String value = values.get(v);
                boolean pcre = oracle.matcher(value).find();
                String at = where + ", value '" + value.replace("\n", "\\n") + "'";
                assertEquals(pcre, compiled.matcher(value).find(), "rewritten /" + re2 + "/ vs PCRE: " + at);
                if (dfa != null) {
                    int found = dfa.find(column, v);
                    if (found != RegexDfa.FALLBACK) {
                        assertEquals(pcre, found == RegexDfa.YES, "DFA of /" + re2 + "/: " + at);
                        dfaAnswers++;
                    }
                }
                if (pcre && !factors.isEmpty()) {
                    String folded = CaseFolding.fold(value);
                    assertTrue(factors.stream().anyMatch(folded::contains), "no factor of " + factors + ": " + at);
                }
            }
        }
        assertTrue(accepted > 1000 && refused > 50 && dfaAnswers > 20_000,
                accepted + " accepted, " + refused + " refused, " + dfaAnswers + " DFA answers");
    }

    @Test
    void aDollarThatMoreOfThePatternFollowsIsRefusedUnlessMultiline() {
        // PCRE: a$\n matches "a\n" ($ before the final newline, then \n reads it); (?:\n?$)\n cannot, and
        // a$\z with the newline consumed would match "a\n", which PCRE's a$\z does not.
        for (String regex : List.of("a$\\n", "a$\\z", "a$\\b", "(a$)b", "(?:a$|c)b", "(a$)+", "a$(?s:.)", "$.")) {
            assertFalse(PcreDollar.exact(regex, 0), regex);
            SigmaRuleException e = assertThrows(SigmaRuleException.class,
                    () -> rule(yaml("sel:\n  CommandLine|re: '" + regex + "'\ncondition: sel")), regex);
            assertTrue(e.getMessage().contains("'$' followed by more of the pattern"), e.getMessage());
        }
        for (String regex : List.of("a$", "a$$", "(a$)", "(?:a$|b)", "(a$)?", "a$*", "a$|b", "((a$)|b)", "[$]b", "\\$b", "\\\\$")) {
            assertTrue(PcreDollar.exact(regex, 0), regex);
        }
        String multiline = "sel:\n  CommandLine|re|m: 'a$\\nb'\ncondition: sel";
        assertTrue(Detections.matches(rule(yaml(multiline)), event(Field.CommandLine, "x a\nb")), "under m RE2's $ is PCRE's");
        assertEquals("a$\\nb", PcreDollar.toRe2("a$\\nb", Pattern.MULTILINE));
        assertFalse(PcreDollar.exact("(?-m:a$)\\n", Pattern.MULTILINE), "m turned off inside");
    }

    private static List<String> values(SplittableRandom random, String regex) {
        List<String> out = new ArrayList<>(List.of("", "\n", "a", "a\n", "a\n\n", "a\nb", "$", "ab\n"));
        for (int k = 0; k < 30; k++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(8);
            for (int j = 0; j < n; j++) {
                if (random.nextInt(6) == 0) {
                    s.append(regex, 0, random.nextInt(regex.length() + 1)); // pieces of the pattern text itself
                } else {
                    s.append(UNITS[random.nextInt(UNITS.length)]);
                }
            }
            if (random.nextBoolean()) {
                s.append('\n'); // the case in question: a value that ends with a newline
            }
            out.add(s.toString());
        }
        return out;
    }
}
