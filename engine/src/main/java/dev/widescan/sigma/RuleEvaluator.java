package dev.widescan.sigma;

import dev.widescan.format.RecordColumn;
import dev.widescan.match.HitSink;
import java.util.Arrays;

/**
 * Turns the literal hits of one block into rule detections. One per scan thread, reused block after
 * block; in steady state it allocates nothing (its arrays only grow when a block has more records or
 * hits than any before).
 *
 * <h2>Design: why hits drive the work</h2>
 * In a real archive almost every record hits no literal of almost every rule, so evaluating every rule
 * on every record (what naive engines do) costs rules x records even when nothing matches. Instead:
 * <ol>
 *   <li><b>Gating, decided at compile time.</b> Each rule program is evaluated in three-valued logic with
 *       every literal false and every unguarded check unknown. If that yields FALSE, the rule cannot
 *       match a record on which none of its literals hit (true for almost every Sigma rule: a positive
 *       selection of literals ANDed with negated filters). Such a rule is indexed under each of its
 *       literals and only evaluated on records where one of them hit. Every other rule (pure
 *       {@code not}, null/exists-only, regex-only, fieldref) is an "always" rule, evaluated on every
 *       record; {@link CompiledRuleSet#alwaysEvaluatedRuleCount()} says how many.</li>
 *   <li><b>Hits of waking literals are collected, then grouped by record.</b> The matchers report
 *       (value, literal) per field slot in value order; hits of literals that wake a rule go to two int
 *       arrays (dropping repeats of the same pair with a per-literal last-seen stamp), then grouped by record
 *       without allocation: a block with few hits (under one per 8 records) sorts them as (record, literal)
 *       pairs and visits only the records that have hits, O(hits) for the usual few runs; a block with many
 *       hits (or with rules evaluated on every record) uses a counting sort over its records, O(hits + records). Hits of literals
 *       that wake no rule (95% of them on the catalog) stay in their slot's {@link SlotHits}, in
 *       report order, until a rule evaluated on the record reads that slot.</li>
 *   <li><b>Per record</b>, the record's waking literals set bits in a literal bitset, their gated rules
 *       set bits in a rule bitset (so each candidate is evaluated once, and in rule order), the always
 *       rules are OR-ed in, and each candidate program runs; a literal test first loads the record's
 *       other hits of the slots it reads (once per record and slot). Only the touched bits are cleared
 *       again.</li>
 *   <li><b>Programs</b> are flat arrays (see {@link ProgramArrays}) walked recursively with short-circuit
 *       AND/OR, cheapest operands first: a literal test is one bit test, the literals of one AND/OR
 *       one node of (word, mask) tests; column checks (a glob confirming
 *       a wildcard-in-the-middle pattern after its prefilter literal hit, regex through a zero-copy view,
 *       fieldref, null/exists, empty) read the block's columns in place and run only when the cheaper
 *       operands have not decided the result.</li>
 * </ol>
 * So the cost is proportional to the hits, plus the candidates they select, plus the always rules times
 * the records; detections come out in record order, then rule order.
 */
public final class RuleEvaluator {
    private final CompiledRuleSet set;
    private final ColumnCheck[] checks;
    private final HitSink[] sinks;
    private final long[] lastSeen;
    private final long[] literalBits;
    private final long[] ruleBits;
    private final long[] alwaysRules;
    private final boolean hasAlways;
    private int[] literalRuleStart;
    private int[] literalRules;
    /** Per literal: records of this thread's blocks so far on which it hit (for {@link #regate}). */
    private final long[] recordsHit;
    private long recordsSeen;
    private int blocksSeen;
    private final byte[] kind;
    private final int[] a;
    private final int[] b;
    private final int[] children;
    private final int[] maskWord;
    private final long[] maskBits;
    private final int[] ruleRoot;
    /** Per program node: the field slots whose literals it tests (bit 63: slot 63 and above). */
    private final long[] nodeSlots;
    /** Per global literal: whether it wakes a rule under the current gates (else its hits are kept in {@link #slotHits}). */
    private boolean[] wakes;
    private final SlotHits[] slotHits;
    /** Slots whose hits of the current record are in {@link #literalBits} (same bit layout as {@link #nodeSlots}). */
    private long loadedSlots;
    /** Literal ids set by {@link SlotHits#load} for the current record, cleared after it. */
    private int[] touched = new int[64];
    private int touchedCount;

    private RecordColumn[] columns;
    private int recordCount;
    private int generation;
    private int hitCount;
    private int[] hitRecord = new int[256];
    private int[] hitLiteral = new int[256];
    private int[] sortedLiteral = new int[256];
    private int[] recordStart = new int[64];
    /** (record, literal) pairs of {@link #evaluateHitRecords}, sorted. */
    private long[] hitKeys = new long[256];
    private long[] hitKeysScratch = new long[256];
    /** A block is evaluated over its hit records only with at most this many hits... */
    private static final int SPARSE_MAX_HITS = 4096;
    /** ...and at least this many records a hit. */
    private static final int SPARSE_RECORDS_PER_HIT = 8;
    /** Tests: null picks the evaluation by the block's hits; true or false forces {@link #evaluateHitRecords} or not. */
    Boolean hitRecordsOnly;

    RuleEvaluator(CompiledRuleSet set) {
        this.set = set;
        this.checks = new ColumnCheck[set.checkPrototypes.length];
        for (int i = 0; i < checks.length; i++) {
            checks[i] = set.checkPrototypes[i].forThread();
        }
        this.sinks = new HitSink[set.slotBase.length];
        for (int s = 0; s < sinks.length; s++) {
            int base = set.slotBase[s];
            int slot = s;
            sinks[s] = (valueIndex, literalId) -> hit(slot, valueIndex, base + literalId);
        }
        this.slotHits = new SlotHits[sinks.length];
        this.entrySinks = new HitSink[sinks.length];
        for (int s = 0; s < sinks.length; s++) {
            slotHits[s] = new SlotHits();
            SlotHits hits = slotHits[s];
            int base = set.slotBase[s];
            entrySinks[s] = (entry, literalId) -> hits.add(entry, base + literalId);
        }
        this.lastSeen = new long[set.literalCount];
        this.literalBits = new long[(set.literalCount + 63) >>> 6];
        this.ruleBits = new long[(set.ruleCount() + 63) >>> 6];
        this.alwaysRules = set.alwaysRules;
        this.hasAlways = set.alwaysRuleCount > 0;
        this.literalRuleStart = set.literalRuleStart;
        this.literalRules = set.literalRules;
        this.recordsHit = new long[set.literalCount];
        this.kind = set.kind;
        this.a = set.a;
        this.b = set.b;
        this.children = set.children;
        this.maskWord = set.maskWord;
        this.maskBits = set.maskBits;
        this.ruleRoot = set.ruleRoot;
        this.nodeSlots = set.nodeSlots;
        this.wakes = wakes(literalRuleStart);
    }

    private final HitSink[] entrySinks;

    private static boolean[] wakes(int[] literalRuleStart) {
        boolean[] w = new boolean[literalRuleStart.length - 1];
        for (int g = 0; g < w.length; g++) {
            w[g] = literalRuleStart[g + 1] > literalRuleStart[g];
        }
        return w;
    }

    public CompiledRuleSet ruleSet() {
        return set;
    }

    /**
     * The sink the scanner hands to the matcher of field slot {@code fieldSlot} (index into fieldLiterals())
     * when the matcher reads the block's values record by record (hits by record, in record order).
     */
    public HitSink sink(int fieldSlot) {
        return sinks[fieldSlot];
    }

    /**
     * For a dictionary-encoded (or constant) {@code column} of field slot {@code fieldSlot}: the sink its
     * matcher reports entry hits to while it reads the column's distinct values once, in entry order.
     * Call {@link #endEntries} after the matcher; every record then has its entry's hits.
     */
    public HitSink entrySink(int fieldSlot, RecordColumn column) {
        slotHits[fieldSlot].byEntry(column);
        return entrySinks[fieldSlot];
    }

    /** After the matcher of {@link #entrySink}: hands each record the hits of its entry. */
    public void endEntries(int fieldSlot) {
        SlotHits hits = slotHits[fieldSlot];
        if (hits.count() > 0 && hits.indexEntries(wakes, set.rateChoosesGates, recordsHit)) {
            hits.replayWaking(this::addHit);
        }
    }

    /**
     * Starts a block: {@code columnsByFieldOrdinal} holds the block's column of every field in
     * {@link CompiledRuleSet#fieldsNeeded()} (others may be null). Call before the matchers run on it.
     */
    public void beginBlock(RecordColumn[] columnsByFieldOrdinal, int recordCount) {
        this.columns = columnsByFieldOrdinal;
        this.recordCount = recordCount;
        this.hitCount = 0;
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(lastSeen, 0L);
            generation = 1;
        }
        if (recordStart.length < recordCount + 2) {
            recordStart = new int[Math.max(recordCount + 2, recordStart.length * 2)];
        }
        for (SlotHits h : slotHits) {
            h.reset();
        }
    }

    /** A hit by record from a matcher: a waking literal's joins the grouping, any other stays with its slot. */
    private void hit(int slot, int record, int literal) {
        if (wakes[literal]) {
            addHit(record, literal);
            return;
        }
        if (firstSeen(record, literal)) {
            recordsHit[literal]++;
            slotHits[slot].add(record, literal);
        }
    }

    /** False for a repeat of a (record, literal) pair already taken in this block (a per-literal stamp). */
    private boolean firstSeen(int record, int literal) {
        long stamp = ((long) generation << 32) | record;
        if (lastSeen[literal] == stamp) {
            return false;
        }
        if (record < 0 || record >= recordCount) {
            throw new IllegalStateException("hit on value " + record + " of a block of " + recordCount + " records");
        }
        lastSeen[literal] = stamp;
        return true;
    }

    private void addHit(int record, int literal) {
        if (!firstSeen(record, literal)) {
            return;
        }
        if (hitCount == hitRecord.length) {
            hitRecord = Arrays.copyOf(hitRecord, hitCount * 2);
            hitLiteral = Arrays.copyOf(hitLiteral, hitCount * 2);
        }
        hitRecord[hitCount] = record;
        hitLiteral[hitCount] = literal;
        hitCount++;
    }

    /** Reports every (rule, record) detection of the block, in record order then rule order. */
    public void evaluateBlock(RuleMatchSink out) {
        boolean fewHits = hitCount <= SPARSE_MAX_HITS && (long) hitCount * SPARSE_RECORDS_PER_HIT < recordCount;
        if (!hasAlways && (hitRecordsOnly != null ? hitRecordsOnly : fewHits)) {
            evaluateHitRecords(out);
        } else {
            groupHitsByRecord();
            for (int r = 0; r < recordCount; r++) {
                int from = recordStart[r];
                int to = recordStart[r + 1];
                if (from < to || hasAlways) {
                    evaluateRecord(r, from, to, out);
                }
            }
        }
        hitCount = 0;
        recordsSeen += recordCount;
        blocksSeen++;
        if ((blocksSeen & (blocksSeen - 1)) == 0 && Integer.numberOfTrailingZeros(blocksSeen) % 3 == 0) {
            regate(); // after 1, 8, 64, 512... blocks: allocation that thins out, none per record
        }
    }

    /**
     * A block with few hits (the usual case of a selective rule set: a few detections among thousands of
     * records) is evaluated record by record over the records that have hits only: the hits are sorted as
     * (record, literal) pairs, instead of a counting sort and a loop over every record of the block. Besides
     * the work, that keeps these loops from running millions of times in a short scan, which made C2 compile
     * them (and C1 before it) while the scan threads needed the cores (bench/RESULTS.md §24). Within a record
     * the literals come in another order than the counting sort's; the evaluation does not depend on it.
     */
    private void evaluateHitRecords(RuleMatchSink out) {
        if (hitKeys.length < hitCount) {
            hitKeys = new long[Math.max(hitCount, 2 * hitKeys.length)];
            hitKeysScratch = new long[hitKeys.length];
        }
        if (sortedLiteral.length < hitCount) {
            sortedLiteral = new int[hitRecord.length];
        }
        long[] keys = hitKeys;
        for (int i = 0; i < hitCount; i++) {
            keys[i] = (long) hitRecord[i] << 32 | hitLiteral[i];
        }
        sortRuns(keys, hitCount, hitKeysScratch);
        for (int i = 0; i < hitCount; i++) {
            sortedLiteral[i] = (int) keys[i];
        }
        for (int from = 0; from < hitCount; ) {
            int record = (int) (keys[from] >>> 32);
            int to = from + 1;
            while (to < hitCount && (int) (keys[to] >>> 32) == record) {
                to++;
            }
            evaluateRecord(record, from, to, out);
            from = to;
        }
    }

    /**
     * Sorts {@code a[0, n)} ascending through {@code scratch} (at least n long) by merging adjacent ascending
     * runs until one is left: the hits arrive as one run per field slot (each matcher reports in record order),
     * so this is a few linear passes. Allocation-free, unlike {@code Arrays.sort}, whose run merging allocates
     * a buffer for exactly such input.
     */
    static void sortRuns(long[] a, int n, long[] scratch) {
        long[] src = a;
        long[] dst = scratch;
        int runs;
        do {
            runs = 0;
            for (int from = 0; from < n; runs++) {
                int mid = runEnd(src, from, n);
                int to = runEnd(src, mid, n);
                for (int i = from, j = mid, k = from; k < to; k++) {
                    dst[k] = j >= to || (i < mid && src[i] <= src[j]) ? src[i++] : src[j++];
                }
                from = to;
            }
            long[] swap = src;
            src = dst;
            dst = swap;
        } while (runs > 1);
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    /** The end of the non-decreasing run of {@code a} that starts at {@code from} (n when from is n). */
    private static int runEnd(long[] a, int from, int n) {
        int end = Math.min(from + 1, n);
        while (end < n && a[end - 1] <= a[end]) {
            end++;
        }
        return end;
    }

    /** Evaluates the rules woken on record {@code r} by the literals {@code sortedLiteral[from, to)}, and the always rules. */
    private void evaluateRecord(int r, int from, int to, RuleMatchSink out) {
        int words = ruleBits.length;
        // the woken words [lowWord, wordsEnd), empty when no rule woke: an exclusive bound, because
        // C2 compiles "w <= last" with a loop-limit check that the empty case (last = -1 after
        // MAX_VALUE) fails, and threw the scan's compiled loop away at its first such record
        // (-Xlog:deoptimization: loop_limit_check, bench/RESULTS.md §21)
        int lowWord = words;
        int wordsEnd = 0;
        for (int k = from; k < to; k++) {
            int g = sortedLiteral[k];
            literalBits[g >>> 6] |= 1L << g;
            recordsHit[g]++;
            for (int j = literalRuleStart[g], end = literalRuleStart[g + 1]; j < end; j++) {
                int rule = literalRules[j];
                int w = rule >>> 6;
                ruleBits[w] |= 1L << rule;
                lowWord = Math.min(lowWord, w);
                wordsEnd = Math.max(wordsEnd, w + 1);
            }
        }
        if (hasAlways) {
            lowWord = 0;
            wordsEnd = words;
        }
        loadedSlots = 0L;
        touchedCount = 0;
        for (int w = lowWord; w < wordsEnd; w++) {
            long bits = ruleBits[w] | (hasAlways ? alwaysRules[w] : 0L);
            ruleBits[w] = 0L;
            while (bits != 0) {
                int rule = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (eval(ruleRoot[rule], r)) {
                    out.matched(rule, r);
                }
            }
        }
        for (int k = from; k < to; k++) {
            int g = sortedLiteral[k];
            literalBits[g >>> 6] &= ~(1L << g);
        }
        for (int k = 0; k < touchedCount; k++) {
            int g = touched[k];
            literalBits[g >>> 6] &= ~(1L << g);
        }
    }

    /**
     * Chooses each rule's gate again from the hit rates this thread has seen ({@link CompiledRuleSet#gates}):
     * the compiler's guess (longer literals are rarer) wakes a rule like "IntegrityLevel System AND User
     * AUTHORI AND (one of 48 rare command-line strings)" under "System", which half of all records carry.
     * Any necessary set is exact, so this changes how many rules are evaluated, never the detections.
     * Allocates, after blocks 1, 8, 64, 512 and so on of the thread: never per record, ever more rarely.
     */
    private void regate() {
        double[] rate = new double[recordsHit.length];
        double n = recordsSeen + 1.0;
        for (int g = 0; g < rate.length; g++) {
            rate[g] = (recordsHit[g] + 0.5) / n;
        }
        useGates(rate);
    }

    /** Wakes rules by the gates {@code hitRate} chooses (per global literal id) from the next block on. */
    void useGates(double[] hitRate) {
        CompiledRuleSet.Gates gates = set.gates(hitRate);
        literalRuleStart = gates.start();
        literalRules = gates.rules();
        wakes = wakes(literalRuleStart);
    }

    /** Loads the current record's hits of the slots in {@code slots} that are not loaded yet. */
    private void load(long slots, int record) {
        long need = slots & ~loadedSlots;
        loadedSlots |= need;
        while (need != 0) {
            int bit = Long.numberOfTrailingZeros(need);
            need &= need - 1;
            // bit 63 stands for slot 63 and every later one; an exclusive bound, as in evaluateBlock (C2's
            // loop-limit check on "s <= last" failed here in whole-catalog scans and cost a recompile)
            int end = Math.min(bit < 63 ? bit + 1 : slotHits.length, slotHits.length);
            for (int s = bit; s < end; s++) {
                SlotHits h = slotHits[s];
                if (touched.length - touchedCount < h.maxPerRecord()) {
                    touched = Arrays.copyOf(touched, Math.max(2 * touched.length, touchedCount + h.maxPerRecord()));
                }
                touchedCount = h.load(record, literalBits, touched, touchedCount);
            }
        }
    }

    /** Counting sort of the hits by record: recordStart[r] .. recordStart[r+1] index sortedLiteral. */
    private void groupHitsByRecord() {
        int[] start = recordStart;
        Arrays.fill(start, 0, recordCount + 2, 0);
        for (int i = 0; i < hitCount; i++) {
            start[hitRecord[i] + 2]++;
        }
        for (int r = 2; r < recordCount + 2; r++) {
            start[r] += start[r - 1];
        }
        if (sortedLiteral.length < hitCount) {
            sortedLiteral = new int[hitRecord.length];
        }
        for (int i = 0; i < hitCount; i++) {
            sortedLiteral[start[hitRecord[i] + 1]++] = hitLiteral[i];
        }
    }

    private boolean eval(int node, int record) {
        switch (kind[node]) {
            case ProgramArrays.LIT:
                if ((nodeSlots[node] & ~loadedSlots) != 0) {
                    load(nodeSlots[node], record);
                }
                return (literalBits[a[node] >>> 6] & (1L << a[node])) != 0;
            case ProgramArrays.VERIFY:
                if ((nodeSlots[node] & ~loadedSlots) != 0) {
                    load(nodeSlots[node], record);
                }
                return (literalBits[a[node] >>> 6] & (1L << a[node])) != 0 && checks[b[node]].test(columns, record);
            case ProgramArrays.CHECK:
                return checks[a[node]].test(columns, record);
            case ProgramArrays.ANY_LIT:
                if ((nodeSlots[node] & ~loadedSlots) != 0) {
                    load(nodeSlots[node], record);
                }
                for (int i = a[node], end = a[node] + b[node]; i < end; i++) {
                    if ((literalBits[maskWord[i]] & maskBits[i]) != 0) {
                        return true;
                    }
                }
                return false;
            case ProgramArrays.ALL_LIT:
                if ((nodeSlots[node] & ~loadedSlots) != 0) {
                    load(nodeSlots[node], record);
                }
                for (int i = a[node], end = a[node] + b[node]; i < end; i++) {
                    if ((literalBits[maskWord[i]] & maskBits[i]) != maskBits[i]) {
                        return false;
                    }
                }
                return true;
            case ProgramArrays.NOT:
                return !eval(children[a[node]], record);
            case ProgramArrays.AND:
                for (int i = a[node], end = a[node] + b[node]; i < end; i++) {
                    if (!eval(children[i], record)) {
                        return false;
                    }
                }
                return true;
            case ProgramArrays.OR:
                for (int i = a[node], end = a[node] + b[node]; i < end; i++) {
                    if (eval(children[i], record)) {
                        return true;
                    }
                }
                return false;
            default:
                throw new IllegalStateException("node kind " + kind[node]);
        }
    }
}
