package dev.widescan.bench.yardstick;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.format.Utf16Column;
import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.NaiveMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The yardsticks moved out of the engine keep the engine's differential property: on seeded random columns
 * (case variants, the KELVIN SIGN / LONG S / dotted I folds, non-ASCII, every literal kind, sub-ranges)
 * they report exactly the naive baseline's (value, literal) set, values in non-decreasing order.
 */
class YardsticksAgreeWithNaiveTest {
    private static final String ALPHABET = "abcikszABCIKSZ \\:.-\u212A\u017F\u0130\u0131\u00e9\u0416";

    @Test
    void everyYardstickAgreesWithNaive() {
        for (long seed = 1; seed <= 300; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Literal> literals = new ArrayList<>();
            int literalCount = 1 + random.nextInt(12);
            for (int i = 0; i < literalCount; i++) {
                literals.add(new Literal(word(random, 1 + random.nextInt(6)),
                        LiteralKind.values()[random.nextInt(LiteralKind.values().length)], random.nextInt(4) == 0));
            }
            LiteralSet set = new LiteralSet(literals);
            String[] values = new String[1 + random.nextInt(40)];
            for (int v = 0; v < values.length; v++) {
                StringBuilder sb = new StringBuilder(word(random, random.nextInt(30)));
                if (random.nextBoolean()) {
                    String text = literals.get(random.nextInt(literalCount)).text();
                    sb.insert(random.nextInt(sb.length() + 1), random.nextBoolean() ? text : text.toUpperCase());
                }
                values[v] = random.nextInt(10) == 0 ? null : sb.toString();
            }
            Utf16Column column = Utf16Column.of(values);
            int from = random.nextInt(values.length + 1);
            int to = from + random.nextInt(values.length - from + 1);
            TreeSet<Long> expected = hits(new NaiveMatcher(set), column, from, to, seed);
            for (String name : Yardsticks.NAMES) {
                assertEquals(expected, hits(Yardsticks.create(name, set), column, from, to, seed),
                        "seed " + seed + ", " + name + ", literals " + literals + ", values [" + from + ", " + to + ")");
            }
        }
    }

    private static String word(SplittableRandom random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static TreeSet<Long> hits(Matcher m, Utf16Column column, int from, int to, long seed) {
        TreeSet<Long> out = new TreeSet<>();
        int[] last = {-1};
        m.newSearcher().scan(column, from, to, (value, literal) -> {
            if (value < last[0] || value < from || value >= to) {
                throw new AssertionError("seed " + seed + ", " + m.strategyName() + ": value " + value + " out of order or range");
            }
            last[0] = value;
            out.add(((long) value << 32) | literal);
        });
        return out;
    }
}
