package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.Utf16Column;
import dev.widescan.testkit.SeededProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What the differential properties do not reach by chance: values longer than a round of the chains, one
 * searcher reused across columns and ranges (its per-value stamps must never hide a hit of a later value),
 * and the dense, catalog-like sets it is built for (short literals hitting most values, each reported).
 */
class LargeSetMatcherTest {

    @Test
    void valuesLongerThanARoundAgreeWithNaive() {
        SeededProperty.forAll(6, r -> {
            LiteralSet literals = LiteralSet.of(Literal.contains("i"), Literal.contains("-o"), Literal.contains("\\system32\\"),
                    new Literal("DownloadString", LiteralKind.CONTAINS, true), Literal.contains("\u0434\u043e"),
                    new Literal(".exe", LiteralKind.ENDS_WITH, false), new Literal("cmd", LiteralKind.STARTS_WITH, false));
            List<String> values = new ArrayList<>();
            for (int v = 0; v < 5; v++) {
                values.add(text(r, r.nextInt(3) == 0 ? 150_000 + r.nextInt(100_000) : r.nextInt(300)));
            }
            values.add(r.nextInt(values.size() + 1), "i".repeat(140_000 + r.nextInt(70_000))); // an event at every unit
            Utf16Column column = Utf16Column.of(values.toArray(String[]::new));
            assertSameAsNaive(literals, column, 0, column.count());
        });
    }

    @Test
    void oneSearcherReusedAcrossColumnsAndRangesMissesNothing() {
        SeededProperty.forAll(20, r -> {
            AdversarialCases cases = new AdversarialCases(r.nextLong());
            LiteralSet literals = cases.literalSet(1 + cases.nextInt(200), List.of());
            LargeSetMatcher matcher = new LargeSetMatcher(literals);
            NaiveMatcher naive = new NaiveMatcher(literals);
            Searcher searcher = matcher.newSearcher();
            for (int round = 0; round < 6; round++) {
                Utf16Column column = Utf16Column.of(cases.values(30, literals, 120));
                int from = cases.nextInt(31);
                int to = from + cases.nextInt(31 - from);
                for (int again = 0; again < 2; again++) {
                    HitCollector sink = new HitCollector(from, to);
                    searcher.scan(column, from, to, sink);
                    assertEquals(HitCollector.describe(HitCollector.scan(naive, column, from, to)), HitCollector.describe(sink.hits),
                            "round " + round + ", pass " + again + " over [" + from + ", " + to + ")");
                }
            }
        });
    }

    @Test
    void denseShortLiteralsAreReportedOnEveryValue() {
        List<Literal> list = new ArrayList<>();
        for (String s : new String[] {"i", "u", ":", "0", "1", " ", "-o", "/c", "ac", "os", ".exe", "\\windows\\", "system32"}) {
            list.add(Literal.contains(s));
        }
        LiteralSet literals = new LiteralSet(list);
        String[] values = new String[400];
        for (int v = 0; v < values.length; v++) {
            values[v] = v % 7 == 0 ? null : "C:\\Windows\\System32\\svchost.exe -k netsvcs -p -s Schedule " + v;
        }
        Utf16Column column = Utf16Column.of(values);
        TreeSet<Long> hits = assertSameAsNaive(literals, column, 0, column.count());
        assertTrue(hits.size() > 300 * 9, "most values hit most literals: " + hits.size());
    }

    private static TreeSet<Long> assertSameAsNaive(LiteralSet literals, Utf16Column column, int from, int to) {
        TreeSet<Long> expected = HitCollector.scan(new NaiveMatcher(literals), column, from, to);
        TreeSet<Long> actual = HitCollector.scan(new LargeSetMatcher(literals), column, from, to);
        assertEquals(HitCollector.describe(expected), HitCollector.describe(actual));
        return actual;
    }

    private static String text(java.util.random.RandomGenerator r, int length) {
        String[] pieces = {"C:\\Windows\\System32\\", "cmd.exe /c ", "-o ", "DownloadString", "downloadstring", "\u0414\u041e",
                "\u0434\u043e", "I", "\u0130", " ", "x", "0", "abc"};
        StringBuilder sb = new StringBuilder(length + 32);
        while (sb.length() < length) {
            sb.append(pieces[r.nextInt(pieces.length)]);
        }
        return sb.toString();
    }
}
