package dev.widescan.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reference evaluator's wildcard match keeps its matched prefixes as a set (a run after a star, else a
 * list): it must answer as the textbook table it replaced, kept here as the oracle, on random patterns and
 * values over a small alphabet that makes matches frequent (letters of both cases and their non-ASCII
 * relatives, a surrogate pair, a lone surrogate, stars and question marks, escaped ones too).
 */
class WildcardMatchPropertiesTest {
    private static final String[] PIECES = {"a", "A", "b", "B", "\u00e9", "\u00c9", "\u0131", "I", "i", "\u212a", "k", "K",
        "\uD83D\uDE00", "\uD83D", "\uDE00", "x", "*", "?", "\\*", "\\?", "\\\\"};

    @Test
    void theSetOfPrefixesAnswersAsTheTable() {
        Random r = new Random(14);
        int matched = 0;
        for (int n = 0; n < 200_000; n++) {
            String raw = draw(r, r.nextInt(7));
            SigmaPattern p = SigmaPattern.parse(raw);
            String drawn = r.nextBoolean() ? instance(r, p) : draw(r, r.nextInt(9)).replace("\\", "");
            // now and then another String of the same text: the prepared value is reused by identity only
            String value = r.nextInt(4) == 0 ? new String(drawn) : drawn;
            boolean cased = r.nextBoolean();
            boolean expected = table(p, value, cased);
            matched += expected ? 1 : 0;
            assertEquals(expected, ReferenceEvaluator.wildcardMatch(p, value, cased), () -> "pattern '" + raw + "' value '" + value + "' cased " + cased);
        }
        assertTrue(matched > 20_000, matched + " matches: the draw must match often to mean anything");
    }

    @Test
    void aLongValueIsMatchedAgainstManyPatternsQuickly() {
        String value = "x".repeat(32_000) + "Kernel32.dll" + "y".repeat(700);
        long t0 = System.nanoTime();
        for (int n = 0; n < 200; n++) {
            assertTrue(ReferenceEvaluator.wildcardMatch(SigmaPattern.parse("*kernel32.DLL*"), value, false));
            assertEquals(false, ReferenceEvaluator.wildcardMatch(SigmaPattern.parse("*xxxxxxxxy?yz*"), value, false));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5_000, ms + " ms for 400 matches of a 32,712-unit value"); // the table took ~1 s for 40
    }

    /** A value the pattern should match: each star some pieces, each question mark one, each plain unit itself in either case. */
    private static String instance(Random r, SigmaPattern p) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            if (p.isStar(i)) {
                b.append(draw(r, r.nextInt(3)).replace("\\", ""));
            } else if (p.isQuestion(i)) {
                b.append(r.nextBoolean() ? "\uD83D\uDE00" : "q");
            } else {
                char c = p.unit(i);
                b.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    private static String draw(Random r, int pieces) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            b.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    /** The textbook table the reference used before (session 13): done[j] = the items so far match the first j characters. */
    private static boolean table(SigmaPattern p, String value, boolean caseSensitive) {
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        for (int i = 0; i < value.length(); i += units(value, i)) {
            starts.add(i);
        }
        int m = starts.size();
        boolean[] done = new boolean[m + 1];
        done[0] = true;
        int i = 0;
        while (i < p.length()) {
            boolean[] next = new boolean[m + 1];
            if (p.isStar(i)) {
                next[0] = done[0];
                for (int j = 1; j <= m; j++) {
                    next[j] = done[j] || next[j - 1];
                }
                i++;
            } else if (p.isQuestion(i)) {
                System.arraycopy(done, 0, next, 1, m);
                i++;
            } else {
                int len = i + 1 < p.length() && !p.isWildcard(i + 1) && Character.isSurrogatePair(p.unit(i), p.unit(i + 1)) ? 2 : 1;
                for (int j = 0; j < m; j++) {
                    int at = starts.get(j);
                    boolean same = units(value, at) == len;
                    for (int k = 0; same && k < len; k++) {
                        char a = value.charAt(at + k);
                        char b = p.unit(i + k);
                        same = a == b || !caseSensitive && (Character.toUpperCase(a) == Character.toUpperCase(b)
                                || Character.toLowerCase(Character.toUpperCase(a)) == Character.toLowerCase(Character.toUpperCase(b)));
                    }
                    next[j + 1] = done[j] && same;
                }
                i += len;
            }
            done = next;
        }
        return done[m];
    }

    private static int units(String value, int at) {
        return at + 1 < value.length() && Character.isSurrogatePair(value.charAt(at), value.charAt(at + 1)) ? 2 : 1;
    }
}
