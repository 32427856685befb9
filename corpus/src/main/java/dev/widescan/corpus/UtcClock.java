package dev.widescan.corpus;

import java.time.LocalDate;

/**
 * Sysmon's UtcTime text ({@code 2024-03-14 09:26:53.123}) for a clock that only moves forward by small
 * random steps. Formatting is hand-rolled digit writing; the date part is re-derived only when the day
 * changes, so a timestamp costs a few char writes, not a java.time formatter.
 */
final class UtcClock {
    private static final long DAY_MS = 86_400_000L;

    private long epochMs;
    private long dayStartMs = Long.MIN_VALUE;
    private String datePrefix;
    private final StringBuilder text = new StringBuilder(23);

    UtcClock(long startEpochMs) {
        this.epochMs = startEpochMs;
    }

    void advance(long ms) {
        epochMs += ms;
    }

    String now() {
        long day = Math.floorDiv(epochMs, DAY_MS);
        if (day * DAY_MS != dayStartMs) {
            dayStartMs = day * DAY_MS;
            datePrefix = LocalDate.ofEpochDay(day).toString() + ' ';
        }
        int msOfDay = (int) (epochMs - dayStartMs);
        text.setLength(0);
        text.append(datePrefix);
        two(msOfDay / 3_600_000);
        text.append(':');
        two(msOfDay / 60_000 % 60);
        text.append(':');
        two(msOfDay / 1000 % 60);
        text.append('.');
        int ms = msOfDay % 1000;
        text.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
        return text.toString();
    }

    private void two(int v) {
        text.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
