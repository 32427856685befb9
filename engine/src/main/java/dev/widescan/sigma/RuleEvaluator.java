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
 *   <li><b>Hits are collected, then grouped by record.</b> The matchers report (value, literal) per field
 *       slot in value order; the sinks append them to two int arrays (dropping repeats of the same pair
 *       with a per-literal last-seen stamp), and a counting sort groups them by record: O(hits + records)
 *       with no comparisons and no allocation.</li>
 *   <li><b>Per record</b>, the record's literals set bits in a literal bitset, their gated rules set bits
 *       in a rule bitset (so each candidate is evaluated once, and in rule order), the always rules are
 *       OR-ed in, each candidate program runs, and only the touched bits are cleared again.</li>
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

    private RecordColumn[] columns;
    private int recordCount;
    private int generation;
    private int hitCount;
    private int[] hitRecord = new int[256];
    private int[] hitLiteral = new int[256];
    private int[] sortedLiteral = new int[256];
    private int[] recordStart = new int[64];

    RuleEvaluator(CompiledRuleSet set) {
        this.set = set;
        this.checks = new ColumnCheck[set.checkPrototypes.length];
        for (int i = 0; i < checks.length; i++) {
            checks[i] = set.checkPrototypes[i].forThread();
        }
        this.sinks = new HitSink[set.slotBase.length];
        for (int s = 0; s < sinks.length; s++) {
            int base = set.slotBase[s];
            sinks[s] = (valueIndex, literalId) -> addHit(valueIndex, base + literalId);
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
    }

    public CompiledRuleSet ruleSet() {
        return set;
    }

    /** The sink the scanner hands to the matcher of field slot {@code fieldSlot} (index into fieldLiterals()). */
    public HitSink sink(int fieldSlot) {
        return sinks[fieldSlot];
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
    }

    private void addHit(int record, int literal) {
        long stamp = ((long) generation << 32) | record;
        if (lastSeen[literal] == stamp) {
            return;
        }
        if (record < 0 || record >= recordCount) {
            throw new IllegalStateException("hit on value " + record + " of a block of " + recordCount + " records");
        }
        lastSeen[literal] = stamp;
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
        groupHitsByRecord();
        int words = ruleBits.length;
        for (int r = 0; r < recordCount; r++) {
            int from = recordStart[r];
            int to = recordStart[r + 1];
            if (from == to && !hasAlways) {
                continue;
            }
            int lowWord = Integer.MAX_VALUE;
            int highWord = -1;
            for (int k = from; k < to; k++) {
                int g = sortedLiteral[k];
                literalBits[g >>> 6] |= 1L << g;
                recordsHit[g]++;
                for (int j = literalRuleStart[g], end = literalRuleStart[g + 1]; j < end; j++) {
                    int rule = literalRules[j];
                    int w = rule >>> 6;
                    ruleBits[w] |= 1L << rule;
                    lowWord = Math.min(lowWord, w);
                    highWord = Math.max(highWord, w);
                }
            }
            if (hasAlways) {
                lowWord = 0;
                highWord = words - 1;
            }
            for (int w = lowWord; w <= highWord; w++) {
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
        }
        hitCount = 0;
        recordsSeen += recordCount;
        blocksSeen++;
        if ((blocksSeen & (blocksSeen - 1)) == 0 && Integer.numberOfTrailingZeros(blocksSeen) % 3 == 0) {
            regate(); // after 1, 8, 64, 512... blocks: allocation that thins out, none per record
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
                return (literalBits[a[node] >>> 6] & (1L << a[node])) != 0;
            case ProgramArrays.VERIFY:
                return (literalBits[a[node] >>> 6] & (1L << a[node])) != 0 && checks[b[node]].test(columns, record);
            case ProgramArrays.CHECK:
                return checks[a[node]].test(columns, record);
            case ProgramArrays.ANY_LIT:
                for (int i = a[node], end = a[node] + b[node]; i < end; i++) {
                    if ((literalBits[maskWord[i]] & maskBits[i]) != 0) {
                        return true;
                    }
                }
                return false;
            case ProgramArrays.ALL_LIT:
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
