package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.Utf16Column;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Hand-written cases every strategy must get right, with the expected hits spelled out. */
class MatcherExamplesTest {

    private static Set<Long> hits(long... pairs) {
        TreeSet<Long> out = new TreeSet<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add((pairs[i] << 32) | pairs[i + 1]);
        }
        return out;
    }

    private static void expect(LiteralSet literals, Utf16Column column, Set<Long> expected) {
        for (Matcher m : AllStrategies.build(literals)) {
            assertEquals(expected, HitCollector.scan(m, column, 0, column.count()), m.strategyName());
        }
    }

    @Test
    void caseInsensitiveFoldsAcrossScripts() {
        LiteralSet literals = LiteralSet.of(Literal.contains("kernel32"), Literal.contains("ssl"),
                Literal.contains("\u0434\u0430"), Literal.contains("Ii"));
        Utf16Column column = Utf16Column.of(
                "x \u212AERNEL32.dll",      // KELVIN SIGN folds to k
                "\u017FSL",                 // LONG S folds to s
                "\u0414\u0410 yes",          // Cyrillic upper case pair
                "\u0130\u0131",             // dotted and dotless I both fold to i
                "kernel3", null, "");
        expect(literals, column, hits(0, 0, 1, 1, 2, 2, 3, 3));
    }

    @Test
    void caseSensitiveLiteralsNeedExactUnits() {
        LiteralSet literals = LiteralSet.of(new Literal("Run", LiteralKind.CONTAINS, true),
                new Literal("run", LiteralKind.CONTAINS, false));
        Utf16Column column = Utf16Column.of("RUN", "Run", "xrunx");
        expect(literals, column, hits(0, 1, 1, 0, 1, 1, 2, 1));
    }

    @Test
    void kindsAreCheckedAgainstValueBounds() {
        LiteralSet literals = LiteralSet.of(new Literal("ab", LiteralKind.STARTS_WITH, false),
                new Literal("ab", LiteralKind.ENDS_WITH, false), new Literal("ab", LiteralKind.EQUALS, false),
                Literal.contains("ab"));
        Utf16Column column = Utf16Column.of("abx", "xab", "AB", "xabx", "a", "b");
        // "a" then "b": a hit spanning two values must never be reported.
        expect(literals, column, hits(0, 0, 0, 3, 1, 1, 1, 3, 2, 0, 2, 1, 2, 2, 2, 3, 3, 3));
    }

    @Test
    void surrogatePairsAndEmojiMatchOnlyWhole() {
        LiteralSet literals = LiteralSet.of(Literal.contains("\uD83D\uDE00"), Literal.contains("\uDE00"));
        Utf16Column column = Utf16Column.of("smile \uD83D\uDE00", "lone \uDE00", "\uD83D");
        expect(literals, column, hits(0, 0, 0, 1, 1, 1));
    }

    @Test
    void literalsAtVectorBoundariesAreFound() {
        String pad = "x".repeat(200);
        String[] values = new String[AdversarialCases.BOUNDARIES.length];
        for (int i = 0; i < values.length; i++) {
            int at = AdversarialCases.BOUNDARIES[i];
            values[i] = pad.substring(0, at) + "CreateThread" + pad.substring(0, 70 - at % 64);
        }
        Utf16Column column = Utf16Column.of(values);
        TreeSet<Long> expected = new TreeSet<>();
        for (int v = 0; v < values.length; v++) {
            expected.add((long) v << 32);
        }
        expect(LiteralSet.of(Literal.contains("createthread")), column, expected);
    }

    @Test
    void randomCasesProduceHitsSoTheDifferentialTestIsNotVacuous() {
        int withHits = 0;
        for (long seed = 0; seed < 40; seed++) {
            AdversarialCases cases = new AdversarialCases(seed);
            LiteralSet literals = cases.literalSet(5, List.of());
            Utf16Column column = Utf16Column.of(cases.values(40, literals, 200));
            if (!HitCollector.scan(new NaiveMatcher(literals), column, 0, column.count()).isEmpty()) {
                withHits++;
            }
        }
        assertTrue(withHits > 30, "only " + withHits + " of 40 random cases have hits");
    }

    @Test
    void factoryKnowsEveryListedNameAndAuto() {
        LiteralSet literals = LiteralSet.of(Literal.contains("a"));
        for (StrategyInfo info : MatcherFactory.strategies()) {
            assertEquals(info.name(), MatcherFactory.create(info.name(), literals).strategyName());
        }
        assertTrue(MatcherFactory.create("auto", literals) != null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatcherFactory.create("fast", literals));
        assertTrue(e.getMessage().contains("naive"), e.getMessage());
    }

    @Test
    void autoPicksByShapeAndExplainsWhy() {
        LiteralSet seedLike = LiteralSet.of(Literal.contains("kernel32"), Literal.contains("VirtualAlloc"));
        assertEquals("teddy", MatcherFactory.create("auto", seedLike).strategyName());
        assertTrue(MatcherFactory.explain(seedLike).contains("auto -> teddy"), MatcherFactory.explain(seedLike));
        LiteralSet anchored = LiteralSet.of(new Literal("cmd.exe", LiteralKind.ENDS_WITH, false));
        assertEquals("anchored", MatcherFactory.create("auto", anchored).strategyName());
        LiteralSet mixed = LiteralSet.of(Literal.contains("kernel32"), new Literal("rundll32", LiteralKind.STARTS_WITH, false));
        assertEquals("teddy+anchored", MatcherFactory.create("auto", mixed).strategyName());
        assertTrue(MatcherFactory.explain(mixed).contains("auto -> teddy+anchored"), MatcherFactory.explain(mixed));
        LiteralSet shortOne = LiteralSet.of(Literal.contains("ab"), Literal.contains("kernel32"));
        assertEquals("aho-corasick", MatcherFactory.create("auto", shortOne).strategyName());
        java.util.List<Literal> many = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(Literal.contains("literal" + i));
        }
        LiteralSet big = new LiteralSet(many);
        assertEquals("aho-corasick", MatcherFactory.create("auto", big).strategyName());
        String why = MatcherFactory.explain(big);
        assertTrue(why.contains("literals: 100") && why.contains("non-ASCII: 0"), why);
        many.add(Literal.contains("/c"));
        many.add(new Literal(".exe", LiteralKind.ENDS_WITH, false));
        LiteralSet dense = new LiteralSet(many);
        assertEquals("large-set", MatcherFactory.create("auto", dense).strategyName());
        assertTrue(MatcherFactory.explain(dense).contains("auto -> large-set"), MatcherFactory.explain(dense));
        java.util.List<Literal> paths = new java.util.ArrayList<>(many);
        for (int i = 0; i < 120; i++) {
            paths.add(new Literal("\\tool" + i + ".exe", LiteralKind.ENDS_WITH, false));
        }
        assertEquals("aho-corasick", MatcherFactory.create("auto", new LiteralSet(paths)).strategyName(),
                "mostly anchored (Image-like): aho-corasick measured faster");
    }
}
