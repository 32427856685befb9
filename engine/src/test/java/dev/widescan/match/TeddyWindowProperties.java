package dev.widescan.match;

import dev.widescan.testkit.SeededProperty;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.format.Utf16Column;
import java.util.List;
import java.util.TreeSet;

/**
 * Teddy fingerprints each literal at its own window; the chosen windows depend on the literal text, so the
 * differential tests alone may leave some offsets untried. Here every literal's window is forced to a random
 * offset (the shortest literal fixes the fingerprint length, so longer literals get many possible windows)
 * and every width must still report exactly the naive baseline's hits, in non-decreasing value order.
 */
class TeddyWindowProperties {

    @Test
    void forcedWindowsAgreeWithNaive() {
        SeededProperty.forAll(60, r -> forcedWindowsAgreeWithNaiveCase(r.nextLong(), r.nextInt(1, 31)));
    }

    private void forcedWindowsAgreeWithNaiveCase(long seed, int literalCount) {
        AdversarialCases cases = new AdversarialCases(seed);
        LiteralSet literals = cases.literalSet(literalCount, List.of());
        int shortest = Integer.MAX_VALUE;
        for (Literal literal : literals.literals()) {
            shortest = Math.min(shortest, literal.text().length());
        }
        int fingerprint = Math.min(TeddyPlan.MAX_FINGERPRINT, shortest);
        int[] offsets = new int[literals.size()];
        for (int id = 0; id < offsets.length; id++) {
            offsets[id] = cases.nextInt(literals.get(id).text().length() - fingerprint + 1);
        }
        Utf16Column column = Utf16Column.of(cases.values(60, literals, 300));
        int from = cases.nextInt(column.count() + 1);
        int to = from + cases.nextInt(column.count() - from + 1);
        TreeSet<Long> expected = HitCollector.scan(new NaiveMatcher(literals), column, from, to);
        for (int bits : new int[] {128, 256, 512}) {
            TeddyMatcher teddy = new TeddyMatcher(literals, bits, false, offsets);
            assertEquals(HitCollector.describe(expected), HitCollector.describe(HitCollector.scan(teddy, column, from, to)),
                    "teddy-" + bits + " with windows " + java.util.Arrays.toString(offsets));
        }
    }
}
