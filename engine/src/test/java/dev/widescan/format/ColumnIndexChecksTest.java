package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bind checks' loops: the first offset out of order or past the units, the first code naming no entry. */
class ColumnIndexChecksTest {
    @Test
    void offsetsOutOfOrderOrPastTheUnits() {
        assertEquals(-1, ColumnIndexChecks.firstOutOfOrder(new int[] {0, 0, 3, 3, 9}, 5, 9), "equal neighbours are fine");
        assertEquals(3, ColumnIndexChecks.firstOutOfOrder(new int[] {0, 2, 5, 4, 9}, 5, 9), "a decrease");
        assertEquals(2, ColumnIndexChecks.firstOutOfOrder(new int[] {0, 2, 10, 4, 9}, 5, 9), "past the units");
        assertEquals(-1, ColumnIndexChecks.firstOutOfOrder(new int[] {0, 2, 10, 4, 9}, 2, 9), "only the first n");
        assertEquals(1, ColumnIndexChecks.firstOutOfOrder(new int[] {0, -1}, 2, 9), "below the first");
    }

    @Test
    void codesReadAsUnsigned() {
        assertEquals(-1, ColumnIndexChecks.firstNotBelow(new int[] {0, 2, 1}, 3, 3));
        assertEquals(1, ColumnIndexChecks.firstNotBelow(new int[] {0, 3, 1}, 3, 3));
        assertEquals(2, ColumnIndexChecks.firstNotBelow(new int[] {0, 1, -1}, 3, 3), "0xFFFFFFFF names no entry");
        assertEquals(-1, ColumnIndexChecks.firstNotBelow(new int[] {0, 1, 7}, 2, 3), "only the first n");
    }

    @Test
    void theWarmUpRunsBothLoopsOverInOrderValues() {
        assertEquals(-2 * ColumnIndexChecks.WARM_UP_CALLS, ColumnIndexChecks.warmUp(), "every call found nothing wrong");
    }
}
