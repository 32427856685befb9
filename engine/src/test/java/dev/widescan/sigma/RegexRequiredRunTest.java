package dev.widescan.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import dev.widescan.format.RecordColumn;
import dev.widescan.testkit.SeededProperty;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DFA's required-run test ({@link RegexNfa#runSet}): a value without {@code k} consecutive units of
 * the class is answered NO before the DFA (and before the surrogate fallback), so that answer must be
 * RE2/J's for every value, surrogates included. Patterns put a long counted class between random pieces;
 * values are runs of the class of lengths around {@code k} between other units, paired and lone surrogates.
 */
class RegexRequiredRunTest {
    private static final String[] CLASSES = {"[a-fA-F0-9]", "\\w", "\\S", ".", "[^ ]", "[^\\\\]", "\\d", "[a-f]", "[A-Z]", "(?s:.)", "[^a]",
        "[a-z\uDC00-\uDFFF]", "[^\uD800]"};
    private static final String[] PIECES = {"", "\\s", "x", "(?:ab|c)", "\\s[0-9]{2}", "^", "$", "a+", " "};
    private static final char[] OTHER = {' ', 'x', 'a', 'A', 'f', 'g', 'Z', '1', '\\', '\n', '\t', '-', '\u212A', '\u00e9',
        '\uD83D', '\uDE00', '\uDBFF'};

    @Test
    void requiredRunAnswersAsRe2() {
        int[] runsSeen = {0};
        int[] noByRun = {0};
        SeededProperty.forAll(400, rnd -> {
            String cls = CLASSES[rnd.nextInt(CLASSES.length)];
            int k = RegexNfa.MIN_RUN + rnd.nextInt(10);
            String rep = rnd.nextBoolean() ? "{" + k + "}" : rnd.nextBoolean() ? "{" + k + ",}" : "{" + k + "," + (k + rnd.nextInt(5)) + "}";
            String regex = PIECES[rnd.nextInt(PIECES.length)] + cls + rep + PIECES[rnd.nextInt(PIECES.length)];
            int flags = new int[] {0, Pattern.CASE_INSENSITIVE, Pattern.DOTALL}[rnd.nextInt(3)];
            Pattern re2 = Pattern.compile(regex, flags);
            RegexDfa dfa = RegexDfa.compile(regex, flags);
            if (dfa == null) {
                assertTrue(regex.chars().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF), () -> "only patterns naming a surrogate stay with RE2/J: " + shown(regex));
                return;
            }
            RegexNfa nfa = RegexNfa.parse(regex, flags);
            if (nfa.runSet != null) {
                runsSeen[0]++;
                assertEquals(k, nfa.runLength, () -> shown(regex));
            }
            // units that are in the class, as RE2/J sees them
            List<Character> members = new ArrayList<>();
            for (char c : "aAbBfFgGzZ09_ -\\\u00e9\u212A\n.x".toCharArray()) {
                if (Pattern.compile("^(?:" + cls + ")$", flags).matcher(String.valueOf(c)).find()) {
                    members.add(c);
                }
            }
            List<String> values = new ArrayList<>();
            for (int v = 0; v < 60; v++) {
                StringBuilder sb = new StringBuilder();
                int parts = rnd.nextInt(5);
                for (int p = 0; p < parts; p++) {
                    int others = rnd.nextInt(4);
                    for (int o = 0; o < others; o++) {
                        sb.append(OTHER[rnd.nextInt(OTHER.length)]);
                    }
                    int run = members.isEmpty() ? 0 : Math.max(0, k - 2 + rnd.nextInt(4));
                    for (int r = 0; r < run; r++) {
                        if (rnd.nextInt(12) == 0) { // a supplementary code point inside a run
                            sb.append(rnd.nextBoolean() ? "\uD83D\uDE00" : rnd.nextBoolean() ? "\uD800\uDC00" : "\uDBFF\uDFFF");
                        } else {
                            sb.append(members.get(rnd.nextInt(members.size())));
                        }
                    }
                }
                values.add(sb.toString());
            }
            RecordColumn column = RecordColumn.of(values.toArray(String[]::new));
            for (int v = 0; v < values.size(); v++) {
                boolean expected = re2.matcher(values.get(v)).find();
                int found = dfa.find(column, v);
                if (found != RegexDfa.FALLBACK) {
                    String value = values.get(v);
                    assertEquals(expected, found == RegexDfa.YES, () -> "/" + shown(regex) + "/ flags " + flags + " on '" + shown(value) + "'");
                    if (found == RegexDfa.NO && values.get(v).chars().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF)) {
                        noByRun[0]++; // only the run test (or the minimum length) answers before the surrogate fallback
                    }
                }
            }
        });
        assertTrue(runsSeen[0] > 220, "patterns with a required run: " + runsSeen[0]);
        assertTrue(noByRun[0] > 500, "values with surrogates answered NO before the fallback: " + noByRun[0]);
    }

    /** Surrogates and controls as backslash-u escapes, so that a failure message survives the report. */
    private static String shown(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return sb.toString();
    }

    @Test
    void classesWithSomeSurrogatesOrShortRepetitionsHaveNoRequiredRun() {
        assertNull(RegexNfa.parse("a[0-9]{7}b", 0).runSet);
        // a class holding some surrogate units but not all: a supplementary code point of the class may be
        // units outside it, so a run of code points need not be a run of units
        assertNull(RegexNfa.parse("[a-z\uDC00-\uDFFF]{9}", 0).runSet);
        assertEquals(64, RegexNfa.parse("\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}", 0).runLength);
        assertEquals(1000, RegexNfa.parse(".{1000,}", 0).runLength);
        assertNull(RegexNfa.parse("(?:a|[0-9]{9})", 0).runSet, "under an alternation a run is not required");
        assertNull(RegexNfa.parse("(?:[0-9]{9})?", 0).runSet, "nor under an optional group");
    }
}
