package dev.widescan.sigma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SlotHitsTest {
    @Test
    void aRecordLoadsExactlyItsOwnHitsWhateverRecordsWereSkipped() {
        SlotHits hits = new SlotHits();
        hits.reset();
        hits.add(0, 3);
        hits.add(2, 70);
        hits.add(2, 5);
        hits.add(4, 3);
        hits.add(9, 1);
        long[] bits = new long[2];
        int[] touched = new int[hits.maxPerRecord()];
        // record 0 and 1 never asked (no rule woke there): the cursor skips their hits
        int n = hits.load(2, bits, touched, 0);
        assertEquals(2, n);
        assertArrayEquals(new int[] {5, 70}, Arrays.stream(Arrays.copyOf(touched, n)).sorted().toArray());
        assertTrue((bits[1] & (1L << 70)) != 0 && (bits[0] & (1L << 5)) != 0 && (bits[0] & (1L << 3)) == 0);
        assertEquals(0, hits.load(3, new long[2], touched, 0));
        long[] more = new long[2];
        assertEquals(1, hits.load(9, more, touched, 0));
        assertEquals(1L << 1, more[0]);
    }

    @Test
    void hitsOutOfValueOrderAreRefusedNotMisread() {
        SlotHits hits = new SlotHits();
        hits.reset();
        hits.add(7, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> hits.add(6, 2));
        assertTrue(e.getMessage().contains("value 6 after 7"), e.getMessage());
    }
}
