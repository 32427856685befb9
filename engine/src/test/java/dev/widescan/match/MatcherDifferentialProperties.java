package dev.widescan.match;

import dev.widescan.testkit.SeededProperty;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.format.Utf16Column;
import java.util.List;
import java.util.TreeSet;

/**
 * The differential property: every strategy reports exactly the naive baseline's (value, literal) set, on
 * seeded hostile columns (see {@link AdversarialCases}), for whole columns and sub-ranges.
 */
class MatcherDifferentialProperties {

    @Test
    void everyStrategyAgreesWithNaive() {
        SeededProperty.forAll(150, r -> check(r.nextLong(), r.nextInt(1, 61), r.nextInt(1, 81), 300));
    }

    @Test
    void subRangesAgreeWithNaive() {
        SeededProperty.forAll(40, r -> subRangeAgreesWithNaive(r.nextLong(), r.nextInt(1, 21)));
    }

    private static void subRangeAgreesWithNaive(long seed, int literalCount) {
        AdversarialCases cases = new AdversarialCases(seed);
        LiteralSet literals = cases.literalSet(literalCount, List.of());
        Utf16Column column = Utf16Column.of(cases.values(40, literals, 200));
        int from = cases.nextInt(41);
        int to = from + cases.nextInt(41 - from);
        compareAll(literals, column, from, to);
    }

    @Test
    void longValuesAgreeWithNaive() {
        SeededProperty.forAll(12, r -> {
            long seed = r.nextLong();
            check(seed, 1 + new AdversarialCases(seed).nextInt(30), 6, 32_767);
        });
    }

    @Test
    void thousandsOfLiteralsAgreeWithNaive() {
        SeededProperty.forAll(4, r -> thousandsOfLiteralsAgree(r.nextLong()));
    }

    private static void thousandsOfLiteralsAgree(long seed) {
        AdversarialCases cases = new AdversarialCases(seed);
        String[] sourceValues = cases.values(30, LiteralSet.of(), 200);
        List<String> sources = new java.util.ArrayList<>();
        for (String s : sourceValues) {
            if (s != null) {
                sources.add(s);
            }
        }
        LiteralSet literals = cases.literalSet(1_000 + cases.nextInt(9_001), sources);
        Utf16Column column = Utf16Column.of(cases.values(60, literals, 400));
        compareAll(literals, column, 0, column.count());
    }

    private static void check(long seed, int literalCount, int valueCount, int maxLength) {
        AdversarialCases cases = new AdversarialCases(seed);
        LiteralSet literals = cases.literalSet(literalCount, List.of());
        Utf16Column column = Utf16Column.of(cases.values(valueCount, literals, maxLength));
        compareAll(literals, column, 0, column.count());
    }

    static void compareAll(LiteralSet literals, Utf16Column column, int from, int to) {
        TreeSet<Long> expected = HitCollector.scan(new NaiveMatcher(literals), column, from, to);
        for (Matcher m : AllStrategies.build(literals)) {
            TreeSet<Long> actual = HitCollector.scan(m, column, from, to);
            if (!expected.equals(actual)) {
                TreeSet<Long> missing = new TreeSet<>(expected);
                missing.removeAll(actual);
                TreeSet<Long> extra = new TreeSet<>(actual);
                extra.removeAll(expected);
                assertEquals(HitCollector.describe(expected), HitCollector.describe(actual),
                        m.strategyName() + " differs from naive: missing " + HitCollector.describe(missing)
                                + " extra " + HitCollector.describe(extra));
            }
        }
    }
}
