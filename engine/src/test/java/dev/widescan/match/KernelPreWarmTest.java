package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.Utf16Column;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pre-warm only helps if C2 profiles what the scan will run: its column must be well formed (the mapped
 * copy equal to the values it was made from), end with a value inside the last vector, and give every
 * literal set hits, so that the verification path is in the profile; and its hits must be exact, like
 * every Teddy scan's.
 */
class KernelPreWarmTest {
    @Test
    void theWarmUpColumnIsWellFormedAndEveryLiteralSetHitsInIt() throws Exception {
        Utf16Column column = KernelPreWarm.column();
        int count = column.count();
        assertTrue(column.offset(count) >= KernelPreWarm.COLUMN_UNITS, "units: " + column.offset(count));
        assertEquals("x", column.valueAsString(count - 1), "a last value shorter than a vector: the masked tail");
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            values[i] = column.valueAsString(i);
            assertTrue(values[i] != null && !values[i].isEmpty(), "value " + i);
        }
        Utf16Column reference = Utf16Column.of(values);
        List<Integer> fingerprints = new ArrayList<>();
        for (String[] set : KernelPreWarm.literalSets()) {
            List<Literal> literals = new ArrayList<>();
            for (String text : set) {
                literals.add(Literal.contains(text));
            }
            LiteralSet literalSet = new LiteralSet(literals);
            fingerprints.add(new TeddyPlan(new FoldedLiterals(literalSet), null).fingerprint);
            var teddy = HitCollector.scan(new TeddyMatcher(literalSet), column, 0, count);
            var naive = HitCollector.scan(new NaiveMatcher(literalSet), reference, 0, count);
            assertEquals(naive, teddy, "literal set " + List.of(set));
            assertTrue(teddy.size() > 3, "the warm-up must exercise verification: " + List.of(set));
        }
        assertEquals(List.of(4, 3, 2, 1), fingerprints, "every fingerprint length, each a path through the block step");
    }
}
