package dev.widescan.ingest;

import java.util.Locale;

/** Counters of one ingest run: lines, events by outcome, bytes of JSON and of EVTX read, EVTX chunks. */
public final class IngestStats {
    private final long[] byOutcome = new long[Outcome.values().length];
    private long lines;
    private long bytes;
    private long evtxBytes;
    private long evtxChunks;
    private long badChunks;
    private long badFiles;
    private final java.util.List<String> notes = new java.util.ArrayList<>();
    private long notesDropped;

    /** At most this many damage notes are kept; the rest are only counted. */
    public static final int MAX_NOTES = 50;

    void countLine(long lineBytes) {
        lines++;
        bytes += lineBytes;
    }

    public void count(Outcome o) {
        byOutcome[o.ordinal()]++;
    }

    /** One EVTX chunk (64 KiB) read: {@code bad} when skipped for a bad signature, checksum or framing. */
    public void countChunk(boolean bad) {
        evtxChunks++;
        if (bad) {
            badChunks++;
        }
    }

    public void count(Outcome o, long n) {
        byOutcome[o.ordinal()] += n;
    }

    /** An EVTX file skipped whole (bad file header, with --skip-bad). */
    public void countBadFile() {
        badFiles++;
    }

    public long badFiles() {
        return badFiles;
    }

    /** Whether anything damaged was skipped ({@code --skip-bad}): a malformed line, an EVTX file, chunk or record. */
    public boolean skippedDamage() {
        return badFiles > 0 || badChunks > 0 || byOutcome[Outcome.MALFORMED_JSON.ordinal()] > 0
                || byOutcome[Outcome.DAMAGED_EVTX_RECORD.ordinal()] > 0 || !notes.isEmpty();
    }

    /** Names one skipped piece of damage (file, chunk, record) for the user; the first {@link #MAX_NOTES} are kept. */
    public void note(String message) {
        if (notes.size() < MAX_NOTES) {
            notes.add(message);
        } else {
            notesDropped++;
        }
    }

    /** The damage notes in the order they were found, plus a last line counting the ones left out. */
    public java.util.List<String> notes() {
        if (notesDropped == 0) {
            return java.util.List.copyOf(notes);
        }
        java.util.List<String> all = new java.util.ArrayList<>(notes);
        all.add(String.format(Locale.ROOT, "... and %,d more", notesDropped));
        return all;
    }

    /** Bytes of an EVTX file read (the whole file: header, chunks, slack). */
    public void countEvtxBytes(long n) {
        evtxBytes += n;
    }

    public long evtxBytes() {
        return evtxBytes;
    }

    public long evtxChunks() {
        return evtxChunks;
    }

    public long badChunks() {
        return badChunks;
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
        double mb = (bytes + evtxBytes) / 1e6;
        String source = evtxBytes == 0 ? String.format(Locale.ROOT, "%.1f MB of JSON", bytes / 1e6)
                : bytes == 0 ? String.format(Locale.ROOT, "%.1f MB of EVTX", evtxBytes / 1e6)
                : String.format(Locale.ROOT, "%.1f MB of JSON, %.1f MB of EVTX", bytes / 1e6, evtxBytes / 1e6);
        sb.append(String.format(Locale.ROOT, "read %,d events (%s), kept %,d", read(), source, kept()));
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
        if (evtxChunks > 0) {
            sb.append(String.format(Locale.ROOT, "; %,d EVTX chunks, %,d bad (skipped)", evtxChunks, badChunks));
        }
        if (badFiles > 0) {
            sb.append(String.format(Locale.ROOT, "; %,d EVTX files with a bad header (skipped)", badFiles));
        }
        sb.append(String.format(Locale.ROOT, "; %.2f s, %.1f MB/s", seconds, seconds > 0 ? mb / seconds : 0.0));
        return sb.toString();
    }
}
