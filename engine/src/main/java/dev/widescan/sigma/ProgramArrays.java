package dev.widescan.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All rules' programs flattened into parallel int arrays (one node per index), so evaluation walks
 * primitive arrays: no objects, no virtual calls except for column checks. Operands of AND/OR are
 * stored cheapest first.
 *
 * <p>The literal operands of one AND or OR become one node ({@link #ANY_LIT} / {@link #ALL_LIT}) that
 * tests them as (word, mask) pairs against the record's literal bitset. Why: SigmaHQ's selections are
 * mostly long lists of literals on one field ({@code CommandLine|contains: [40 strings]}); on the
 * catalog ~99% of rule evaluations end false, after testing every literal of such a list one bit at a
 * time (~300 nodes per record on generated data). A list's literals were numbered together, so they
 * fall in a few 64-bit words: a few AND/compare steps instead of 40 bit tests.
 */
final class ProgramArrays {
    static final byte LIT = 0;
    static final byte VERIFY = 1;
    static final byte CHECK = 2;
    static final byte AND = 3;
    static final byte OR = 4;
    static final byte NOT = 5;
    /** True when any of its literals hit: {@code a} = first index into {@link #maskWord}/{@link #maskBits}, {@code b} = pairs. */
    static final byte ANY_LIT = 6;
    /** True when all of its literals hit (same layout as {@link #ANY_LIT}). */
    static final byte ALL_LIT = 7;

    /** Three-valued results of the gating analysis. */
    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNKNOWN = 2;

    private final int[] globalLiteral;
    private final List<ColumnCheck> checks;

    byte[] kind = new byte[64];
    /** LIT/VERIFY: global literal id; CHECK: check index; AND/OR/NOT: first index into {@link #children}. */
    int[] a = new int[64];
    /** VERIFY: check index; AND/OR/NOT: operand count. */
    int[] b = new int[64];
    int size;
    int[] children = new int[64];
    int childCount;
    /** ANY_LIT/ALL_LIT: word index into the literal bitset and the literals' bits in that word. */
    int[] maskWord = new int[64];
    long[] maskBits = new long[64];
    int maskCount;

    ProgramArrays(int[] globalLiteral, List<ColumnCheck> checks) {
        this.globalLiteral = globalLiteral;
        this.checks = checks;
    }

    int flatten(ProgramNode n) {
        return switch (n) {
            case ProgramNode.Lit l -> add(LIT, globalLiteral[l.literal()], 0);
            case ProgramNode.Verify v -> add(VERIFY, globalLiteral[v.literal()], v.check());
            case ProgramNode.Check c -> add(CHECK, c.check(), 0);
            case ProgramNode.Not x -> composite(NOT, List.of(x.operand()));
            case ProgramNode.And x -> composite(AND, x.operands());
            case ProgramNode.Or x -> composite(OR, x.operands());
        };
    }

    private int composite(byte k, List<ProgramNode> operands) {
        List<ProgramNode> sorted = new ArrayList<>(operands);
        int literalSet = -1;
        if (k != NOT) {
            java.util.BitSet lits = new java.util.BitSet();
            for (ProgramNode n : operands) {
                if (n instanceof ProgramNode.Lit l) {
                    lits.set(globalLiteral[l.literal()]);
                }
            }
            if (lits.cardinality() >= 2) {
                sorted.removeIf(n -> n instanceof ProgramNode.Lit);
                literalSet = literalSet(k == AND ? ALL_LIT : ANY_LIT, lits);
                if (sorted.isEmpty()) {
                    return literalSet;
                }
            }
        }
        sorted.sort(SigmaCompiler.byCost(checks));
        int[] ids = new int[sorted.size() + (literalSet >= 0 ? 1 : 0)];
        int at = 0;
        if (literalSet >= 0) {
            ids[at++] = literalSet; // a few word tests: cheaper than any other operand
        }
        for (ProgramNode n : sorted) {
            ids[at++] = flatten(n);
        }
        int first = childCount;
        for (int id : ids) {
            if (childCount == children.length) {
                children = Arrays.copyOf(children, childCount * 2);
            }
            children[childCount++] = id;
        }
        return add(k, first, ids.length);
    }

    /** An ANY_LIT or ALL_LIT node over the global literal ids in {@code lits}. */
    private int literalSet(byte k, java.util.BitSet lits) {
        int first = maskCount;
        for (int g = lits.nextSetBit(0); g >= 0; g = lits.nextSetBit(g + 1)) {
            int w = g >>> 6;
            if (maskCount == first || maskWord[maskCount - 1] != w) {
                if (maskCount == maskWord.length) {
                    maskWord = Arrays.copyOf(maskWord, maskCount * 2);
                    maskBits = Arrays.copyOf(maskBits, maskCount * 2);
                }
                maskWord[maskCount] = w;
                maskBits[maskCount] = 0L;
                maskCount++;
            }
            maskBits[maskCount - 1] |= 1L << g;
        }
        return add(k, first, maskCount - first);
    }

    /** The global literal ids of an ANY_LIT or ALL_LIT node. */
    java.util.BitSet literalsOfSet(int node) {
        java.util.BitSet out = new java.util.BitSet();
        for (int i = a[node], end = a[node] + b[node]; i < end; i++) {
            long bits = maskBits[i];
            while (bits != 0) {
                out.set((maskWord[i] << 6) + Long.numberOfTrailingZeros(bits));
                bits &= bits - 1;
            }
        }
        return out;
    }

    private int add(byte k, int x, int y) {
        if (size == kind.length) {
            kind = Arrays.copyOf(kind, size * 2);
            a = Arrays.copyOf(a, size * 2);
            b = Arrays.copyOf(b, size * 2);
        }
        kind[size] = k;
        a[size] = x;
        b[size] = y;
        return size++;
    }

    /**
     * The node's value when every literal is false and every unguarded check unknown: FALSE means the
     * node can only be true for a record on which one of its literals hit.
     */
    int withoutLiterals(int node) {
        switch (kind[node]) {
            case LIT, VERIFY, ANY_LIT, ALL_LIT:
                return FALSE;
            case CHECK:
                return UNKNOWN;
            case NOT: {
                int v = withoutLiterals(children[a[node]]);
                return v == UNKNOWN ? UNKNOWN : v == TRUE ? FALSE : TRUE;
            }
            case AND: {
                int result = TRUE;
                for (int i = 0; i < b[node]; i++) {
                    int v = withoutLiterals(children[a[node] + i]);
                    if (v == FALSE) {
                        return FALSE;
                    }
                    if (v == UNKNOWN) {
                        result = UNKNOWN;
                    }
                }
                return result;
            }
            default: {
                int result = FALSE;
                for (int i = 0; i < b[node]; i++) {
                    int v = withoutLiterals(children[a[node] + i]);
                    if (v == TRUE) {
                        return TRUE;
                    }
                    if (v == UNKNOWN) {
                        result = UNKNOWN;
                    }
                }
                return result;
            }
        }
    }

    /**
     * Why {@code node} is not FALSE in {@link #withoutLiterals} (so its rule is evaluated on every record):
     * the ungated column checks and negations that let it match without a literal hit.
     */
    String ungatedReason(int node) {
        switch (kind[node]) {
            case LIT, VERIFY, ANY_LIT, ALL_LIT:
                return "gated";
            case CHECK:
                return "ungated check: " + checks.get(a[node]);
            case NOT:
                return withoutLiterals(children[a[node]]) == FALSE
                        ? "a negated selection (true on records where its literals do not hit)"
                        : "not (" + ungatedReason(children[a[node]]) + ")";
            default: {
                if (b[node] == 0) { // folded constants (SigmaCompiler): only a whole program can be one
                    return kind[node] == AND ? "true on every event (its other entries are on fields outside the schema)"
                            : "false on every event";
                }
                java.util.List<String> parts = new ArrayList<>();
                for (int i = 0; i < b[node]; i++) {
                    int child = children[a[node] + i];
                    if (withoutLiterals(child) != FALSE) {
                        parts.add(ungatedReason(child));
                    }
                }
                String joined = String.join(kind[node] == AND ? " and " : " or ", parts);
                return parts.size() > 1 ? "(" + joined + ")" : joined;
            }
        }
    }

    /**
     * A necessary literal set of {@code node}: it can only be true on a record where one of these literals
     * hit; null when there is none (an ungated check or a negation decides). AND keeps its cheapest
     * child's set ({@code cost}: the estimated hit rate of each literal), OR unions its children's. So a
     * rule "rare path AND common extension" is woken by the rare path only, not by every ".exe".
     */
    java.util.BitSet gate(int node, double[] cost) {
        switch (kind[node]) {
            case LIT, VERIFY: {
                java.util.BitSet one = new java.util.BitSet();
                one.set(a[node]);
                return one;
            }
            case ANY_LIT:
                return literalsOfSet(node);
            case ALL_LIT: { // like an AND of single literals: the cheapest one
                java.util.BitSet all = literalsOfSet(node);
                int best = all.nextSetBit(0);
                for (int l = best; l >= 0; l = all.nextSetBit(l + 1)) {
                    if (cost[l] < cost[best]) {
                        best = l;
                    }
                }
                java.util.BitSet one = new java.util.BitSet();
                one.set(best);
                return one;
            }
            case CHECK, NOT:
                return null;
            case AND: {
                java.util.BitSet best = null;
                double bestCost = Double.MAX_VALUE;
                for (int i = 0; i < b[node]; i++) {
                    java.util.BitSet g = gate(children[a[node] + i], cost);
                    if (g != null) {
                        double c = 0;
                        for (int l = g.nextSetBit(0); l >= 0; l = g.nextSetBit(l + 1)) {
                            c += cost[l];
                        }
                        if (c < bestCost) {
                            best = g;
                            bestCost = c;
                        }
                    }
                }
                return best;
            }
            default: {
                java.util.BitSet all = new java.util.BitSet();
                for (int i = 0; i < b[node]; i++) {
                    java.util.BitSet g = gate(children[a[node] + i], cost);
                    if (g == null) {
                        return null;
                    }
                    all.or(g);
                }
                return all;
            }
        }
    }

    /**
     * Adds to {@code out} every literal whose cost {@link #gate} may read for {@code node}: the literals it
     * reaches through AND and OR, not under a negation or a check. The hit rate of any other literal never
     * changes a gate.
     */
    void gateCandidates(int node, java.util.BitSet out) {
        switch (kind[node]) {
            case LIT, VERIFY -> out.set(a[node]);
            case ANY_LIT, ALL_LIT -> out.or(literalsOfSet(node));
            case CHECK, NOT -> {
            }
            default -> {
                for (int i = 0; i < b[node]; i++) {
                    gateCandidates(children[a[node] + i], out);
                }
            }
        }
    }

    /** Adds every global literal id under {@code node} to {@code out}. */
    void literalsUnder(int node, java.util.BitSet out) {
        switch (kind[node]) {
            case LIT, VERIFY -> out.set(a[node]);
            case ANY_LIT, ALL_LIT -> out.or(literalsOfSet(node));
            case CHECK -> {
            }
            default -> {
                for (int i = 0; i < b[node]; i++) {
                    literalsUnder(children[a[node] + i], out);
                }
            }
        }
    }
}
