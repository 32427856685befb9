package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A dense Aho-Corasick DFA over folded code units: one table load per input unit, whatever the number of
 * literals. It is the strategy for big literal sets (the catalog has ~10,000 CommandLine literals), where
 * prefilters drown in candidates.
 *
 * <p>Why these choices:
 * <ul>
 *   <li><b>Folded input, one automaton.</b> The automaton's alphabet is folded units, and the input unit is
 *       mapped through a 64 Ki-entry class table that already includes the fold, so case-insensitivity
 *       costs nothing at scan time. Case-sensitive literals go into the same automaton by their folded
 *       form (an exact match is always a folded match) and are confirmed exactly when reported.</li>
 *   <li><b>Alphabet compression.</b> Every folded ASCII unit used by a literal gets its own class; all
 *       other ASCII units share class 0 ("other"). Non-ASCII literal units (3,711 catalog literals have
 *       some) would each need a class and a table column in every state, so they are hashed into at most
 *       {@link FoldedAlphabet#NON_ASCII_CLASSES} shared classes instead. That makes the automaton match a superset (units
 *       sharing a class are confused), so literals with a non-ASCII unit are verified exactly when
 *       reported, as are case-sensitive ones. Rows stay {@code classes x 4} bytes: the shallow states,
 *       which almost every step visits, stay in L1/L2.</li>
 *   <li><b>Premultiplied, flagged transitions.</b> A transition holds the target's row offset, bit-negated
 *       when the target has any output (its own literals or, through dictionary-suffix links, a suffix's),
 *       so the hot loop is {@code s = table[s + class]; if (s < 0) report}.</li>
 *   <li><b>Values never share a run.</b> The state resets to the root at each value start, so no hit spans
 *       two values, and kinds (STARTS_WITH, ENDS_WITH, EQUALS) are checked at the match end against the
 *       value's bounds.</li>
 * </ul>
 */
public final class AhoCorasickMatcher implements Matcher {
    public static final String NAME = "aho-corasick";
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final FoldedLiterals folded;
    /** Input unit to alphabet class, folding included. */
    private final byte[] classOf;
    private final int stride;
    /** Row-major transitions, premultiplied by stride, bit-negated when the target has output. */
    private final int[] table;
    /** Per state index: literal ids ending there (own outputs only). */
    private final int[][] ownOutputs;
    /** Per state index: the nearest proper suffix state with own outputs, or -1. */
    private final int[] dictionaryLink;
    /** Per literal: must be compared exactly at report time (case-sensitive or non-ASCII). */
    private final boolean[] confirm;

    public AhoCorasickMatcher(LiteralSet literals) {
        folded = new FoldedLiterals(literals);
        int n = folded.size();
        char[][] keys = new char[n][];
        confirm = new boolean[n];
        for (int id = 0; id < n; id++) {
            keys[id] = FoldedAlphabet.key(folded, id);
            confirm[id] = FoldedAlphabet.needsConfirm(folded, id, keys[id]);
        }
        FoldedAlphabet alphabet = new FoldedAlphabet(keys);
        byte[] foldedClass = alphabet.foldedClass;
        stride = alphabet.stride;
        classOf = alphabet.classOf;
        TrieBuilder trie = new TrieBuilder(stride, TrieBuilder.capacityFor(keys));
        for (int id = 0; id < n; id++) {
            trie.add(keys[id], id, foldedClass);
        }
        int[][] outputs = trie.outputs();
        int[] link = trie.buildLinks();
        ownOutputs = outputs;
        dictionaryLink = link;
        table = trie.transitions();
        for (int i = 0; i < table.length; i++) {
            int target = table[i];
            if (outputs[target] != null || link[target] >= 0) {
                table[i] = ~(target * stride);
            } else {
                table[i] = target * stride;
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

    /** Hits of the second half of an interleaved scan, held back until the first half is reported. */
    static final class DeferredHits implements HitSink {
        private int[] pairs = new int[64];
        private int size;

        @Override
        public void hit(int valueIndex, int literalId) {
            if (size + 2 > pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2); // amortized: grows to the busiest scan, then stays
            }
            pairs[size++] = valueIndex;
            pairs[size++] = literalId;
        }

        void flushTo(HitSink sink) {
            for (int i = 0; i < size; i += 2) {
                sink.hit(pairs[i], pairs[i + 1]);
            }
            size = 0;
        }
    }

    @Override
    public Searcher newSearcher() {
        DeferredHits deferred = new DeferredHits();
        return (column, fromValue, toValue, sink) -> scan(column, fromValue, toValue, deferred, sink);
    }

    /**
     * A DFA step depends on the previous one (load, add, load), so one walk is bound by L1 latency, not
     * throughput. The range is therefore cut in two halves of about equal units that are walked in the same
     * loop, two independent dependency chains per iteration; the second half's hits wait in the scratch so
     * that values are still reported in order.
     */
    private void scan(Utf16Column column, int fromValue, int toValue, DeferredHits deferred, HitSink sink) {
        if (toValue - fromValue < 2) {
            scanAlone(column, fromValue, toValue, 0, sink);
            return;
        }
        MemorySegment units = column.units();
        byte[] classes = classOf;
        int[] transitions = table;
        int mid = middleValue(column, fromValue, toValue);
        int limitA = column.offset(mid);
        int limitB = column.offset(toValue);
        int vA = fromValue;
        int startA = column.offset(vA);
        int endA = column.offset(vA + 1);
        int iA = startA;
        int sA = 0;
        int vB = mid;
        int startB = limitA;
        int endB = column.offset(vB + 1);
        int iB = startB;
        int sB = 0;
        while (iA < limitA && iB < limitB) {
            while (iA == endA) {
                vA++;
                startA = endA;
                endA = column.offset(vA + 1);
                sA = 0;
            }
            while (iB == endB) {
                vB++;
                startB = endB;
                endB = column.offset(vB + 1);
                sB = 0;
            }
            if (iA + 4 <= endA && iB + 4 <= endB) {
                // Four units per cursor from one 64-bit load each: a quarter of the segment accesses.
                long wordA = units.get(WORD, 2L * iA);
                long wordB = units.get(WORD, 2L * iB);
                for (int k = 0; k < 64; k += 16) {
                    sA = transitions[sA + classes[(char) (wordA >>> k)]];
                    sB = transitions[sB + classes[(char) (wordB >>> k)]];
                    if ((sA | sB) < 0) {
                        int step = (k >>> 4) + 1;
                        if (sA < 0) {
                            sA = ~sA;
                            report(units, sA / stride, iA + step, startA, endA, vA, sink);
                        }
                        if (sB < 0) {
                            sB = ~sB;
                            report(units, sB / stride, iB + step, startB, endB, vB, deferred);
                        }
                    }
                }
                iA += 4;
                iB += 4;
                continue;
            }
            sA = transitions[sA + classes[units.get(Utf16Column.UNIT, 2L * iA)]];
            sB = transitions[sB + classes[units.get(Utf16Column.UNIT, 2L * iB)]];
            iA++;
            iB++;
            if ((sA | sB) < 0) {
                if (sA < 0) {
                    sA = ~sA;
                    report(units, sA / stride, iA, startA, endA, vA, sink);
                }
                if (sB < 0) {
                    sB = ~sB;
                    report(units, sB / stride, iB, startB, endB, vB, deferred);
                }
            }
        }
        finish(column, units, vA, startA, endA, iA, sA, mid, sink);
        deferred.flushTo(sink);
        finish(column, units, vB, startB, endB, iB, sB, toValue, sink);
    }

    /** The value whose start is nearest the middle unit of the range (fromValue < result < toValue). */
    private static int middleValue(Utf16Column column, int fromValue, int toValue) {
        int target = (column.offset(fromValue) + column.offset(toValue)) >>> 1;
        int lo = fromValue + 1;
        int hi = toValue - 1;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (column.offset(m) < target) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    /** Continues one walk alone: the rest of value {@code v} from unit {@code i} in state {@code s}, then values up to {@code toValue}. */
    private void finish(Utf16Column column, MemorySegment units, int v, int valueStart, int valueEnd, int i, int s,
                        int toValue, HitSink sink) {
        if (v >= toValue) {
            return;
        }
        s = walk(units, v, valueStart, valueEnd, i, s, sink);
        scanAlone(column, v + 1, toValue, 0, sink);
    }

    private void scanAlone(Utf16Column column, int fromValue, int toValue, int state, HitSink sink) {
        if (fromValue >= toValue) {
            return;
        }
        MemorySegment units = column.units();
        int valueStart = column.offset(fromValue);
        for (int v = fromValue; v < toValue; v++) {
            int valueEnd = column.offset(v + 1);
            walk(units, v, valueStart, valueEnd, valueStart, 0, sink);
            valueStart = valueEnd;
        }
    }

    private int walk(MemorySegment units, int v, int valueStart, int valueEnd, int from, int s, HitSink sink) {
        byte[] classes = classOf;
        int[] transitions = table;
        for (int i = from; i < valueEnd; i++) {
            s = transitions[s + classes[units.get(Utf16Column.UNIT, 2L * i)]];
            if (s < 0) {
                s = ~s;
                report(units, s / stride, i + 1, valueStart, valueEnd, v, sink);
            }
        }
        return s;
    }

    private void report(MemorySegment units, int state, int end, int valueStart, int valueEnd, int v,
                        HitSink sink) {
        for (int st = ownOutputs[state] != null ? state : dictionaryLink[state]; st >= 0; st = dictionaryLink[st]) {
            for (int id : ownOutputs[st]) {
                int start = end - folded.units[id].length;
                boolean placed = switch (folded.kinds[id]) {
                    case CONTAINS -> true;
                    case STARTS_WITH -> start == valueStart;
                    case ENDS_WITH -> end == valueEnd;
                    case EQUALS -> start == valueStart && end == valueEnd;
                };
                if (placed && (!confirm[id] || folded.equalsAt(id, units, start))) {
                    sink.hit(v, id);
                }
            }
        }
    }

    /** Builds the trie, then the failure function folded into full DFA rows (breadth-first). */
    static final class TrieBuilder {
        private final int stride;
        private int[] next;
        private int[][] outputs;
        private int states = 1;

        TrieBuilder(int stride) {
            this(stride, 16);
        }

        /**
         * Room for {@code capacity} states from the start: a builder for ~11,000 literals that doubled from 16
         * states wrote its growing table ~2.5 times over (trie 46 ms of a cold catalog start's 120).
         */
        TrieBuilder(int stride, int capacity) {
            this.stride = stride;
            next = new int[Math.max(16, capacity) * stride];
            Arrays.fill(next, -1);
            outputs = new int[Math.max(16, capacity)][];
        }

        /** An upper bound on the states of a trie of {@code keys}: one per unit, and the root. */
        static int capacityFor(char[][] keys) {
            long units = 1;
            for (char[] k : keys) {
                units += k.length;
            }
            return (int) Math.min(units, Integer.MAX_VALUE / 256);
        }

        void add(char[] key, int id, byte[] foldedClass) {
            int s = 0;
            for (char c : key) {
                int slot = s * stride + foldedClass[c];
                if (next[slot] < 0) {
                    if ((states + 1) * stride > next.length) {
                        int old = next.length;
                        next = Arrays.copyOf(next, old * 2);
                        Arrays.fill(next, old, next.length, -1);
                        outputs = Arrays.copyOf(outputs, outputs.length * 2);
                    }
                    next[slot] = states++;
                }
                s = next[slot];
            }
            int[] own = outputs[s];
            outputs[s] = own == null ? new int[] {id} : appended(own, id);
        }

        private static int[] appended(int[] a, int id) {
            int[] b = Arrays.copyOf(a, a.length + 1);
            b[a.length] = id;
            return b;
        }

        int[][] outputs() {
            outputs = Arrays.copyOf(outputs, states);
            return outputs;
        }

        /** Fills missing transitions through failure links; returns dictionary-suffix links. */
        int[] buildLinks() {
            int[] fail = new int[states];
            int[] dict = new int[states];
            Arrays.fill(dict, -1);
            int[] queue = new int[states];
            int head = 0;
            int tail = 0;
            for (int c = 0; c < stride; c++) {
                int child = next[c];
                if (child < 0) {
                    next[c] = 0;
                } else {
                    fail[child] = 0;
                    queue[tail++] = child;
                }
            }
            while (head < tail) {
                int s = queue[head++];
                int f = fail[s];
                dict[s] = outputs[f] != null ? f : dict[f];
                for (int c = 0; c < stride; c++) {
                    int slot = s * stride + c;
                    int child = next[slot];
                    if (child < 0) {
                        next[slot] = next[f * stride + c];
                    } else {
                        fail[child] = next[f * stride + c];
                        queue[tail++] = child;
                    }
                }
            }
            return dict;
        }

        int[] transitions() {
            return Arrays.copyOf(next, states * stride);
        }

        /** The transitions without a copy: rows of states {@code 0 .. states-1}, followed by unused rows. */
        int[] transitionsInPlace() {
            return next;
        }
    }
}
