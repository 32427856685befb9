package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.Utf16Column;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The column a new Teddy kernel class is first run on must take every branch of the kernel's loop (see
 * TeddyKernels.profileEveryBranch): hold a literal (a verified block), span more than one vector, and end
 * inside its last vector with the segment ending there too (the masked load at the column's end).
 */
class TeddyProfileColumnTest {
    @Test
    void reachesTheMaskedTailAndAHitAtEveryWidth() {
        for (String literal : List.of("VirtualAlloc", "x", "a much longer literal than one vector of the narrowest width holds")) {
            LiteralSet set = LiteralSet.of(Literal.contains(literal));
            for (int lanes : new int[] {16, 32, 64}) {
                Utf16Column column = TeddyKernels.profileColumn(set, lanes);
                int units = column.offset(column.count());
                assertEquals(2L * units, column.units().byteSize(), "segment ends where the column ends");
                assertTrue(units > lanes && units % lanes != 0, units + " units for " + lanes + " lanes");
                assertTrue(units < TeddyKernels.PROFILE_LITERAL_MAX + 3 * lanes, "bounded by a hostile literal: " + units);
                Set<Long> hits = new TreeSet<>();
                new NaiveMatcher(set).newSearcher().scan(column, 0, column.count(), (v, id) -> hits.add(((long) v << 32) | id));
                assertTrue(hits.contains(0L), "the literal occurs in the first value: " + literal);
                Set<Long> teddy = new TreeSet<>(); // a matcher may report a pair more than once: hits are a set
                new TeddyMatcher(set, lanes * 8).newSearcher().scan(column, 0, column.count(), (v, id) -> teddy.add(((long) v << 32) | id));
                assertEquals(hits, teddy);
            }
        }
    }

    @Test
    void theShortestLiteralOfASetIsTheOneHit() {
        LiteralSet set = LiteralSet.of(Literal.contains("x".repeat(20_000)), Literal.contains("whoami"));
        Utf16Column column = TeddyKernels.profileColumn(set, 64);
        Set<Long> hits = new TreeSet<>();
        new NaiveMatcher(set).newSearcher().scan(column, 0, column.count(), (v, id) -> hits.add(((long) v << 32) | id));
        assertEquals(Set.of(1L), hits); // value 0 holds 'whoami' (id 1)
    }

    @Test
    void aHostileLiteralIsCutSoTheColumnStaysShort() {
        LiteralSet set = LiteralSet.of(Literal.contains("x".repeat(20_000)));
        for (int lanes : new int[] {16, 32, 64}) {
            Utf16Column column = TeddyKernels.profileColumn(set, lanes);
            int units = column.offset(column.count());
            assertTrue(units < TeddyKernels.PROFILE_LITERAL_MAX + 3 * lanes && units % lanes != 0, units + " units");
        }
    }
}
