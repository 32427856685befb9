package dev.widescan.ingest.evtx;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * FILETIME and SYSTEMTIME as text, the way python-evtx 0.6 renders them ({@code datetime.isoformat(" ")}:
 * {@code 2021-11-13 14:30:56.099106}, the fraction left out when it is zero), so TimeCreated from an .evtx
 * file equals TimeCreated in the reference JSON. python-evtx converts a FILETIME through a double
 * ({@code utcfromtimestamp(qword * 1e-7 - 11644473600)}, rounded half-even to microseconds); the same
 * double arithmetic is done here, so the rare 100-ns values that double rounding moves by a microsecond
 * come out the same too. Out-of-range values give {@code 0001-01-01 00:00:00} (Python's datetime.min).
 */
final class EvtxTimes {
    private static final String MIN = "0001-01-01 00:00:00";
    private static final long MIN_SECONDS = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long MAX_SECONDS = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private EvtxTimes() {
    }

    static String filetime(long ticks) {
        double t = (double) ticks * 1e-7 - 11644473600.0; // python: float(qword) * 1e-7 - 11644473600
        if (ticks < 0) {
            t = (ticks + 0x1p64) * 1e-7 - 11644473600.0; // an unsigned qword
        }
        double intPart = t < 0 ? Math.ceil(t) : Math.floor(t); // C modf
        double micros = Math.rint((t - intPart) * 1e6); // _PyTime_ROUND_HALF_EVEN
        if (micros >= 1e6) {
            micros -= 1e6;
            intPart += 1.0;
        } else if (micros < 0) {
            micros += 1e6;
            intPart -= 1.0;
        }
        if (!(intPart >= MIN_SECONDS && intPart <= MAX_SECONDS)) {
            return MIN;
        }
        LocalDateTime dt = LocalDateTime.ofEpochSecond((long) intPart, 0, ZoneOffset.UTC);
        return format(dt.getYear(), dt.getMonthValue(), dt.getDayOfMonth(), dt.getHour(), dt.getMinute(), dt.getSecond(),
                (int) micros);
    }

    /** SYSTEMTIME: year, month, day of week, day, hour, minute, second, milliseconds (u16 each). */
    static String systemtime(byte[] b, int off) {
        int year = Le.u16(b, off);
        int month = Le.u16(b, off + 2);
        int day = Le.u16(b, off + 6);
        int hour = Le.u16(b, off + 8);
        int minute = Le.u16(b, off + 10);
        int second = Le.u16(b, off + 12);
        int millis = Le.u16(b, off + 14);
        try {
            LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000);
        } catch (java.time.DateTimeException e) {
            return MIN;
        }
        return format(year, month, day, hour, minute, second, millis * 1000);
    }

    private static String format(int year, int month, int day, int hour, int minute, int second, int micros) {
        StringBuilder sb = new StringBuilder(26);
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2).append(' ');
        pad(sb, hour, 2).append(':');
        pad(sb, minute, 2).append(':');
        pad(sb, second, 2);
        if (micros != 0) {
            pad(sb.append('.'), micros, 6);
        }
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
