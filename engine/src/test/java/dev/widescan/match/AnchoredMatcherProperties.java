package dev.widescan.match;

import dev.widescan.testkit.SeededProperty;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.format.Utf16Column;
import java.util.ArrayList;
import java.util.List;

/**
 * The anchored matcher and the split (body + anchored) matcher against the naive baseline on hostile
 * columns, with literal sets forced to be anchored-only or mixed (the general differential property
 * draws kinds at random, so anchored-only sets are rare there).
 */
class AnchoredMatcherProperties {

    @Test
    void anchoredOnlySetsAgreeWithNaive() {
        SeededProperty.forAll(100, r -> anchoredOnlySetsAgreeWithNaiveCase(r.nextLong(), r.nextInt(1, 201)));
    }

    private void anchoredOnlySetsAgreeWithNaiveCase(long seed, int literalCount) {
        AdversarialCases cases = new AdversarialCases(seed);
        LiteralSet drawn = cases.literalSet(literalCount, List.of());
        List<Literal> anchored = new ArrayList<>();
        for (Literal l : drawn.literals()) {
            anchored.add(l.kind() == LiteralKind.CONTAINS ? new Literal(l.text(), LiteralKind.ENDS_WITH, l.caseSensitive()) : l);
        }
        LiteralSet literals = new LiteralSet(anchored);
        Utf16Column column = Utf16Column.of(cases.values(60, literals, 300));
        assertEquals(hits(new NaiveMatcher(literals), column), hits(new AnchoredMatcher(literals), column));
    }

    @Test
    void mixedSetsSplitAgreeWithNaive() {
        SeededProperty.forAll(100, r -> mixedSetsSplitAgreeWithNaiveCase(r.nextLong(), r.nextInt(2, 81)));
    }

    private void mixedSetsSplitAgreeWithNaiveCase(long seed, int literalCount) {
        AdversarialCases cases = new AdversarialCases(seed);
        List<Literal> mixed = new ArrayList<>(cases.literalSet(literalCount, List.of()).literals());
        mixed.set(0, new Literal(mixed.get(0).text(), LiteralKind.CONTAINS, mixed.get(0).caseSensitive()));
        mixed.set(1, new Literal(mixed.get(1).text(), LiteralKind.STARTS_WITH, mixed.get(1).caseSensitive()));
        LiteralSet literals = new LiteralSet(mixed);
        Utf16Column column = Utf16Column.of(cases.values(60, literals, 300));
        List<String> expected = hits(new NaiveMatcher(literals), column);
        for (String body : new String[] {TeddyMatcher.NAME, AhoCorasickMatcher.NAME, NaiveMatcher.NAME}) {
            assertEquals(expected, hits(new SplitMatcher(literals, body), column), body + "+anchored");
        }
    }

    /** The (value, literal) hit set as sorted "value:literal" strings; also checks non-decreasing value order. */
    static List<String> hits(Matcher m, Utf16Column column) {
        java.util.TreeSet<Long> set = new java.util.TreeSet<>();
        int[] last = {-1};
        m.newSearcher().scan(column, (v, id) -> {
            if (v < last[0]) {
                throw new AssertionError(m.strategyName() + ": value " + v + " reported after " + last[0]);
            }
            last[0] = v;
            set.add(((long) v << 32) | id);
        });
        List<String> out = new ArrayList<>();
        set.forEach(x -> out.add((x >>> 32) + ":" + (x & 0xFFFFFFFFL)));
        return out;
    }
}
