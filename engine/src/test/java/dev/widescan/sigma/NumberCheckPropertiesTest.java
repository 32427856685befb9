package dev.widescan.sigma;

import static dev.widescan.sigma.Detections.event;
import static dev.widescan.sigma.Detections.rule;
import static dev.widescan.sigma.Detections.yaml;

import dev.widescan.format.Field;
import dev.widescan.testkit.SeededProperty;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link NumberCheck}'s digit-by-digit comparison answers as the reference's {@link java.math.BigDecimal} does
 * ({@link Detections#matches} fails when they differ), on random numbers and near-numbers: signs, leading
 * and trailing zeros, fractions, and text that is not a number.
 */
class NumberCheckPropertiesTest {
    private static final String[] ORDERS = {"lt", "lte", "gt", "gte"};

    @Test
    void numberCheckEqualsBigDecimal() {
        SeededProperty.forAll(300, r -> {
            Random random = new Random(r.nextLong());
            String detection = "sel:\n  ProcessId|" + ORDERS[random.nextInt(4)] + ": " + number(random, false) + "\ncondition: sel";
            SigmaRule rule = rule(yaml(detection));
            Detections.countMatches(rule, () -> event(Field.ProcessId, number(random, true)), 20, tally);
        });
        // both answers are frequent, or the property proves little
        org.junit.jupiter.api.Assertions.assertTrue(tally[0] > 1000 && tally[1] > 1000, tally[0] + " passed, " + tally[1] + " failed");
    }

    /** Draws that matched, and that did not. */
    private final long[] tally = new long[2];

    /** A number as YAML or an event writes it; {@code loose}: sometimes not a number at all. */
    private static String number(Random r, boolean loose) {
        StringBuilder sb = new StringBuilder();
        switch (r.nextInt(4)) {
            case 0 -> sb.append('-');
            case 1 -> sb.append(loose ? "+" : "");
            default -> { }
        }
        int zeros = r.nextInt(3);
        sb.append("0".repeat(zeros));
        int digits = (zeros == 0 ? 1 : 0) + r.nextInt(loose ? 25 : 4);
        for (int i = 0; i < digits; i++) {
            sb.append((char) ('0' + r.nextInt(loose ? 10 : 3)));
        }
        if (r.nextInt(3) == 0) {
            sb.append('.');
            int fraction = 1 + r.nextInt(4);
            for (int i = 0; i < fraction; i++) {
                sb.append((char) ('0' + r.nextInt(3)));
            }
        }
        if (loose && r.nextInt(8) == 0) {
            sb.insert(r.nextInt(sb.length() + 1), "x. -".charAt(r.nextInt(4)));
        }
        return sb.toString();
    }
}
