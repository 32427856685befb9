package dev.widescan.sigma;

import static dev.widescan.sigma.Detections.event;
import static dev.widescan.sigma.Detections.rule;
import static dev.widescan.sigma.Detections.yaml;

import dev.widescan.format.Field;
import dev.widescan.testkit.SeededProperty;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TimePartCheck}'s in-place reading of a date answers as the reference's regular expression does
 * ({@link Detections#matches} fails when they differ), on dates in both layouts and on near-dates whose
 * characters are swapped, cut short or out of place.
 */
class TimePartCheckPropertiesTest {
    private static final String[] UNITS = {"minute", "hour", "day", "month", "year"};

    @Test
    void timePartCheckEqualsReference() {
        SeededProperty.forAll(200, r -> {
            Random random = new Random(r.nextLong());
            String unit = UNITS[random.nextInt(UNITS.length)];
            int number = unit.equals("year") ? 2020 + random.nextInt(3) : unit.equals("day") || unit.equals("month")
                    ? 1 + random.nextInt(2) : random.nextInt(3);
            SigmaRule rule = rule(yaml("sel:\n  UtcTime|" + unit + ": " + number + "\ncondition: sel"));
            Detections.countMatches(rule, () -> event(Field.UtcTime, date(random)), 20, tally);
        });
        org.junit.jupiter.api.Assertions.assertTrue(tally[0] > 200 && tally[1] > 1000, tally[0] + " passed, " + tally[1] + " failed");
    }

    /** Draws that matched, and that did not. */
    private final long[] tally = new long[2];

    /** A part 0 to 2 mostly (often the rule's number), sometimes just past its range ({@code max + 1}) or 99. */
    private static int part(Random r, int max) {
        return switch (r.nextInt(12)) {
            case 0 -> max + 1;
            case 1 -> 99;
            default -> r.nextInt(3);
        };
    }

    /** A date whose parts are small (so that they often equal the rule's), sometimes damaged. */
    private static String date(Random r) {
        StringBuilder sb = new StringBuilder(String.format("%04d-%02d-%02d%c%02d:%02d", 2020 + r.nextInt(3), part(r, 12),
                part(r, 31), r.nextBoolean() ? ' ' : 'T', part(r, 23), part(r, 59)));
        if (r.nextBoolean()) {
            sb.append(r.nextBoolean() ? ":01.101" : ":02.649150Z\n");
        }
        if (r.nextInt(5) == 0) {
            int at = r.nextInt(sb.length());
            sb.setCharAt(at, "0-: T/x".charAt(r.nextInt(7)));
        }
        if (r.nextInt(8) == 0) {
            sb.setLength(r.nextInt(sb.length()));
        }
        return sb.toString();
    }
}
