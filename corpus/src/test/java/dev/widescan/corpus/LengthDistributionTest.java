package dev.widescan.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * On 1M realistic events, command-line lengths match real telemetry within 10%: median 55, mean 131,
 * p90 145, p99 1,532 code units; the maximum reaches the 32,767 limit and never exceeds it. Streams the
 * events (one reused record); only the lengths are kept.
 */
class LengthDistributionTest {
    static final int N = 1_000_000;

    @Test
    void realisticLengthsMatchTheTargets() {
        EventModel model = new EventModel(20_240_301, Profile.REALISTIC);
        EventRecord r = new EventRecord();
        int[] lengths = new int[N];
        long sum = 0;
        for (int i = 0; i < N; i++) {
            model.next(r);
            lengths[i] = r.get(Field.CommandLine).length();
            sum += lengths[i];
        }
        Arrays.sort(lengths);
        double mean = (double) sum / N;
        String stats = String.format("median %d mean %.1f p90 %d p99 %d max %d",
                lengths[N / 2], mean, lengths[(int) (N * 0.90)], lengths[(int) (N * 0.99)], lengths[N - 1]);
        System.out.println("LengthDistributionTest (1M events): " + stats);
        within(55, lengths[N / 2], "median", stats);
        within(131, mean, "mean", stats);
        within(145, lengths[(int) (N * 0.90)], "p90", stats);
        within(1532, lengths[(int) (N * 0.99)], "p99", stats);
        assertEquals(LengthModel.MAX_LENGTH, lengths[N - 1], "max " + stats);
        assertTrue(lengths[0] > 0, "no empty command lines");
    }

    private static void within(double target, double actual, String what, String stats) {
        assertTrue(Math.abs(actual - target) <= 0.10 * target, what + " " + actual + " not within 10% of " + target + " (" + stats + ")");
    }
}
