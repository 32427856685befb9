package dev.widescan.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import dev.widescan.text.CaseFolding;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The generator's probe finds exactly the literals a naive fold-and-compare finds. */
class LiteralProbeProperties {
    private static final String ALPHABET = "abAB-\\ .kK\u0130\u0131\u03a3\u03c3\u03c2\ud83d\ude00\ud83d";

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(40);
    }

    @Provide
    Arbitrary<List<Literal>> literals() {
        Arbitrary<Literal> one = Combinators.combine(
                Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(1).ofMaxLength(6),
                Arbitraries.of(LiteralKind.class), Arbitraries.of(true, false)).as(Literal::new);
        return one.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 200)
    void probeEqualsNaive(@ForAll("values") String value, @ForAll("literals") List<Literal> literals) {
        TreeSet<Integer> found = new TreeSet<>();
        new LiteralProbe(literals).probe(value, found::add);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            if (naive(value, literals.get(i))) {
                expected.add(i);
            }
        }
        assertEquals(expected, new ArrayList<>(found));
    }

    private static boolean naive(String value, Literal l) {
        String v = l.caseSensitive() ? value : CaseFolding.fold(value);
        String t = l.caseSensitive() ? l.text() : CaseFolding.fold(l.text());
        return switch (l.kind()) {
            case CONTAINS -> v.contains(t);
            case STARTS_WITH -> v.startsWith(t);
            case ENDS_WITH -> v.endsWith(t);
            case EQUALS -> v.equals(t);
        };
    }
}
