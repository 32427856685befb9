package dev.widescan.scan;

import dev.widescan.format.Utf16Column;
import dev.widescan.match.HitSink;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hits of a matcher run over a dictionary-encoded column's distinct values, handed on to each record.
 *
 * <p>Why: a matcher reads a dictionary once (a few hundred entries instead of 4,096 values for an Image
 * column) and this gives every record the hits of its entry, in record order, as if the matcher had read
 * the record itself. Hits arrive in non-decreasing entry order (the {@code Matcher} contract), so they
 * are grouped by entry without sorting.
 *
 * <p>Finding the records of the hit entries: usually one to four entries hit (the few executables a rule
 * names), so the codes are compared against them a vector at a time, 8 or 16 records per compare, and
 * only matching lanes are looked at. More hit entries take a per-record walk over a prefix count of the
 * entries. Arrays grow to the busiest block and are then reused: nothing is allocated per record or per
 * block in steady state.
 */
final class EntryHits implements HitSink {
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** Up to this many distinct hit entries take the vector compare. */
    private static final int VECTOR_ENTRIES = 4;

    private int[] hitEntry = new int[64];
    private int[] hitLiteral = new int[64];
    private int hits;
    /** The distinct entries that hit, and where each one's hits start in the arrays above (plus an end). */
    private int[] groupEntry = new int[64];
    private int[] groupStart = new int[65];
    private int groups;
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

    /** Reports, for each present value of {@code column} in order, the hits of its entry to {@code sink}. */
    void replay(Utf16Column column, HitSink sink) {
        if (hits == 0) {
            return;
        }
        group();
        if (groups <= VECTOR_ENTRIES) {
            replayByCompare(column, sink);
        } else {
            replayByPrefix(column, sink);
        }
    }

    private void group() {
        groups = 0;
        for (int k = 0; k < hits; k++) {
            if (k == 0 || hitEntry[k] != hitEntry[k - 1]) {
                if (groups == groupEntry.length) {
                    groupEntry = Arrays.copyOf(groupEntry, 2 * groups);
                    groupStart = Arrays.copyOf(groupStart, 2 * groups + 1);
                }
                groupEntry[groups] = hitEntry[k];
                groupStart[groups++] = k;
            }
        }
        groupStart[groups] = hits;
    }

    private void replayByCompare(Utf16Column column, HitSink sink) {
        MemorySegment codes = column.codes();
        int n = column.count();
        IntVector e0 = IntVector.broadcast(INTS, groupEntry[0]);
        IntVector e1 = IntVector.broadcast(INTS, groupEntry[Math.min(1, groups - 1)]);
        IntVector e2 = IntVector.broadcast(INTS, groupEntry[Math.min(2, groups - 1)]);
        IntVector e3 = IntVector.broadcast(INTS, groupEntry[Math.min(3, groups - 1)]);
        int r = 0;
        for (int bound = INTS.loopBound(n); r < bound; r += INTS.length()) {
            IntVector v = IntVector.fromMemorySegment(INTS, codes, 4L * r, ByteOrder.LITTLE_ENDIAN);
            VectorMask<Integer> m = v.eq(e0).or(v.eq(e1)).or(v.eq(e2)).or(v.eq(e3));
            if (m.anyTrue()) {
                for (long lanes = m.toLong(); lanes != 0; lanes &= lanes - 1) {
                    report(column, r + Long.numberOfTrailingZeros(lanes), sink);
                }
            }
        }
        for (; r < n; r++) {
            report(column, r, sink);
        }
    }

    /** The hits of value {@code r}'s entry, if it is among the hit entries and the value is present. */
    private void report(Utf16Column column, int r, HitSink sink) {
        int e = column.code(r);
        for (int g = 0; g < groups; g++) {
            if (groupEntry[g] == e) {
                if (!column.isAbsent(r)) {
                    for (int k = groupStart[g]; k < groupStart[g + 1]; k++) {
                        sink.hit(r, hitLiteral[k]);
                    }
                }
                return;
            }
        }
    }

    private void replayByPrefix(Utf16Column column, HitSink sink) {
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
