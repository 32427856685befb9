package dev.widescan.corpus;

import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import dev.widescan.text.CaseFolding;
import java.util.ArrayList;
import java.util.List;

/**
 * Which literals of one field occur in a String value, exactly (kinds and case rules included): the
 * generator's cheap gate before the reference evaluator.
 *
 * <p>Why this shape: the generator checks every event it writes, so the check must cost about as much
 * as drawing the event. Literals of four or more code units are bucketed by their folded first four
 * units (a multiplicative hash into 8,192 buckets with a bitmap in front); one pass over the value folds
 * each unit once into a rolling 64-bit window of the last four, tests one bit per position, and on a hit
 * compares the window with each bucket literal's packed prefix before verifying the rest in place.
 * Two-gram prefixes of ordinary text ("re", "op", "ge") hit constantly, four-grams rarely, which is why
 * short literals (two or three units) have their own two-unit table and one-unit literals a 64K bitmap,
 * both empty for typical rules. Case-sensitive literals are bucketed by their folded prefix and verified
 * exactly. Nothing is allocated per value. This is deliberately not one of the engine's matchers: the
 * generator's ground truth must not depend on the code under test.
 */
final class LiteralProbe {
    private static final int BUCKET_BITS = 13;

    private final char[][] text;
    private final LiteralKind[] kind;
    private final boolean[] cased;
    private final long[] prefix;
    private final long[] quadBits = new long[(1 << BUCKET_BITS) / 64];
    private final int[][] quadBuckets = new int[1 << BUCKET_BITS][];
    private final long[] pairBits;
    private final int[][] pairBuckets;
    private final long[] singleBits;
    private final int[][] singleBuckets;

    /** @param literals the field's literals; a hit on literal {@code i} is reported as id {@code i} */
    LiteralProbe(List<Literal> literals) {
        int n = literals.size();
        text = new char[n][];
        kind = new LiteralKind[n];
        cased = new boolean[n];
        prefix = new long[n];
        List<List<Integer>> quads = table(1 << BUCKET_BITS);
        List<List<Integer>> pairs = null;
        List<List<Integer>> singles = null;
        for (int i = 0; i < n; i++) {
            Literal l = literals.get(i);
            cased[i] = l.caseSensitive();
            kind[i] = l.kind();
            text[i] = (l.caseSensitive() ? l.text() : CaseFolding.fold(l.text())).toCharArray();
            String folded = CaseFolding.fold(l.text());
            long key = 0;
            for (int k = 0; k < Math.min(4, folded.length()); k++) {
                key = key << 16 | folded.charAt(k);
            }
            prefix[i] = key;
            switch (folded.length()) {
                case 1 -> {
                    singles = singles == null ? table(65536) : singles;
                    add(singles, (int) key, i);
                }
                case 2, 3 -> {
                    pairs = pairs == null ? table(65536) : pairs;
                    add(pairs, pairBucket(folded.charAt(0), folded.charAt(1)), i);
                }
                default -> add(quads, quadBucket(key), i);
            }
        }
        fill(quads, quadBuckets, quadBits);
        if (pairs == null) {
            pairBits = null;
            pairBuckets = null;
        } else {
            pairBits = new long[65536 / 64];
            pairBuckets = new int[65536][];
            fill(pairs, pairBuckets, pairBits);
        }
        if (singles == null) {
            singleBits = null;
            singleBuckets = null;
        } else {
            singleBits = new long[65536 / 64];
            singleBuckets = new int[65536][];
            fill(singles, singleBuckets, singleBits);
        }
    }

    private static int pairBucket(char c0, char c1) {
        return (c0 * 31 + c1) & 0xFFFF;
    }

    private static int quadBucket(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - BUCKET_BITS));
    }

    private static List<List<Integer>> table(int size) {
        List<List<Integer>> t = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            t.add(null);
        }
        return t;
    }

    private static void add(List<List<Integer>> table, int slot, int id) {
        List<Integer> l = table.get(slot);
        if (l == null) {
            l = new ArrayList<>(2);
            table.set(slot, l);
        }
        l.add(id);
    }

    private static void fill(List<List<Integer>> from, int[][] buckets, long[] bits) {
        for (int b = 0; b < buckets.length; b++) {
            List<Integer> l = from.get(b);
            if (l != null) {
                buckets[b] = l.stream().mapToInt(Integer::intValue).toArray();
                bits[b >>> 6] |= 1L << b;
            }
        }
    }

    /** Reports each literal id that occurs in {@code value} (possibly more than once) to {@code hits}. */
    void probe(String value, Hits hits) {
        int n = value.length();
        long window = 0;
        char previous = 0;
        for (int i = 0; i < n; i++) {
            char c = CaseFolding.fold(value.charAt(i));
            window = window << 16 | c;
            if (singleBits != null && (singleBits[c >>> 6] & (1L << c)) != 0) {
                check(singleBuckets[c], -1L, 0, value, i, n, hits);
            }
            if (pairBits != null && i >= 1) {
                int b = pairBucket(previous, c);
                if ((pairBits[b >>> 6] & (1L << b)) != 0) {
                    check(pairBuckets[b], -1L, 0, value, i - 1, n, hits);
                }
            }
            if (i >= 3) {
                int b = quadBucket(window);
                if ((quadBits[b >>> 6] & (1L << b)) != 0) {
                    check(quadBuckets[b], window, 4, value, i - 3, n, hits);
                }
            }
            previous = c;
        }
    }

    private void check(int[] bucket, long window, int windowUnits, String value, int at, int n, Hits hits) {
        for (int id : bucket) {
            if (windowUnits == 4 && prefix[id] != window) {
                continue;
            }
            verify(id, value, at, n, hits);
        }
    }

    private void verify(int id, String value, int at, int n, Hits hits) {
        char[] lit = text[id];
        int len = lit.length;
        if (at + len > n) {
            return;
        }
        boolean placed = switch (kind[id]) {
            case CONTAINS -> true;
            case STARTS_WITH -> at == 0;
            case ENDS_WITH -> at + len == n;
            case EQUALS -> at == 0 && len == n;
        };
        if (!placed) {
            return;
        }
        if (cased[id]) {
            for (int k = 0; k < len; k++) {
                if (value.charAt(at + k) != lit[k]) {
                    return;
                }
            }
        } else {
            for (int k = 0; k < len; k++) {
                if (CaseFolding.fold(value.charAt(at + k)) != lit[k]) {
                    return;
                }
            }
        }
        hits.hit(id);
    }

    /** Receiver of literal ids found by {@link #probe}. */
    @FunctionalInterface
    interface Hits {
        void hit(int literalId);
    }
}
