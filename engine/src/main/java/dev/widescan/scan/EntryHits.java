package dev.widescan.scan;

import dev.widescan.format.RecordColumn;
import dev.widescan.match.HitSink;
import java.util.Arrays;

/**
 * The hits of a matcher run over a dictionary-encoded column's distinct values, handed on to each record.
 *
 * <p>Why: a matcher reads a dictionary once (a few hundred entries instead of 4,096 values for an Image
 * column) and this gives every record the hits of its entry, in record order, as if the matcher had read
 * the record itself. Hits arrive in non-decreasing entry order (the {@code Matcher} contract), so they
 * are grouped by entry without sorting.
 *
 * <p>Finding the records of the hit entries: a prefix count over the entries says where each entry's
 * hits are, and one scalar walk over the codes reports them (about a nanosecond a record, and only in
 * blocks where some entry hit). A vector compare of the codes against the one to four usual hit entries
 * was tried: no faster once compiled, and like all Vector API code very slow until C2 compiles it, which
 * a short CLI scan never outlives. Arrays grow to the busiest block and are then reused: nothing is
 * allocated per record or per block in steady state.
 */
final class EntryHits implements HitSink {
    private int[] hitEntry = new int[64];
    private int[] hitLiteral = new int[64];
    private int hits;
    private int[] entryFirstHit = new int[1024];

    /** Starts a dictionary of {@code entries} entries. */
    void clear(int entries) {
        hits = 0;
        if (entryFirstHit.length < entries + 1) {
            entryFirstHit = new int[Math.max(entries + 1, 2 * entryFirstHit.length)];
        }
    }

    @Override
    public void hit(int entry, int literalId) {
        if (hits == hitEntry.length) {
            hitEntry = Arrays.copyOf(hitEntry, 2 * hits);
            hitLiteral = Arrays.copyOf(hitLiteral, 2 * hits);
        }
        hitEntry[hits] = entry;
        hitLiteral[hits] = literalId;
        hits++;
    }

    /**
     * Reports, for each present value of {@code column} (dictionary, constant or absent kind) in order,
     * the hits of its entry to {@code sink}.
     */
    void replay(RecordColumn column, HitSink sink) {
        if (hits == 0) {
            return;
        }
        replayByPrefix(column, sink);
    }

    private void replayByPrefix(RecordColumn column, HitSink sink) {
        int entries = column.dictionary().count();
        int[] first = entryFirstHit;
        for (int e = 0, k = 0; e <= entries; e++) {
            while (k < hits && hitEntry[k] < e) {
                k++;
            }
            first[e] = k;
        }
        for (int r = 0, n = column.count(); r < n; r++) {
            int e = column.code(r);
            int from = first[e];
            int to = first[e + 1];
            if (from < to && !column.isAbsent(r)) {
                for (int k = from; k < to; k++) {
                    sink.hit(r, hitLiteral[k]);
                }
            }
        }
    }
}
