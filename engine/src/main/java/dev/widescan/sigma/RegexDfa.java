package dev.widescan.sigma;

import dev.widescan.format.RecordColumn;
import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An unanchored "does the regex occur in this value" search by a lazily built DFA, the confirm stage of
 * {@code |re} checks. One instance per scan thread (its cache grows as values are read).
 *
 * <h2>Why</h2>
 * RE2/J confirms with a Pike VM: every input unit steps every live NFA thread, ~100 ns a unit on the
 * catalog's patterns ({@code \s[a-fA-F0-9]{64}\s[a-fA-F0-9]{16}}: ~30 us per command line). A DFA does
 * one table load per unit. It is built lazily, as RE2's own DFA is: a DFA state is the set of NFA states
 * live at a position (plus the start state, injected at every position for an unanchored search), and a
 * transition is computed the first time it is taken, then cached. Still linear time: each unit costs at
 * most one set computation bounded by the NFA's size, and the cache is dropped when it holds
 * {@link #MAX_DFA_STATES} states.
 *
 * <h2>Exactness</h2>
 * The NFA ({@link RegexNfa}) models only syntax whose meaning on UTF-16 units is RE2/J's on code points,
 * so the answer is RE2/J's whenever the value has no surrogate; on a surrogate (RE2/J would read a code
 * point) {@link #find} answers {@link #FALLBACK} and the caller asks RE2/J. The input unit is mapped to an
 * equivalence class of the pattern's character sets (a class boundary at every set edge), so the table
 * has one column per class, not per unit.
 *
 * <h2>Idle runs</h2>
 * An unanchored search spends most units with no partial match alive: in the idle state (the start state
 * alone, {@link #idleState}), to which most units lead straight back (for {@code cmd.{0,5}(?:/c|/r)...} every
 * unit but {@code c}). A DFA step is a load whose address depends on the step before; a unit that keeps the
 * search idle ({@link #keepsIdle}, an ASCII unit whose class the idle state loops on, decided once per
 * pattern) is only a table test, with no chain from one unit to the next. So from the idle state the search
 * skips such units in a loop of its own and resumes the DFA at the first unit that starts a partial match.
 *
 * <h2>Required runs</h2>
 * When every match holds a long run of one class ({@link RegexNfa#runSet}, e.g. the 64 hex digits of
 * {@code \s[a-fA-F0-9]{64}\s[a-fA-F0-9]{16}}, a rule the catalog evaluates on every record because its
 * only factors are whitespace), any such run of k units covers a position p + k - 1 + j*k, so only every
 * k-th unit is probed, and only a probe inside the class is extended to measure its run. A value with no
 * run of k answers NO after about length / k reads instead of a DFA step per unit; one with a run goes
 * through the DFA as before.
 */
final class RegexDfa {
    static final int NO = 0;
    static final int YES = 1;
    /** The value has a surrogate unit or the cache overflowed mid-value: ask RE2/J. */
    static final int FALLBACK = 2;
    static final int MAX_DFA_STATES = 4096;

    private final RegexNfa nfa;
    /** Values shorter than this many units cannot match ({@link RegexNfa#minimumLength()}). */
    private final int minimumLength;
    /** See {@link RegexNfa#runLength}: 0 when the pattern has no required run. */
    private final int runLength;
    private final int[] runSet;
    private final boolean[] runAscii = new boolean[128];
    /** Class boundaries: class k holds units cuts[k] .. cuts[k+1]-1. */
    private final int[] cuts;
    private final byte[] asciiClass = new byte[128];
    private final int classCount;
    /** Per NFA state of type SET: does class k belong to its set. */
    private final boolean[][] accepts;

    // lazily built DFA
    private final Map<IntKey, Integer> index = new HashMap<>();
    private int[][] stateSets = new int[64][];
    private boolean[] matching = new boolean[64];
    /** Per DFA state: 0 unknown, 1 no match at the end of the value, 2 match at the end. */
    private byte[] atEnd = new byte[64];
    /**
     * Per state row and class: the next state's row (state x classCount), {@link #UNKNOWN} not built yet,
     * or {@link #TO_MATCH} when the next state matches (the search ends there): one load and one sign test
     * a unit in the search loop, no multiply and no second table.
     */
    private int[] next = new int[64];
    private static final int UNKNOWN = -1;
    private static final int TO_MATCH = -2;
    /** This thread's copy of the value being searched (segment reads cost a bounds check a unit). */
    private char[] units = new char[256];
    private int dfaStates;
    private int beginState;
    /**
     * The state with no partial match alive: the start state's closure away from the value's first unit. It is
     * {@link #beginState} unless the pattern has a begin-of-text assertion.
     */
    private int idleState;
    /** Per ASCII unit: it takes the idle state back to itself (computed once per pattern, see "Idle runs"). */
    private final boolean[] keepsIdle = new boolean[128];

    // scratch for closures
    private int[] mark;
    private int markGeneration;
    private int[] stack;
    private int[] members;

    private record IntKey(int[] set) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IntKey k && Arrays.equals(set, k.set);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(set);
        }
    }

    private RegexDfa(RegexNfa nfa) {
        this.nfa = nfa;
        this.minimumLength = nfa.minimumLength();
        this.runLength = nfa.runSet == null ? 0 : nfa.runLength;
        this.runSet = nfa.runSet;
        for (int c = 0; c < 128 && runSet != null; c++) {
            runAscii[c] = contains(runSet, c);
        }
        int[] edges = new int[2];
        int e = 1;
        edges[0] = 0;
        for (int[] set : nfa.sets) {
            for (int k = 0; k < set.length; k += 2) {
                if (e + 2 > edges.length) {
                    edges = Arrays.copyOf(edges, edges.length * 2 + 2);
                }
                edges[e++] = set[k];
                edges[e++] = set[k + 1] + 1;
            }
        }
        int[] sorted = Arrays.copyOf(edges, e);
        Arrays.sort(sorted);
        int unique = 0;
        for (int v : sorted) {
            if (v <= 0xFFFF && (unique == 0 || sorted[unique - 1] != v)) {
                sorted[unique++] = v;
            }
        }
        this.cuts = Arrays.copyOf(sorted, unique);
        this.classCount = unique;
        if (classCount > 127) {
            throw new IllegalArgumentException("too many classes");
        }
        for (int c = 0; c < 128; c++) {
            asciiClass[c] = (byte) classOf(c);
        }
        this.accepts = new boolean[nfa.size][];
        for (int q = 0; q < nfa.size; q++) {
            if (nfa.type[q] == RegexNfa.SET) {
                int[] set = nfa.sets.get(nfa.setOf[q]);
                boolean[] row = new boolean[classCount];
                for (int k = 0; k < classCount; k++) {
                    row[k] = contains(set, cuts[k]);
                }
                accepts[q] = row;
            }
        }
        this.mark = new int[nfa.size];
        this.stack = new int[nfa.size * 3 + 2];
        this.members = new int[nfa.size + 1];
        reset();
        // as sets of NFA states, so it holds whatever numbering the cache has after a reset
        int idle = idleState;
        for (int c = 0; c < 128; c++) {
            keepsIdle[c] = !matching[idle] && step(idle, asciiClass[c]) == idle;
        }
    }

    /** A DFA searcher for {@code regex}, or null when RE2/J must keep it ({@link RegexNfa}'s subset). */
    static RegexDfa compile(String regex, int re2Flags) {
        RegexNfa nfa = RegexNfa.parse(regex, re2Flags);
        if (nfa == null) {
            return null;
        }
        try {
            return new RegexDfa(nfa);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A fresh searcher of the same pattern with an empty cache, for another thread. */
    RegexDfa copy() {
        return new RegexDfa(nfa);
    }

    private static boolean contains(int[] set, int c) {
        for (int k = 0; k < set.length; k += 2) {
            if (c >= set[k] && c <= set[k + 1]) {
                return true;
            }
        }
        return false;
    }

    private int classOf(int c) {
        if (c >= 128 && cuts[classCount - 1] < 128) {
            return classCount - 1; // every set edge is ASCII: all other units share the last class
        }
        int k = Arrays.binarySearch(cuts, c);
        return k >= 0 ? k : -k - 2;
    }

    private void reset() {
        index.clear();
        dfaStates = 0;
        beginState = addState(closure(null, 0, true, false));
        idleState = addState(closure(null, 0, false, false));
    }

    /** YES/NO: the regex occurs in {@code column}'s value {@code record}; FALLBACK: ask RE2/J. */
    int find(RecordColumn column, int record) {
        int p = column.start(record);
        int end = column.end(record);
        if (end - p < minimumLength) {
            return NO;
        }
        if (runLength > 0 && !hasRun(column, p, end)) {
            return NO;
        }
        if (p == end) {
            int[] set = closure(null, 0, true, true);
            return contains(set, RegexNfa.MATCH) ? YES : NO;
        }
        int s = beginState;
        if (matching[s]) {
            return YES;
        }
        int classes = classCount;
        int length = end - p;
        if (units.length < length) {
            units = new char[Math.max(length, 2 * units.length)]; // grows to the longest value, then stays
        }
        char[] u = units;
        MemorySegment.copy(column.units(), Utf16Column.UNIT, 2L * p, u, 0, length);
        byte[] ascii = asciiClass;
        int[] edges = next;
        int row = s * classes;
        int idleRow = idleState * classes;
        boolean[] stay = keepsIdle;
        for (int i = 0; i < length; i++) {
            if (row == idleRow) {
                // idle: skip the units that keep it so (a test a unit, no dependent load; "Idle runs")
                while (i < length && u[i] < 128 && stay[u[i]]) {
                    i++;
                }
                if (i == length) {
                    break;
                }
            }
            char c = u[i];
            int k;
            if (c < 128) {
                k = ascii[c];
            } else if (c >= 0xD800 && c <= 0xDFFF) {
                return FALLBACK;
            } else {
                k = classOf(c);
            }
            int t = edges[row + k];
            if (t < 0) {
                if (t == TO_MATCH) {
                    return YES;
                }
                if (dfaStates >= MAX_DFA_STATES) {
                    reset();
                    return FALLBACK;
                }
                int target = step(row / classes, k);
                t = matching[target] ? TO_MATCH : target * classes;
                edges = next; // step may have grown it
                edges[row + k] = t;
                if (t == TO_MATCH) {
                    return YES;
                }
            }
            row = t;
        }
        s = row / classes;
        if (atEnd[s] == 0) {
            atEnd[s] = contains(closure(stateSets[s], stateSets[s].length, false, true), RegexNfa.MATCH) ? (byte) 2 : (byte) 1;
        }
        return atEnd[s] == 2 ? YES : NO;
    }

    /** Whether units from .. end of the column hold {@link #runLength} consecutive units of {@link #runSet}. */
    private boolean hasRun(RecordColumn column, int from, int end) {
        int k = runLength;
        for (int q = from + k - 1; q < end; q += k) {
            if (!inRunSet(column.unitAt(q))) {
                continue;
            }
            int left = q;
            while (left > from && inRunSet(column.unitAt(left - 1))) {
                left--;
            }
            int right = q + 1;
            while (right < end && right - left < k && inRunSet(column.unitAt(right))) {
                right++;
            }
            if (right - left >= k) {
                return true;
            }
            // the run [left, right) is shorter than k, so it ends before the next probe q + k
        }
        return false;
    }

    private boolean inRunSet(char u) {
        return u < 128 ? runAscii[u] : contains(runSet, u);
    }

    private boolean contains(int[] set, byte type) {
        for (int q : set) {
            if (nfa.type[q] == type) {
                return true;
            }
        }
        return false;
    }

    private int step(int s, int k) {
        int[] from = stateSets[s];
        int[] moved = new int[from.length];
        int n = 0;
        for (int q : from) {
            if (nfa.type[q] == RegexNfa.SET && accepts[q][k]) {
                moved[n++] = nfa.out1[q];
            }
        }
        return addState(closure(moved, n, false, false));
    }

    /**
     * The NFA states reachable through SPLITs and satisfied assertions from {@code seeds} and from the
     * start state (unanchored search), keeping SET, MATCH and unsatisfied END states; sorted.
     */
    private int[] closure(int[] seeds, int seedCount, boolean atBegin, boolean atEndOfValue) {
        if (++markGeneration == Integer.MAX_VALUE) {
            Arrays.fill(mark, 0);
            markGeneration = 1;
        }
        int top = 0;
        int count = 0;
        stack[top++] = nfa.start;
        for (int k = 0; k < seedCount; k++) {
            stack[top++] = seeds[k];
        }
        while (top > 0) {
            int q = stack[--top];
            if (mark[q] == markGeneration) {
                continue;
            }
            mark[q] = markGeneration;
            switch (nfa.type[q]) {
                case RegexNfa.SPLIT -> {
                    stack[top++] = nfa.out2[q];
                    stack[top++] = nfa.out1[q];
                }
                case RegexNfa.BEGIN -> {
                    if (atBegin) {
                        stack[top++] = nfa.out1[q];
                    }
                }
                case RegexNfa.END -> {
                    if (atEndOfValue) {
                        stack[top++] = nfa.out1[q];
                    } else {
                        members[count++] = q;
                    }
                }
                default -> members[count++] = q;
            }
        }
        int[] set = Arrays.copyOf(members, count);
        Arrays.sort(set);
        return set;
    }

    private int addState(int[] set) {
        IntKey key = new IntKey(set);
        Integer known = index.get(key);
        if (known != null) {
            return known;
        }
        int s = dfaStates++;
        if (s == stateSets.length) {
            stateSets = Arrays.copyOf(stateSets, s * 2);
            matching = Arrays.copyOf(matching, s * 2);
            atEnd = Arrays.copyOf(atEnd, s * 2);
        }
        if ((s + 1) * classCount > next.length) {
            next = Arrays.copyOf(next, Math.max(next.length * 2, (s + 1) * classCount));
        }
        Arrays.fill(next, s * classCount, (s + 1) * classCount, UNKNOWN);
        stateSets[s] = set;
        matching[s] = contains(set, RegexNfa.MATCH);
        atEnd[s] = 0;
        index.put(key, s);
        return s;
    }
}
