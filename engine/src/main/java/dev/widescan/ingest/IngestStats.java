package dev.widescan.ingest;

import java.util.Locale;

/** Counters of one ingest run: lines, events by outcome, bytes of JSON read. */
public final class IngestStats {
    private final long[] byOutcome = new long[Outcome.values().length];
    private long lines;
    private long bytes;

    void countLine(long lineBytes) {
        lines++;
        bytes += lineBytes;
    }

    void count(Outcome o) {
        byOutcome[o.ordinal()]++;
    }

    public long lines() {
        return lines;
    }

    public long bytes() {
        return bytes;
    }

    public long kept() {
        return byOutcome[Outcome.KEPT.ordinal()];
    }

    public long skipped(Outcome reason) {
        return byOutcome[reason.ordinal()];
    }

    /** Events read: every non-blank line, malformed ones included. */
    public long read() {
        long n = 0;
        for (long c : byOutcome) {
            n += c;
        }
        return n;
    }

    /** The one-paragraph summary printed on stderr after an ingest. */
    public String summary(double seconds) {
        StringBuilder sb = new StringBuilder();
        double mb = bytes / 1e6;
        sb.append(String.format(Locale.ROOT, "read %,d events (%.1f MB of JSON), kept %,d", read(), mb, kept()));
        long skipped = read() - kept();
        sb.append(String.format(Locale.ROOT, ", skipped %,d", skipped));
        if (skipped > 0) {
            String sep = " (";
            for (Outcome o : Outcome.values()) {
                if (o != Outcome.KEPT && byOutcome[o.ordinal()] > 0) {
                    sb.append(sep).append(o.label()).append(": ").append(String.format(Locale.ROOT, "%,d", byOutcome[o.ordinal()]));
                    sep = ", ";
                }
            }
            sb.append(')');
        }
        sb.append(String.format(Locale.ROOT, "; %.2f s, %.1f MB/s", seconds, seconds > 0 ? mb / seconds : 0.0));
        return sb.toString();
    }
}
