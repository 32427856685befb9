package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The strategy for big literal sets whose hits are dense: the SigmaHQ catalog's ~11,400 CommandLine literals,
 * 161 of them one or two units long, hit about once per three units of real command lines (0.3 reports a
 * unit through {@link AhoCorasickMatcher}, 0.18 distinct (value, literal) pairs a unit).
 *
 * <p>Why, measured on that set (bench/RESULTS.md, "Large-set matcher"): Aho-Corasick's DFA walk alone runs
 * at ~1.1 GB/s, with its reports at 0.19 GB/s. A report there costs ~28 ns: a mispredicted branch in the
 * walk, a division to find the state, a walk of output and dictionary-suffix links, a switch on the kind.
 * And most reports are redundant: consumers treat hits as a set per value ({@link HitSink}), but the
 * one-unit literal {@code i} alone is reported 160,000 times in 4 Mi units, on 29,000 values. So:
 * <ul>
 *   <li><b>Anchored literals cost nothing per unit</b>: an ENDS_WITH or EQUALS literal stands at a value's end,
 *       so it is an output of the automaton's state after the value's last unit (every literal that is a
 *       suffix of the text read is, through dictionary-suffix links); the walk records that final state as the
 *       value's end mark and the report checks its ENDS_WITH and EQUALS outputs once (EQUALS: and the length).
 *       Such outputs never flag a transition. STARTS_WITH literals go to {@link AnchoredMatcher}, which checks
 *       them once per value at its first unit.</li>
 *   <li><b>The automaton</b> over the other literals is Aho-Corasick's dense DFA (folded class table, so
 *       case folding costs nothing; transitions premultiplied by the stride), walked by two independent chains
 *       over two halves of a round of values.</li>
 *   <li><b>The walk records, it does not report</b>: every step stores its transition at the chain's event
 *       cursor and advances the cursor by the sign bit (set when the target has CONTAINS outputs), so the walk
 *       has no data-dependent branch; the end mark after each value keeps values apart.</li>
 *   <li><b>Reports then run per value, in value order</b> (chain after chain, round after round). Each output
 *       state's literals are flattened along its dictionary-suffix links at build time, and states are
 *       renumbered so the state is its output record's index (one multiply by the stride's reciprocal, no
 *       division, no lookup). A state is reported once per value (a per-state stamp in the same cache line as
 *       its list bounds). A state with a literal that needs an exact confirm (cased, or with a non-ASCII unit,
 *       whose class is shared) sends its value through a second, exact walk instead, which knows positions.</li>
 * </ul>
 *
 * <p>Tried and lost (same runs): a per-value presence pass for the 1-2 unit literals outside the automaton
 * (a pass over the value mapping unit pairs to slots, each slot reported once per value) was slower than
 * leaving them in the automaton (0.36-0.39 vs 0.47-0.50 GB/s): the pass costs more per unit than the
 * deduplicated events it saves. Checking all anchored literals per value with {@link AnchoredMatcher} cost
 * ~10% more than the final-state lookup for ENDS_WITH and EQUALS. Four chains tied with two; six and eight
 * lost (0.72 and 0.62 vs 0.89 GB/s, walk alone: register spills). The walk is bound by its own loads and
 * stores (~6 cycles a unit with the table's cache misses, ~4.4 on text that stays at the root), not by the
 * chains' latency: the walk alone stays below ~0.9 GB/s on this set, so the 1 GB/s is out of reach of this design.
 * A vector walk (16 lanes of an AVX-512 vector, two {@code vpgatherdd} a step, lanes taking the next value as
 * theirs ends) tied with this one at best (0.69-0.73 vs 0.72-0.76 GB/s, walk alone): the Vector API gathers
 * through an index array, ~26 cycles a dependent gather, and the class stream and event demux it needs cost
 * ~2.6 cycles a unit more.
 */
public final class LargeSetMatcher implements Matcher {
    public static final String NAME = "large-set";
    /** Independent walks in one loop (two tied with four; more spill registers). */
    private static final int CHAINS = 2;
    /** Units per round: the chains' event lists hold one round. */
    private static final int ROUND_UNITS = 1 << 16;
    /** A transition's flag: its target has CONTAINS outputs. */
    private static final int FLAG = 0x8000_0000;
    /** A transition's target row (premultiplied by the stride). */
    private static final int ROW = 0x7FFF_FFFF;

    private final FoldedLiterals folded;
    private final int[] length;
    /** The automaton over the CONTAINS, ENDS_WITH and EQUALS literals; null when there are none. */
    private final int[] table;
    private final byte[] classOf;
    /** ceil(2^32 / stride): a row offset times this, shifted right by 32, is the state (no division). */
    private final long strideReciprocal;
    /**
     * Output state o (= state o + 1): its literals are outIds[records[4o] .. records[4o + 1]), records[4o]
     * bit-negated when one needs a confirm; records[4o + 2] is each searcher's stamp (the template holds 0).
     */
    private final int[] records;
    private final int[] outIds;
    /** Output state o's ENDS_WITH and EQUALS literals, reported from a value's final state: endIds[endStart[o] .. endStart[o + 1]). */
    private final int[] endStart;
    private final int[] endIds;
    private final int outputs;
    /** Per literal: compared exactly at report time (cased, or a non-ASCII unit in a shared class). */
    private final boolean[] confirm;
    /** The STARTS_WITH literals; null when there are none. */
    private final AnchoredMatcher anchored;
    private final int[] anchoredIds;

    public LargeSetMatcher(LiteralSet literals) {
        folded = new FoldedLiterals(literals);
        int n = folded.size();
        length = new int[n];
        confirm = new boolean[n];
        List<Integer> anchoredList = new ArrayList<>();
        List<Integer> automatonList = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            length[id] = folded.units[id].length;
            (folded.kinds[id] == LiteralKind.STARTS_WITH ? anchoredList : automatonList).add(id);
        }
        if (anchoredList.isEmpty()) {
            anchored = null;
            anchoredIds = null;
        } else {
            List<Literal> part = new ArrayList<>();
            for (int id : anchoredList) {
                part.add(literals.get(id));
            }
            anchored = new AnchoredMatcher(new LiteralSet(part));
            anchoredIds = anchoredList.stream().mapToInt(Integer::intValue).toArray();
        }
        if (automatonList.isEmpty()) {
            table = null;
            classOf = null;
            strideReciprocal = 0;
            records = null;
            outIds = null;
            endStart = null;
            endIds = null;
            outputs = 0;
            return;
        }
        char[][] keys = new char[automatonList.size()][];
        for (int j = 0; j < keys.length; j++) {
            int id = automatonList.get(j);
            keys[j] = FoldedAlphabet.key(folded, id);
            confirm[id] = FoldedAlphabet.needsConfirm(folded, id, keys[j]);
        }
        FoldedAlphabet alphabet = new FoldedAlphabet(keys); // as in AhoCorasickMatcher (hence the confirm)
        byte[] foldedClass = alphabet.foldedClass;
        int stride = alphabet.stride;
        strideReciprocal = ((1L << 32) + stride - 1) / stride;
        classOf = alphabet.classOf;
        AhoCorasickMatcher.TrieBuilder trie = new AhoCorasickMatcher.TrieBuilder(stride, AhoCorasickMatcher.TrieBuilder.capacityFor(keys));
        for (int j = 0; j < keys.length; j++) {
            trie.add(keys[j], automatonList.get(j), foldedClass);
        }
        int[][] own = trie.outputs();
        int[] link = trie.buildLinks();
        int[] next = trie.transitionsInPlace(); // read row by row into the renumbered table below: no copy
        int states = own.length;
        // Flattened outputs: a state's own literals, then those of its dictionary-suffix links; the CONTAINS
        // ones are reported where the state is reached, the ENDS_WITH and EQUALS ones only from a value's final state.
        int[] outputNumber = new int[states];
        boolean[] anyContains = new boolean[states];
        int count = 0;
        int total = 0;
        int ends = 0;
        for (int st = 0; st < states; st++) {
            int here = 0;
            for (int s = own[st] != null ? st : link[st]; s >= 0; s = link[s]) {
                for (int id : own[s]) {
                    here++;
                    anyContains[st] |= folded.kinds[id] == LiteralKind.CONTAINS;
                    ends += folded.kinds[id] == LiteralKind.CONTAINS ? 0 : 1;
                }
            }
            outputNumber[st] = here > 0 ? count++ : -1;
            total += here;
        }
        outputs = count;
        records = new int[4 * count];
        outIds = new int[total - ends];
        endStart = new int[count + 1];
        endIds = new int[ends];
        for (int st = 0, k = 0, e = 0; st < states; st++) {
            int o = outputNumber[st];
            if (o < 0) {
                continue;
            }
            int first = k;
            boolean once = true;
            for (int s = own[st] != null ? st : link[st]; s >= 0; s = link[s]) {
                for (int id : own[s]) {
                    if (folded.kinds[id] == LiteralKind.CONTAINS) {
                        outIds[k++] = id;
                        once &= !confirm[id];
                    } else {
                        endIds[e++] = id;
                    }
                }
            }
            records[4 * o] = once ? first : ~first;
            records[4 * o + 1] = k;
            endStart[o + 1] = e;
        }
        // Renumbered: the root stays 0, output state o becomes state o + 1, the others follow. (Row order costs
        // no locality: a step reads one cache line of a row.)
        int[] renumbered = new int[states];
        for (int st = 1, other = count + 1; st < states; st++) {
            renumbered[st] = outputNumber[st] >= 0 ? outputNumber[st] + 1 : other++;
        }
        table = new int[next.length];
        for (int st = 0; st < states; st++) {
            for (int c = 0; c < stride; c++) {
                int target = next[st * stride + c];
                table[renumbered[st] * stride + c] = renumbered[target] * stride | (anyContains[target] ? FLAG : 0);
            }
        }
    }

    @Override
    public String strategyName() {
        return NAME;
    }

    @Override
    public LiteralSet literals() {
        return folded.set;
    }

    @Override
    public Searcher newSearcher() {
        return new Scan();
    }

    /** One thread's buffers: the chains' event lists and the output records with their per-value stamps. */
    private final class Scan implements Searcher {
        /**
         * Per chain, in walk order: the recorded transitions (sign bit set) of a value, then its final state's row
         * (sign bit clear), which ends the value and answers its ENDS_WITH and EQUALS literals.
         */
        private final int[][] events = new int[CHAINS][1024];
        private final int[] bounds = new int[CHAINS + 1];
        /** The round's units. */
        private char[] chars = new char[1024];
        private final int[] stamped = records == null ? null : records.clone();
        /** The value tag the stamps compare with: new for every value scanned, never 0. */
        private int tag;
        private HitSink target;
        private final HitSink anchoredSink = (value, id) -> target.hit(value, anchoredIds[id]);

        @Override
        public void scan(Utf16Column column, int fromValue, int toValue, HitSink sink) {
            MemorySegment units = column.units();
            target = sink;
            for (int v = fromValue; v < toValue; ) {
                int roundEnd = column.pieceEnd(v, toValue, ROUND_UNITS);
                round(column, units, v, roundEnd, sink);
                v = roundEnd;
            }
            target = null;
        }

        private void round(Utf16Column column, MemorySegment units, int from, int to, HitSink sink) {
            checkOffsets(column, units, from, to);
            int[] b = bounds;
            long piece = Math.max(1, (column.offset(to) - column.offset(from)) / CHAINS);
            b[0] = from;
            for (int c = 1; c < CHAINS; c++) {
                b[c] = column.pieceEnd(b[c - 1], to, piece);
            }
            b[CHAINS] = to;
            if (table != null) {
                for (int c = 0; c < CHAINS; c++) {
                    // every unit may record an event and every value a mark; the walk stores one past the last
                    int need = column.offset(b[c + 1]) - column.offset(b[c]) + (b[c + 1] - b[c]) + 4;
                    if (events[c].length < need) {
                        events[c] = new int[Integer.highestOneBit(need) << 1]; // grows to the largest round, then stays
                    }
                }
                walk(column, units);
            }
            for (int c = 0; c < CHAINS; c++) {
                report(column, units, b[c], b[c + 1], events[c], sink);
            }
        }

        /**
         * Offsets of a column not yet CRC-checked may be corrupt (the scan sums each piece right after matching
         * it): before buffers are sized by them, the round's values must lie in the segment, in order. Else an
         * IndexOutOfBoundsException, as a segment read would raise, which the scan reports as the CRC error.
         */
        private static void checkOffsets(Utf16Column column, MemorySegment units, int from, int to) {
            long limit = units.byteSize() >>> 1;
            int previous = column.offset(from);
            if (previous < 0) {
                throw new IndexOutOfBoundsException("value " + from + " starts at unit " + previous);
            }
            for (int v = from; v < to; v++) {
                int end = column.offset(v + 1);
                if (end < previous || end > limit) {
                    throw new IndexOutOfBoundsException("value " + v + " spans units [" + previous + ", " + end + ") of a "
                            + limit + "-unit column");
                }
                previous = end;
            }
        }

        /**
         * The chains in one loop while both have units left in their current values, then each alone, over the
         * round's units copied to a char array: as fast as the segment once compiled, and far faster before
         * (a short CLI scan runs its first rounds interpreted, where each segment access is a VarHandle call).
         */
        private void walk(Utf16Column column, MemorySegment units) {
            byte[] cls = classOf;
            int[] t = table;
            int[] b = bounds;
            int base = column.offset(b[0]);
            int count = column.offset(b[CHAINS]) - base;
            if (chars.length < count) {
                chars = new char[Math.max(count, 2 * chars.length)]; // grows to the largest round, then stays
            }
            char[] u = chars;
            MemorySegment.copy(units, Utf16Column.UNIT, 2L * base, u, 0, count);
            int[] eA = events[0];
            int[] eB = events[1];
            int mA = eA.length - 1;
            int mB = eB.length - 1;
            int nA = 0;
            int nB = 0;
            int vA = b[0];
            int vB = b[1];
            int iA = 0;
            int iB = column.offset(vB) - base;
            int endA = vA < b[1] ? column.offset(vA + 1) - base : iA;
            int endB = vB < b[2] ? column.offset(vB + 1) - base : iB;
            int sA = 0;
            int sB = 0;
            outer:
            for (;;) {
                while (iA >= endA) {
                    eA[nA++ & mA] = sA;
                    if (++vA >= b[1]) {
                        break outer;
                    }
                    endA = column.offset(vA + 1) - base;
                    sA = 0;
                }
                while (iB >= endB) {
                    eB[nB++ & mB] = sB;
                    if (++vB >= b[2]) {
                        break outer;
                    }
                    endB = column.offset(vB + 1) - base;
                    sB = 0;
                }
                for (int stop = iA + Math.min(endA - iA, endB - iB); iA < stop; iA++, iB++) {
                    int tA = t[sA + (cls[u[iA]] & 0xFF)];
                    int tB = t[sB + (cls[u[iB]] & 0xFF)];
                    eA[nA & mA] = tA;
                    eB[nB & mB] = tB;
                    nA += tA >>> 31;
                    nB += tB >>> 31;
                    sA = tA & ROW;
                    sB = tB & ROW;
                }
            }
            walkAlone(column, u, base, vA, b[1], iA, endA, sA, eA, nA);
            walkAlone(column, u, base, vB, b[2], iB, endB, sB, eB, nB);
        }

        /**
         * The rest of one chain: value {@code v} (ending at {@code end}) from unit {@code i} in state {@code s},
         * then up to value {@code last}; units are {@code u[i]} for column unit {@code base + i}.
         */
        private void walkAlone(Utf16Column column, char[] u, int base, int v, int last, int i, int end, int s,
                               int[] e, int n) {
            byte[] cls = classOf;
            int[] t = table;
            int mask = e.length - 1;
            for (;;) {
                while (i >= end) {
                    e[n++ & mask] = s;
                    if (++v >= last) {
                        return;
                    }
                    end = column.offset(v + 1) - base;
                    s = 0;
                }
                for (; i < end; i++) {
                    int x = t[s + (cls[u[i]] & 0xFF)];
                    e[n & mask] = x;
                    n += x >>> 31;
                    s = x & ROW;
                }
            }
        }

        /** Every hit of values [from, to), in value order: the chain's recorded outputs, then the anchored literals. */
        private void report(Utf16Column column, MemorySegment units, int from, int to, int[] e, HitSink sink) {
            int k = 0;
            int start = column.offset(from);
            boolean automaton = table != null;
            for (int v = from; v < to; v++) {
                int end = column.offset(v + 1);
                if (++tag == Integer.MAX_VALUE) {
                    for (int o = 2; o < stamped.length; o += 4) {
                        stamped[o] = 0;
                    }
                    tag = 1;
                }
                boolean exact = false;
                int last = 0;
                if (automaton) {
                    while ((last = e[k++]) < 0) {
                        exact |= !reportOnce(last & ROW, v, sink);
                    }
                }
                if (start == end) {
                    continue;
                }
                if (exact) {
                    walkExact(units, start, end, v, sink);
                }
                if (last != 0) {
                    reportEnds(units, last, start, end, v, sink);
                }
                if (anchored != null) {
                    anchored.scanValue(column, units, v, anchoredSink);
                }
                start = end;
            }
        }

        /** Reports the literals of the output state at {@code row} unless done for this value; false (nothing done) when one needs a confirm. */
        private boolean reportOnce(int row, int v, HitSink sink) {
            int at = (int) ((row * strideReciprocal) >>> 32) - 1 << 2;
            int[] r = stamped;
            int from = r[at];
            if (from < 0) {
                return false;
            }
            if (r[at + 2] != tag) {
                r[at + 2] = tag;
                for (int k = from, to = r[at + 1]; k < to; k++) {
                    sink.hit(v, outIds[k]);
                }
            }
            return true;
        }

        /** The ENDS_WITH and EQUALS literals of the value's final state (row {@code last}), placed and confirmed. */
        private void reportEnds(MemorySegment units, int last, int start, int end, int v, HitSink sink) {
            int o = (int) ((last * strideReciprocal) >>> 32) - 1;
            if (o >= outputs) {
                return;
            }
            for (int k = endStart[o], to = endStart[o + 1]; k < to; k++) {
                int id = endIds[k];
                int len = length[id];
                if ((folded.kinds[id] != LiteralKind.EQUALS || len == end - start)
                        && (!confirm[id] || folded.equalsAt(id, units, end - len))) {
                    sink.hit(v, id);
                }
            }
        }

        /**
         * The value walked again, knowing positions, for the output states with a literal that needs a confirm
         * (cased, or with a non-ASCII unit): rare, since such states are reached through such units.
         */
        private void walkExact(MemorySegment units, int start, int end, int v, HitSink sink) {
            int s = 0;
            for (int i = start; i < end; i++) {
                int x = table[s + (classOf[units.get(Utf16Column.UNIT, 2L * i)] & 0xFF)];
                s = x & ROW;
                if (x < 0) {
                    int at = (int) ((s * strideReciprocal) >>> 32) - 1 << 2;
                    int from = records[at];
                    if (from < 0) {
                        for (int k = ~from, to = records[at + 1]; k < to; k++) {
                            int id = outIds[k];
                            if (!confirm[id] || folded.equalsAt(id, units, i + 1 - length[id])) {
                                sink.hit(v, id);
                            }
                        }
                    }
                }
            }
        }
    }
}
