package dev.widescan.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import dev.widescan.match.LiteralOracle;
import java.util.ArrayList;
import dev.widescan.testkit.SeededProperty;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import java.util.TreeSet;

/** The generator's probe finds exactly the literals a naive fold-and-compare finds. */
class LiteralProbeProperties {
    private static final String ALPHABET = "abAB-\\ .kK\u0130\u0131\u03a3\u03c3\u03c2\ud83d\ude00\ud83d";

    static List<Literal> literals(SplittableRandom r) {
        List<Literal> out = new ArrayList<>();
        for (int i = r.nextInt(1, 13); i > 0; i--) {
            out.add(new Literal(SeededProperty.string(r, ALPHABET, 1, 6), SeededProperty.pick(r, LiteralKind.values()),
                    r.nextBoolean()));
        }
        return out;
    }

    @Test
    void probeEqualsNaive() {
        SeededProperty.forAll(200, r -> probeEqualsNaiveCase(SeededProperty.string(r, ALPHABET, 0, 40), literals(r)));
    }

    private void probeEqualsNaiveCase(String value, List<Literal> literals) {
        TreeSet<Integer> found = new TreeSet<>();
        new LiteralProbe(literals).probe(value, found::add);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            if (LiteralOracle.matches(value, literals.get(i))) {
                expected.add(i);
            }
        }
        assertEquals(expected, new ArrayList<>(found), "value '" + value + "', literals " + literals);
    }
}
