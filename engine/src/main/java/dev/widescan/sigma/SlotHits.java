package dev.widescan.sigma;

import dev.widescan.format.RecordColumn;
import java.util.Arrays;

/**
 * One field slot's hits in the current block, kept in the order the matcher reported them until a rule
 * evaluated on a record asks about a literal of this slot; only then are that record's hits set in the
 * evaluator's literal bitset ({@link #load}).
 *
 * <p>Why: a literal that gates no rule (after {@link CompiledRuleSet#gates}) never decides which rules a
 * record wakes; it only matters to the rules some other literal woke on that record. On the SigmaHQ
 * catalog over generated Sysmon events such literals ({@code .exe}, {@code \system32\},
 * {@code microsoft corporation}...) are 95% of the 39 (record, literal) hits a record has, and a record
 * wakes ~4 rules that read 1-3 of its 27 fields. Grouping every hit by record and setting and clearing its
 * bit on every record cost more than the rules' own evaluation; here a hit costs one append, and a record
 * pays for the slots its woken rules read.
 *
 * <p>Two shapes, both in non-decreasing order (the {@code Matcher} contract, checked): a plain column's hits
 * by record, read with a cursor that only moves forward because records are evaluated in order; a
 * dictionary-encoded column's hits by entry (the matcher read each distinct value once), which a record
 * reads through its code. Arrays grow to the busiest block and are then reused.
 */
final class SlotHits {
    private int[] value = new int[64];
    private int[] literal = new int[64];
    private int count;
    private int cursor;
    /** Null: hits by record. Otherwise the column whose entries the hits are by. */
    private RecordColumn entriesOf;
    private int[] entryFirst = new int[64];
    private int[] entryRecords = new int[64];
    /** The hits of waking literals, by entry: {@code wakingLiteral[wakingFirst[e] .. wakingFirst[e+1])}. */
    private int[] wakingFirst = new int[64];
    private int[] wakingLiteral = new int[64];

    /** Starts a block: hits by record, none yet. */
    void reset() {
        count = 0;
        cursor = 0;
        entriesOf = null;
    }

    /** Starts a block whose hits for this slot come by entry of {@code column}'s dictionary. */
    void byEntry(RecordColumn column) {
        reset();
        entriesOf = column;
    }

    boolean byEntry() {
        return entriesOf != null;
    }

    void add(int valueIndex, int literalId) {
        if (count > 0 && valueIndex < value[count - 1]) {
            throw new IllegalStateException("hits out of value order: value " + valueIndex + " after " + value[count - 1]);
        }
        if (count == value.length) {
            value = Arrays.copyOf(value, 2 * count);
            literal = Arrays.copyOf(literal, 2 * count);
        }
        value[count] = valueIndex;
        literal[count] = literalId;
        count++;
    }

    int count() {
        return count;
    }

    /**
     * After the matcher's last entry hit: indexes the hits by entry and counts the present records of each
     * entry. {@code recordsHit[g]} grows by the records of every entry g hit whose literal wakes no rule
     * ({@code wakes[g]} false: they never pass through the per-record grouping that counts the others) and
     * whose hit rate can choose a gate ({@code counted[g]}); when no hit is of such a literal (a filter's
     * literals, under a negation), the block's records are not counted at all.
     * Returns whether any hit is of a waking literal, i.e. whether {@link #replayWaking} has work.
     */
    boolean indexEntries(boolean[] wakes, boolean[] counted, long[] recordsHit) {
        RecordColumn column = entriesOf;
        int entries = column.dictionary().count();
        if (entryFirst.length < entries + 1) {
            entryFirst = new int[Math.max(entries + 1, 2 * entryFirst.length)];
            entryRecords = new int[entryFirst.length];
            wakingFirst = new int[entryFirst.length];
        }
        int[] first = entryFirst;
        for (int e = 0, k = 0; e <= entries; e++) {
            while (k < count && value[k] < e) {
                k++;
            }
            first[e] = k;
        }
        // the records of each entry, a pass over the whole block, only when a hit's count can change a gate
        boolean countRecords = false;
        for (int k = 0; k < count && !countRecords; k++) {
            countRecords = !wakes[literal[k]] && counted[literal[k]];
        }
        int[] records = entryRecords;
        if (countRecords) {
            Arrays.fill(records, 0, entries, 0);
            for (int r = 0, n = column.count(); r < n; r++) {
                if (!column.isAbsent(r)) {
                    records[column.code(r)]++;
                }
            }
        }
        if (wakingLiteral.length < count) {
            wakingLiteral = new int[Math.max(count, 2 * wakingLiteral.length)];
        }
        int waking = 0;
        for (int e = 0; e < entries; e++) {
            wakingFirst[e] = waking;
            for (int k = first[e], end = first[e + 1]; k < end; k++) {
                int g = literal[k];
                if (wakes[g]) {
                    wakingLiteral[waking++] = g;
                } else if (counted[g]) {
                    recordsHit[g] += records[e];
                }
            }
        }
        wakingFirst[entries] = waking;
        return waking > 0;
    }

    /** For each present record in order, its entry's hits of waking literals ({@link #indexEntries}) to {@code sink}. */
    void replayWaking(RecordHits sink) {
        RecordColumn column = entriesOf;
        int[] first = wakingFirst;
        for (int r = 0, n = column.count(); r < n; r++) {
            int e = column.code(r);
            int from = first[e];
            int to = first[e + 1];
            if (from < to && !column.isAbsent(r)) {
                for (int k = from; k < to; k++) {
                    sink.add(r, wakingLiteral[k]);
                }
            }
        }
    }

    /** Where {@link #replayWaking} sends a hit. */
    interface RecordHits {
        void add(int record, int literalId);
    }

    /**
     * Sets the bits of record {@code record}'s hits in {@code bits} and appends their literal ids to
     * {@code touched} from {@code at}; returns the new end of {@code touched} (the caller sized it with
     * {@link #maxPerRecord()}). Records are asked in non-decreasing order within a block.
     */
    int load(int record, long[] bits, int[] touched, int at) {
        int from;
        int to;
        if (entriesOf == null) {
            int c = cursor;
            while (c < count && value[c] < record) {
                c++;
            }
            from = c;
            while (c < count && value[c] == record) {
                c++;
            }
            to = c;
            cursor = c;
        } else {
            if (count == 0 || entriesOf.isAbsent(record)) {
                return at;
            }
            int e = entriesOf.code(record);
            from = entryFirst[e];
            to = entryFirst[e + 1];
        }
        for (int k = from; k < to; k++) {
            int g = literal[k];
            bits[g >>> 6] |= 1L << g;
            touched[at++] = g;
        }
        return at;
    }

    /** An upper bound on the hits {@link #load} sets for one record: all of this slot's hits in the block. */
    int maxPerRecord() {
        return count;
    }
}
