package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import dev.widescan.text.CaseFolding;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategy for big literal sets whose hits are dense (the SigmaHQ catalog's ~11,400 CommandLine
 * literals hit about once per three units of real command lines): the set is split by shape, and the
 * automaton's walk is decoupled from its reports.
 *
 * <p>Why, measured on the catalog set (bench/RESULTS.md, "Large-set matcher"): {@link AhoCorasickMatcher}'s
 * DFA walk alone runs at ~1.1 GB/s, but with its reports at 0.19 GB/s: a report costs ~28 ns (a mispredicted
 * branch, a division to find the state, a walk of output and dictionary links, a switch on the kind) and
 * happens 0.3 times a unit. Most reports are redundant for every consumer (hits are a set per value, see
 * {@link HitSink}): the one-unit literal {@code i} alone is reported 160,000 times in 4 Mi units, on 29,000
 * values. So:
 * <ul>
 *   <li><b>Anchored literals</b> (startswith, endswith, equals, any length) never enter the automaton:
 *       {@link AnchoredMatcher} checks them once per value at its two ends.</li>
 *   <li><b>Short CONTAINS literals</b> (up to {@link #SHORT_MAX} units) never enter it either: one pass over
 *       the value maps each unit to a small class (the folded units short literals use; exact, case folding
 *       included), each pair of adjacent classes to a slot (the short literals ending there), and appends a
 *       slot to the value's list the first time it is seen in the value (a per-slot stamp, branch-free). Each
 *       short literal is so reported at most once per value. Cased short literals are confirmed by an exact
 *       search of the value.</li>
 *   <li><b>The automaton</b> (the other CONTAINS literals) is {@link AhoCorasickMatcher}'s dense DFA (folded
 *       class table, premultiplied transitions, negated when the target has outputs), walked by <b>four
 *       independent chains</b> over four quarters of a round of values (a DFA step is a dependent load, so
 *       one chain is bound by load latency), and the walk <b>records</b> output states instead of reporting
 *       them: every step stores {@code (position, transition)} at the chain's event cursor and advances the
 *       cursor by the transition's sign bit, so the walk has no data-dependent branch.</li>
 *   <li><b>Reports</b> then run per value, in value order (chain after chain, round after round): each
 *       output state's literals (flattened along its dictionary-suffix links at build time) are reported
 *       once per value (a per-state stamp); states with a literal that must be confirmed (cased, or with a
 *       non-ASCII unit, whose class is shared) are confirmed at each occurrence instead.</li>
 * </ul>
 */
public final class LargeSetMatcher implements Matcher {
    public static final String NAME = "large-set";
    static final boolean PROBE_SKIP_REPORT = Boolean.getBoolean("probe.skipReport");
    static final boolean PROBE_SKIP_PRESENCE = Boolean.getBoolean("probe.skipPresence");
    static final boolean PROBE_SKIP_ANCHORED = Boolean.getBoolean("probe.skipAnchored");
    /** CONTAINS literals up to this many units are answered by the per-value presence pass. */
    static final int SHORT_MAX = 2;
    /** Classes of the presence pass (0 = a unit no short literal uses). */
    private static final int SHORT_CLASSES = 128;
    private static final int NON_ASCII_CLASSES = AhoCorasickMatcher.NON_ASCII_CLASSES;
    /** Units per round of four chains: the event buffers hold one round. */
    private static final int ROUND_UNITS = 1 << 16;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** In a chain's event list: the end of a value (output transitions are negative). */
    private static final int MARK = 0;
    /** A transition's flag: its target has outputs. */
    private static final int FLAG = 0x8000_0000;
    /** A transition's target row (premultiplied by the stride). */
    private static final int ROW = 0x7FFF_FFFF;

    private final FoldedLiterals folded;
    private final int[] length;

    /** The automaton over the long CONTAINS literals; null when there are none. */
    private final int[] table;
    private final byte[] classOf;
    private final int stride;
    /** ceil(2^32 / stride): a row offset times this, shifted right by 32, is the state (no division). */
    private final long strideReciprocal;
    /** Per output state: its literals (global ids) are outIds[outStart[o] .. outStart[o + 1]). */
    private final int[] outStart;
    private final int[] outIds;
    /** Per output state: no literal of it needs an exact confirm, so it is reported once per value. */
    private final boolean[] outOncePerValue;
    /** Per literal: compared exactly at report time (cased, or a non-ASCII unit in a shared class). */
    private final boolean[] confirm;

    /** The presence pass over short CONTAINS literals; shortClassOf null when there are none. */
    private final byte[] shortClassOf;
    private final int shortClasses;
    /** (previous class * shortClasses + class) to slot; slot 0 = no short literal ends there. */
    private final char[] pairSlot;
    private final int slots;
    private final int[] slotStart;
    private final int[] slotIds;

    /** The anchored literals; null when there are none. */
    private final AnchoredMatcher anchored;
    private final int[] anchoredIds;

    public LargeSetMatcher(LiteralSet literals) {
        this(literals, SHORT_MAX);
    }

    /** With short CONTAINS literals up to {@code shortMax} units in the presence pass (0: all in the automaton). */
    LargeSetMatcher(LiteralSet literals, int shortMax) {
        if (shortMax < 0 || shortMax > 2) {
            throw new IllegalArgumentException("the presence pass knows literals of 1 or 2 units, not " + shortMax);
        }
        folded = new FoldedLiterals(literals);
        int n = folded.size();
        length = new int[n];
        List<Integer> anchoredList = new ArrayList<>();
        List<Integer> shortList = new ArrayList<>();
        List<Integer> longList = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            length[id] = folded.units[id].length;
            if (folded.kinds[id] != LiteralKind.CONTAINS) {
                anchoredList.add(id);
            } else if (length[id] <= shortMax) {
                shortList.add(id);
            } else {
                longList.add(id);
            }
        }
        // Presence pass: classes for the folded units of short literals, while they fit; the rest go long.
        byte[] shortFolded = new byte[65536];
        int classes = 1;
        List<Integer> shortKept = new ArrayList<>();
        for (int id : shortList) {
            char[] u = folded.units[id];
            char first = CaseFolding.fold(u[0]);
            char last = CaseFolding.fold(u[u.length - 1]);
            int added = (shortFolded[first] == 0 ? 1 : 0) + (last != first && shortFolded[last] == 0 ? 1 : 0);
            if (classes + added > SHORT_CLASSES) {
                longList.add(id);
                continue;
            }
            for (char f : new char[] {first, last}) {
                if (shortFolded[f] == 0) {
                    shortFolded[f] = (byte) classes++;
                }
            }
            shortKept.add(id);
        }
        if (shortKept.isEmpty()) {
            shortClassOf = null;
            shortClasses = 0;
            pairSlot = null;
            slots = 0;
            slotStart = null;
            slotIds = null;
        } else {
            shortClasses = classes;
            shortClassOf = new byte[65536];
            for (int u = 0; u < 65536; u++) {
                shortClassOf[u] = shortFolded[CaseFolding.fold((char) u)];
            }
            pairSlot = new char[classes * classes];
            Map<List<Integer>, Integer> slotOfSet = new HashMap<>();
            List<List<Integer>> slotSets = new ArrayList<>();
            slotSets.add(List.of());
            slotOfSet.put(List.of(), 0);
            for (int p = 0; p < classes; p++) {
                for (int c = 1; c < classes; c++) {
                    List<Integer> set = new ArrayList<>();
                    for (int id : shortKept) {
                        char[] u = folded.units[id];
                        int last = shortFolded[CaseFolding.fold(u[u.length - 1])];
                        if (last == c && (u.length == 1 || shortFolded[CaseFolding.fold(u[0])] == p)) {
                            set.add(id);
                        }
                    }
                    Integer slot = slotOfSet.get(set);
                    if (slot == null) {
                        slot = slotSets.size();
                        slotOfSet.put(set, slot);
                        slotSets.add(set);
                    }
                    pairSlot[p * classes + c] = (char) (int) slot;
                }
            }
            slots = slotSets.size();
            slotStart = new int[slots + 1];
            for (int s = 0; s < slots; s++) {
                slotStart[s + 1] = slotStart[s] + slotSets.get(s).size();
            }
            slotIds = new int[slotStart[slots]];
            for (int s = 0, k = 0; s < slots; s++) {
                for (int id : slotSets.get(s)) {
                    slotIds[k++] = id;
                }
            }
        }
        // Anchored literals: per value, at its ends.
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
        // The automaton over the rest.
        confirm = new boolean[n];
        if (longList.isEmpty()) {
            table = null;
            classOf = null;
            stride = 1;
            strideReciprocal = 0;
            outStart = null;
            outIds = null;
            outOncePerValue = null;
            return;
        }
        int m = longList.size();
        char[][] keys = new char[m][];
        for (int j = 0; j < m; j++) {
            int id = longList.get(j);
            keys[j] = CaseFolding.fold(new String(folded.units[id])).toCharArray();
            confirm[id] = !folded.caseless[id];
            for (char c : keys[j]) {
                confirm[id] |= c >= 128;
            }
        }
        byte[] foldedClass = new byte[65536];
        int acClasses = 1;
        boolean anyNonAscii = false;
        for (char[] key : keys) {
            for (char c : key) {
                if (c < 128 && foldedClass[c] == 0) {
                    foldedClass[c] = (byte) acClasses++;
                }
            }
        }
        for (char[] key : keys) {
            for (char c : key) {
                if (c >= 128) {
                    foldedClass[c] = (byte) (acClasses + ((c * 0x9E37) >>> 11) % NON_ASCII_CLASSES);
                    anyNonAscii = true;
                }
            }
        }
        stride = anyNonAscii ? acClasses + NON_ASCII_CLASSES : acClasses;
        strideReciprocal = ((1L << 32) + stride - 1) / stride;
        classOf = new byte[65536];
        for (int u = 0; u < 65536; u++) {
            classOf[u] = foldedClass[CaseFolding.fold((char) u)];
        }
        AhoCorasickMatcher.TrieBuilder trie = new AhoCorasickMatcher.TrieBuilder(stride);
        for (int j = 0; j < m; j++) {
            trie.add(keys[j], longList.get(j), foldedClass);
        }
        int[][] own = trie.outputs();
        int[] link = trie.buildLinks();
        int[] next = trie.transitions();
        int states = own.length;
        int[] outputNumber = new int[states];
        Arrays.fill(outputNumber, -1);
        List<int[]> lists = new ArrayList<>();
        int total = 0;
        for (int st = 0; st < states; st++) {
            List<Integer> ids = new ArrayList<>();
            for (int s = own[st] != null ? st : link[st]; s >= 0; s = link[s]) {
                for (int id : own[s]) {
                    ids.add(id);
                }
            }
            if (!ids.isEmpty()) {
                outputNumber[st] = lists.size();
                lists.add(ids.stream().mapToInt(Integer::intValue).toArray());
                total += ids.size();
            }
        }
        outStart = new int[lists.size() + 1];
        outIds = new int[total];
        outOncePerValue = new boolean[lists.size()];
        for (int o = 0, k = 0; o < lists.size(); o++) {
            boolean once = true;
            for (int id : lists.get(o)) {
                outIds[k++] = id;
                once &= !confirm[id];
            }
            outStart[o + 1] = k;
            outOncePerValue[o] = once;
        }
        // Renumbered: the root stays 0, output state o becomes state o + 1, the others follow; so a report
        // finds its output lists from the state alone. (Row order costs no locality: a step reads one line of a row.)
        int[] renumbered = new int[states];
        for (int st = 1, other = lists.size() + 1; st < states; st++) {
            renumbered[st] = outputNumber[st] >= 0 ? outputNumber[st] + 1 : other++;
        }
        table = new int[next.length];
        for (int st = 0; st < states; st++) {
            for (int c = 0; c < stride; c++) {
                int target = next[st * stride + c];
                table[renumbered[st] * stride + c] = renumbered[target] * stride | (outputNumber[target] >= 0 ? FLAG : 0);
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

    /** One thread's buffers: the chains' event lists, the per-value stamps, the short pass's list. */
    private final class Scan implements Searcher {
        /** Per chain: output transitions (negative) in walk order, a {@link #MARK} after each value. */
        private final int[][] events = {new int[1024], new int[1024], new int[1024], new int[1024]};
        private final int[] bounds = new int[5];
        private final int[] stamp = new int[outStart == null ? 0 : outStart.length];
        private final int[] seen = new int[slots];
        private final int[] fresh = new int[slots + 1];
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
            int[] b = bounds;
            long quarter = Math.max(1, (column.offset(to) - column.offset(from)) / 4);
            b[0] = from;
            b[1] = column.pieceEnd(from, to, quarter);
            b[2] = column.pieceEnd(b[1], to, quarter);
            b[3] = column.pieceEnd(b[2], to, quarter);
            b[4] = to;
            if (table != null) {
                for (int c = 0; c < 4; c++) {
                    // every unit may record an event, every value a mark, and the walk stores one past the last
                    int need = column.offset(b[c + 1]) - column.offset(b[c]) + (b[c + 1] - b[c]) + 4;
                    if (events[c].length < need) {
                        events[c] = new int[Integer.highestOneBit(need) << 1]; // grows to the largest round, then stays
                    }
                }
                walk(column, units);
            }
            if (PROBE_SKIP_REPORT) return;
            for (int c = 0; c < 4; c++) {
                report(column, units, b[c], b[c + 1], events[c], sink);
            }
        }

        /** The four chains in one loop while all have units left in their current values, then each alone. */
        private void walk(Utf16Column column, MemorySegment units) {
            byte[] cls = classOf;
            int[] t = table;
            int[] b = bounds;
            int[] eA = events[0];
            int[] eB = events[1];
            int[] eC = events[2];
            int[] eD = events[3];
            int mA = eA.length - 1;
            int mB = eB.length - 1;
            int mC = eC.length - 1;
            int mD = eD.length - 1;
            int nA = 0;
            int nB = 0;
            int nC = 0;
            int nD = 0;
            int vA = b[0];
            int vB = b[1];
            int vC = b[2];
            int vD = b[3];
            int iA = column.offset(vA);
            int iB = column.offset(vB);
            int iC = column.offset(vC);
            int iD = column.offset(vD);
            int endA = vA < b[1] ? column.offset(vA + 1) : iA;
            int endB = vB < b[2] ? column.offset(vB + 1) : iB;
            int endC = vC < b[3] ? column.offset(vC + 1) : iC;
            int endD = vD < b[4] ? column.offset(vD + 1) : iD;
            int sA = 0;
            int sB = 0;
            int sC = 0;
            int sD = 0;
            outer:
            for (;;) {
                while (iA == endA) {
                    eA[nA++ & mA] = MARK;
                    if (++vA >= b[1]) {
                        break outer;
                    }
                    endA = column.offset(vA + 1);
                    sA = 0;
                }
                while (iB == endB) {
                    eB[nB++ & mB] = MARK;
                    if (++vB >= b[2]) {
                        break outer;
                    }
                    endB = column.offset(vB + 1);
                    sB = 0;
                }
                while (iC == endC) {
                    eC[nC++ & mC] = MARK;
                    if (++vC >= b[3]) {
                        break outer;
                    }
                    endC = column.offset(vC + 1);
                    sC = 0;
                }
                while (iD == endD) {
                    eD[nD++ & mD] = MARK;
                    if (++vD >= b[4]) {
                        break outer;
                    }
                    endD = column.offset(vD + 1);
                    sD = 0;
                }
                int k = Math.min(Math.min(endA - iA, endB - iB), Math.min(endC - iC, endD - iD));
                int stopA = iA + k;
                while (iA + 4 <= stopA) {
                    long wA = units.get(WORD, 2L * iA);
                    long wB = units.get(WORD, 2L * iB);
                    long wC = units.get(WORD, 2L * iC);
                    long wD = units.get(WORD, 2L * iD);
                    for (int j = 0; j < 4; j++) {
                        int tA = t[sA + (cls[(char) wA] & 0xFF)];
                        int tB = t[sB + (cls[(char) wB] & 0xFF)];
                        int tC = t[sC + (cls[(char) wC] & 0xFF)];
                        int tD = t[sD + (cls[(char) wD] & 0xFF)];
                        eA[nA & mA] = tA;
                        eB[nB & mB] = tB;
                        eC[nC & mC] = tC;
                        eD[nD & mD] = tD;
                        nA += tA >>> 31;
                        nB += tB >>> 31;
                        nC += tC >>> 31;
                        nD += tD >>> 31;
                        sA = tA & ROW;
                        sB = tB & ROW;
                        sC = tC & ROW;
                        sD = tD & ROW;
                        wA >>>= 16;
                        wB >>>= 16;
                        wC >>>= 16;
                        wD >>>= 16;
                    }
                    iA += 4;
                    iB += 4;
                    iC += 4;
                    iD += 4;
                }
                while (iA < stopA) {
                    int tA = t[sA + (cls[units.get(Utf16Column.UNIT, 2L * iA)] & 0xFF)];
                    int tB = t[sB + (cls[units.get(Utf16Column.UNIT, 2L * iB)] & 0xFF)];
                    int tC = t[sC + (cls[units.get(Utf16Column.UNIT, 2L * iC)] & 0xFF)];
                    int tD = t[sD + (cls[units.get(Utf16Column.UNIT, 2L * iD)] & 0xFF)];
                    eA[nA & mA] = tA;
                    eB[nB & mB] = tB;
                    eC[nC & mC] = tC;
                    eD[nD & mD] = tD;
                    nA += tA >>> 31;
                    nB += tB >>> 31;
                    nC += tC >>> 31;
                    nD += tD >>> 31;
                    sA = tA & ROW;
                    sB = tB & ROW;
                    sC = tC & ROW;
                    sD = tD & ROW;
                    iA++;
                    iB++;
                    iC++;
                    iD++;
                }
            }
            walkAlone(column, units, vA, b[1], iA, endA, sA, eA, nA);
            walkAlone(column, units, vB, b[2], iB, endB, sB, eB, nB);
            walkAlone(column, units, vC, b[3], iC, endC, sC, eC, nC);
            walkAlone(column, units, vD, b[4], iD, endD, sD, eD, nD);
        }

        /** The rest of one chain: value {@code v} (ending at {@code end}) from unit {@code i} in state {@code s}, then up to {@code last}. */
        private void walkAlone(Utf16Column column, MemorySegment units, int v, int last, int i, int end, int s,
                               int[] e, int n) {
            byte[] cls = classOf;
            int[] t = table;
            int mask = e.length - 1;
            for (;;) {
                while (i == end) {
                    e[n++ & mask] = MARK;
                    if (++v >= last) {
                        return;
                    }
                    end = column.offset(v + 1);
                    s = 0;
                }
                for (; i < end; i++) {
                    int x = t[s + (cls[units.get(Utf16Column.UNIT, 2L * i)] & 0xFF)];
                    e[n & mask] = x;
                    n += x >>> 31;
                    s = x & ROW;
                }
            }
        }

        /** Every hit of values [from, to), in value order: the chain's recorded events, then the short and anchored literals. */
        private void report(Utf16Column column, MemorySegment units, int from, int to, int[] e, HitSink sink) {
            int k = 0;
            int start = column.offset(from);
            boolean automaton = table != null;
            for (int v = from; v < to; v++) {
                int end = column.offset(v + 1);
                if (++tag == Integer.MAX_VALUE) {
                    Arrays.fill(stamp, 0);
                    Arrays.fill(seen, 0);
                    tag = 1;
                }
                boolean exact = false;
                if (automaton) {
                    for (int x; (x = e[k++]) != MARK; ) {
                        exact |= !event(x & ROW, v, sink);
                    }
                }
                if (start == end) {
                    continue;
                }
                if (exact) {
                    walkExact(units, start, end, v, sink);
                }
                if (shortClassOf != null && !PROBE_SKIP_PRESENCE) {
                    presence(units, start, end, v, sink);
                }
                if (anchored != null && !PROBE_SKIP_ANCHORED) {
                    anchored.scanValue(column, units, v, anchoredSink);
                }
                start = end;
            }
        }

        /** Reports the literals of output state at {@code row} once per value; false (nothing done) when one needs a confirm. */
        private boolean event(int row, int v, HitSink sink) {
            int o = (int) ((row * strideReciprocal) >>> 32) - 1;
            if (!outOncePerValue[o]) {
                return false;
            }
            if (stamp[o] != tag) {
                stamp[o] = tag;
                for (int k = outStart[o], to = outStart[o + 1]; k < to; k++) {
                    sink.hit(v, outIds[k]);
                }
            }
            return true;
        }

        /**
         * The value walked again, reporting where they stand the outputs that need a confirm (a cased literal,
         * or one with a non-ASCII unit): rare, since their states are only reached through such units.
         */
        private void walkExact(MemorySegment units, int start, int end, int v, HitSink sink) {
            int s = 0;
            for (int i = start; i < end; i++) {
                int x = table[s + (classOf[units.get(Utf16Column.UNIT, 2L * i)] & 0xFF)];
                s = x & ROW;
                if (x < 0) {
                    int o = (int) ((s * strideReciprocal) >>> 32) - 1;
                    if (!outOncePerValue[o]) {
                        for (int k = outStart[o], to = outStart[o + 1]; k < to; k++) {
                            int id = outIds[k];
                            if (!confirm[id] || folded.equalsAt(id, units, i + 1 - length[id])) {
                                sink.hit(v, id);
                            }
                        }
                    }
                }
            }
        }
        /** The short literals of value [start, end): each slot's literals once, when the slot first appears. */
        private void presence(MemorySegment units, int start, int end, int v, HitSink sink) {
            byte[] cls = shortClassOf;
            char[] pairs = pairSlot;
            int[] seenAt = seen;
            int[] list = fresh;
            int width = shortClasses;
            int now = tag;
            seenAt[0] = now;
            int count = 0;
            int previous = 0;
            for (int i = start; i < end; i++) {
                int c = cls[units.get(Utf16Column.UNIT, 2L * i)];
                int slot = pairs[previous + c];
                list[count] = slot;
                count += seenAt[slot] != now ? 1 : 0;
                seenAt[slot] = now;
                previous = c * width;
            }
            for (int j = 0; j < count; j++) {
                int slot = list[j];
                for (int k = slotStart[slot], last = slotStart[slot + 1]; k < last; k++) {
                    int id = slotIds[k];
                    if (folded.caseless[id] || occursExactly(units, id, start, end)) {
                        sink.hit(v, id);
                    }
                }
            }
        }

        /** A cased short literal's exact search in the value (its folded pair was seen there). */
        private boolean occursExactly(MemorySegment units, int id, int start, int end) {
            for (int at = start, last = end - length[id]; at <= last; at++) {
                if (folded.equalsAt(id, units, at)) {
                    return true;
                }
            }
            return false;
        }
    }
}
