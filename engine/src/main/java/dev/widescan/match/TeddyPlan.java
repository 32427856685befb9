package dev.widescan.match;

import dev.widescan.text.CaseFolding;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Teddy's build step: which window of each literal is fingerprinted, which literals share a bucket, and the
 * nibble tables that map a packed input byte at each fingerprint position to the buckets whose literals may
 * have that unit there.
 *
 * <p><b>Windows.</b> A literal's fingerprint is F consecutive units starting at its own window offset, not
 * necessarily at its first unit (Hyperscan aligns each literal's fingerprint its own way too). Sigma's API
 * names begin with the most common words of Windows command lines ("Create", "Open", "Get", "Write",
 * "Load", "Free", "Read", "Set"): first-unit fingerprints fired on every path and PowerShell verb, 0.0125
 * candidates per unit on the generator's realistic command lines with the seed rule's 45 literals.
 *
 * <p><b>Buckets and windows by modelled cost.</b> The greedy of Hyperscan's Teddy compiler, with the cost
 * taken from {@link CommandLineModel} (unit-class pairs of real command lines) instead of "every byte is
 * equally likely": a bucket costs (candidate + one pre-check per literal) times the chance a position
 * passes its nibble tables (every low nibble entered crossed with every high one), and a literal's window
 * costs a full compare times the chance the window itself occurs (what passes the pre-check). Literals in
 * folded-prefix order take the (bucket, window) whose cost grows least; a few weightings of the window term
 * are tried and the lowest modelled total kept, because the greedy is order- and weight-sensitive.
 * Measured by simulating the plan over 4 Mi units of the generator's realistic and unicode columns: 0.0025
 * candidates, 0.012 pre-checks and 0.0007 full compares per unit, against 0.0125, 0.070 and 0.0022 with
 * first-unit fingerprints and the uniform-byte cost. The pair model matters: per-unit frequencies alone
 * picked windows inside common words ("wind" of OpenWindowStation) and the result swung between 0.001 and
 * 0.012 candidates per unit with the weighting.
 *
 * <p><b>Tables from preimages.</b> For fingerprint unit {@code c} of a case-insensitive literal, every input
 * unit {@code u} with {@code fold(u) == fold(c)} is taken through the scan's saturating pack
 * ({@code min(u, 0xFF)}) and its byte is entered. That one rule gives caseless ASCII for free (both high
 * nibbles of a letter), and it makes the cross-script folds exact without a fix-up pass: KELVIN SIGN
 * (U+212A), LONG S (U+017F) and dotted/dotless I (U+0130, U+0131) fold to ASCII k, s, i, so those letters'
 * buckets also accept byte 0xFF; a literal whose fingerprint holds a non-ASCII unit accepts 0xFF (and its
 * Latin-1 case partner, if any) at that position. 0xFF is where every unit above U+00FE lands, so such
 * positions are a wildcard for non-Latin-1 text: more candidates on Cyrillic or CJK input, never a missed
 * hit. Exact verification sorts the candidates out.
 */
final class TeddyPlan {
    static final int BUCKETS = 8;
    static final int MAX_FINGERPRINT = 4;
    /** Modelled costs, in pre-checks: of a candidate position (lane walk, cursor), of a full compare. */
    static final double CANDIDATE_COST = 1;
    static final double VERIFY_COST = 16;
    /** The greedy's weights of a window's own rate against bucket growth; the plan with the lowest modelled cost wins. */
    private static final double[] GREEDY_WINDOW_WEIGHTS = {10, 30, 100, 300};
    /** Units a pre-check compares from the window's start. */
    static final int QUICK_UNITS = QuickCheck.UNITS;
    /** Windows start among a literal's first units only: bounds the build time on long literals. */
    static final int MAX_WINDOW_OFFSETS = 24;
    /** Above this many literals the buckets are filled by equal runs of the sorted list, not by the model. */
    static final int MODELLED_LITERALS = 64;
    /** Fingerprint length in units: min(4, shortest literal). */
    final int fingerprint;
    /** Per literal: the index of its first fingerprinted unit. */
    final int[] windowOffset;
    /** Per fingerprint position: 16 bucket masks indexed by the low nibble, then 16 by the high nibble. */
    final byte[][] lowNibble;
    final byte[][] highNibble;
    /**
     * Per fingerprint position: 128 bucket masks indexed by the unit saturated at 0x7F (the 7-bit lookup of
     * the VBMI kernel: one two-vector permute instead of two nibble lookups, and no low-by-high crossing).
     */
    final byte[][] table7;
    /** Per bucket: the literal ids whose fingerprint was entered under that bucket's bit. */
    final int[][] bucketLiterals;
    /**
     * The {@link QuickCheck} of each literal's window. The scan loads its word once per candidate position,
     * whatever the bucket and the literal, because every window of the candidate starts at the same unit.
     */
    final long[] quick;
    /** Whether the greedy skips the candidates its lower bound rules out (always but in tests). */
    private final boolean pruned;
    /** Build-time work arrays of the command-line model. */
    private final double[][] modelAccepted;
    private final CommandLineModel.Scratch modelScratch = new CommandLineModel.Scratch();

    TeddyPlan(FoldedLiterals literals) {
        this(literals, null, true);
    }

    /**
     * With the window offsets given (tests force odd ones); null chooses them by modelled cost, or, with
     * {@code modelled} false, as for a set over {@link #MODELLED_LITERALS}: first-unit windows, buckets by
     * equal runs of the sorted set. The kernel warm-up's plans are built that way: any plan drives the
     * kernel through the same code, and the model's build work (and C2's compile of it) would only stand
     * between the JVM's start and the kernel's compile (bench/RESULTS.md §22).
     */
    TeddyPlan(FoldedLiterals literals, int[] forcedOffsets, boolean modelled) {
        this(literals, forcedOffsets, modelled, true);
    }

    /**
     * {@code pruned} false computes the growth of every (window, bucket) candidate of the greedy instead of
     * skipping those a lower bound rules out: tests check that both give the same plan.
     */
    TeddyPlan(FoldedLiterals literals, int[] forcedOffsets, boolean modelled, boolean pruned) {
        this.pruned = pruned;
        int n = literals.size();
        int shortest = Integer.MAX_VALUE;
        for (char[] units : literals.units) {
            shortest = Math.min(shortest, units.length);
        }
        fingerprint = Math.min(MAX_FINGERPRINT, shortest);
        modelAccepted = new double[fingerprint][CommandLineModel.CLASSES];
        Map<Character, long[]> preimages = preimages(literals);
        windowOffset = forcedOffsets != null ? forcedOffsets.clone() : new int[n];
        for (int id = 0; id < n; id++) {
            if (windowOffset[id] < 0 || windowOffset[id] + fingerprint > literals.units[id].length) {
                throw new IllegalArgumentException("window " + windowOffset[id] + " does not fit literal " + id);
            }
        }
        lowNibble = new byte[fingerprint][16];
        highNibble = new byte[fingerprint][16];
        table7 = new byte[fingerprint][128];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer id) -> windowKey(literals, id)));
        int[] bucketOf = new int[n];
        if (n > MODELLED_LITERALS || !modelled) {
            // Every bucket saturates long before this; modelling would only cost build time. Equal runs of
            // the prefix-sorted list keep shared prefixes together.
            for (int i = 0; i < n; i++) {
                bucketOf[order[i]] = (int) ((long) i * BUCKETS / n);
            }
        } else {
            chooseBuckets(literals, preimages, order, forcedOffsets != null, bucketOf);
        }
        int[] sizes = new int[BUCKETS];
        for (int id = 0; id < n; id++) {
            sizes[bucketOf[id]]++;
        }
        bucketLiterals = new int[BUCKETS][];
        for (int b = 0; b < BUCKETS; b++) {
            bucketLiterals[b] = new int[sizes[b]];
            int filled = 0;
            for (int id = 0; id < n; id++) {
                if (bucketOf[id] == b) {
                    bucketLiterals[b][filled++] = id;
                }
            }
            for (int id : bucketLiterals[b]) {
                for (int pos = 0; pos < fingerprint; pos++) {
                    long[] bytes = byteSet(literals, id, pos, preimages);
                    for (int word = 0; word < 4; word++) {
                        for (long bits = bytes[word]; bits != 0; bits &= bits - 1) {
                            int by = word << 6 | Long.numberOfTrailingZeros(bits);
                            lowNibble[pos][by & 15] |= (byte) (1 << b);
                            highNibble[pos][by >>> 4] |= (byte) (1 << b);
                            table7[pos][Math.min(by, 0x7F)] |= (byte) (1 << b);
                        }
                    }
                }
            }
        }
        quick = QuickCheck.build(literals, windowOffset);
    }

    /**
     * Picks each literal's bucket (into {@code bucketOf}) and, unless {@code fixedWindows}, its window: the
     * best of a few greedy runs by modelled cost.
     */
    private void chooseBuckets(FoldedLiterals literals, Map<Character, long[]> preimages, Integer[] order,
                                 boolean fixedWindows, int[] bucketOf) {
        int n = literals.size();
        // Per literal and window offset: its nibble sets and its window's expected frequency, computed once.
        int[][][] windowLow = new int[n][][];
        int[][][] windowHigh = new int[n][][];
        double[][] windowRate = new double[n][];
        double[][] aloneRate = new double[n][];
        int[] noSets = new int[fingerprint];
        for (int id = 0; id < n; id++) {
            int offsets = fixedWindows ? 1 : Math.min(MAX_WINDOW_OFFSETS, literals.units[id].length - fingerprint + 1);
            windowLow[id] = new int[offsets][fingerprint];
            windowHigh[id] = new int[offsets][fingerprint];
            windowRate[id] = new double[offsets];
            aloneRate[id] = new double[offsets];
            for (int k = 0; k < offsets; k++) {
                int offset = fixedWindows ? windowOffset[id] : k;
                nibbleSets(literals, id, offset, preimages, windowLow[id][k], windowHigh[id][k]);
                windowRate[id][k] = windowScore(literals, id, offset, preimages);
                aloneRate[id][k] = rate(noSets, noSets, windowLow[id][k], windowHigh[id][k]);
            }
        }
        int[] chosen = new int[n];
        int[] trialBuckets = new int[n];
        int[] trialChosen = new int[n];
        double bestCost = Double.MAX_VALUE;
        for (double weight : GREEDY_WINDOW_WEIGHTS) {
            double cost = assign(order, windowLow, windowHigh, windowRate, aloneRate, weight, trialBuckets, trialChosen);
            if (cost < bestCost) {
                bestCost = cost;
                System.arraycopy(trialBuckets, 0, bucketOf, 0, n);
                System.arraycopy(trialChosen, 0, chosen, 0, n);
            }
        }
        if (!fixedWindows) {
            for (int id = 0; id < n; id++) {
                windowOffset[id] = chosen[id];
            }
        }
    }

    /**
     * One greedy bucketing in the manner of Hyperscan's Teddy compiler. A bucket's false-positive rate is the
     * command-line model's chance that a position passes its nibble tables (every low nibble entered crossed
     * with every high nibble entered, at each position); each candidate costs {@link #CANDIDATE_COST} plus a
     * pre-check per literal in the bucket, and each pre-check that passes a full compare
     * ({@link #VERIFY_COST}, at the rate of the literal's own window). Literals, in folded-prefix order so
     * that shared prefixes meet first, go with one of their windows where the bucket cost plus
     * {@code windowWeight} times the window's rate grows least. Returns the modelled cost of the result.
     */
    private double assign(Integer[] order, int[][][] windowLow, int[][][] windowHigh, double[][] windowRate,
                          double[][] aloneRate, double windowWeight, int[] bucketOf, int[] chosen) {
        int[][] lowSets = new int[BUCKETS][fingerprint];
        int[][] highSets = new int[BUCKETS][fingerprint];
        int[] sizes = new int[BUCKETS];
        double[] rates = new double[BUCKETS];
        double windows = 0;
        for (int id : order) {
            // A candidate (window k, bucket b) is numbered k * BUCKETS + b. Its growth is computed only when its
            // lower bound does not exceed the best growth so far: the union accepts at least what the bucket and
            // the window accept alone, and the rate is monotone in what is accepted (in floating point too: sums
            // and products of non-negative terms, added in the same order), so a bound above the best rules the
            // candidate out. Starting from the smallest bound, most candidates are skipped (a third of the rates
            // computed on the seed rule). The pick is the plain walk's: the smallest growth, and among equal
            // growths the first candidate in that numbering (the plans are bit for bit those of the full walk).
            int candidates = windowRate[id].length * BUCKETS;
            int best = -1;
            double bestGrowth = Double.MAX_VALUE;
            if (pruned) {
                double smallestBound = Double.MAX_VALUE;
                for (int c = 0; c < candidates; c++) {
                    double bound = bound(c, sizes, rates, aloneRate[id], windowRate[id], windowWeight);
                    if (best < 0 || bound < smallestBound) {
                        smallestBound = bound;
                        best = c;
                    }
                }
                bestGrowth = exactGrowth(best, sizes, rates, lowSets, highSets, windowLow[id], windowHigh[id],
                        aloneRate[id], windowRate[id], windowWeight);
            }
            int seed = best;
            for (int c = 0; c < candidates; c++) {
                if (c == seed || (pruned && bound(c, sizes, rates, aloneRate[id], windowRate[id], windowWeight) > bestGrowth)) {
                    continue;
                }
                double g = exactGrowth(c, sizes, rates, lowSets, highSets, windowLow[id], windowHigh[id],
                        aloneRate[id], windowRate[id], windowWeight);
                // the full walk keeps the first of equal growths; the pruned one may meet them out of order
                if (best < 0 || g < bestGrowth || (pruned && g == bestGrowth && c < best)) {
                    bestGrowth = g;
                    best = c;
                }
            }
            int bestK = best / BUCKETS;
            best %= BUCKETS;
            bucketOf[id] = best;
            chosen[id] = bestK;
            sizes[best]++;
            for (int pos = 0; pos < fingerprint; pos++) {
                lowSets[best][pos] |= windowLow[id][bestK][pos];
                highSets[best][pos] |= windowHigh[id][bestK][pos];
            }
            rates[best] = rate(lowSets[best], highSets[best], null, null);
            windows += windowRate[id][bestK];
        }
        double cost = VERIFY_COST * windows;
        for (int b = 0; b < BUCKETS; b++) {
            cost += (CANDIDATE_COST + sizes[b]) * rates[b];
        }
        return cost;
    }

    /** A lower bound of {@link #exactGrowth} without computing a rate: the joined bucket's rate taken as the larger of the two parts'. */
    private static double bound(int candidate, int[] sizes, double[] rates, double[] aloneRate, double[] windowRate,
                                double windowWeight) {
        int k = candidate / BUCKETS;
        int b = candidate % BUCKETS;
        return growth(sizes[b], rates[b], Math.max(rates[b], aloneRate[k]), windowWeight * windowRate[k]);
    }

    /** How much the modelled cost grows when the literal joins bucket b with window k (candidate k * BUCKETS + b). */
    private double exactGrowth(int candidate, int[] sizes, double[] rates, int[][] lowSets, int[][] highSets,
                               int[][] windowLow, int[][] windowHigh, double[] aloneRate, double[] windowRate,
                               double windowWeight) {
        int k = candidate / BUCKETS;
        int b = candidate % BUCKETS;
        // an empty bucket joined is the window alone
        double joined = sizes[b] > 0 ? rate(lowSets[b], highSets[b], windowLow[k], windowHigh[k]) : aloneRate[k];
        return growth(sizes[b], rates[b], joined, windowWeight * windowRate[k]);
    }

    /** How much the modelled cost grows when a bucket of {@code size} literals at {@code rate} goes to {@code joined}. */
    private static double growth(int size, double rate, double joined, double windowCost) {
        double before = (CANDIDATE_COST + size) * rate;
        double after = (CANDIDATE_COST + size + 1) * joined;
        return after - before + windowCost;
    }

    /** The chance, under the command-line model, that a position starts the literal's window: what passes the pre-check. */
    private double windowScore(FoldedLiterals literals, int id, int offset, Map<Character, long[]> preimages) {
        int length = Math.min(QUICK_UNITS, literals.units[id].length - offset);
        double[][] accepted = new double[length][CommandLineModel.CLASSES];
        for (int pos = 0; pos < length; pos++) {
            CommandLineModel.acceptBytes(byteSet(literals, id, preimages, literals.units[id][offset + pos]), accepted[pos]);
        }
        return CommandLineModel.runRate(accepted, modelScratch);
    }

    private void nibbleSets(FoldedLiterals literals, int id, int offset, Map<Character, long[]> preimages,
                            int[] low, int[] high) {
        for (int pos = 0; pos < fingerprint; pos++) {
            long[] bytes = byteSet(literals, id, preimages, literals.units[id][offset + pos]);
            low[pos] = 0;
            high[pos] = 0;
            for (int word = 0; word < 4; word++) {
                for (long bits = bytes[word]; bits != 0; bits &= bits - 1) {
                    int by = word << 6 | Long.numberOfTrailingZeros(bits);
                    low[pos] |= 1 << (by & 15);
                    high[pos] |= 1 << (by >>> 4);
                }
            }
        }
    }

    /** Estimated chance that a command-line position passes a bucket with these nibble sets (plus one literal's). */
    private double rate(int[] lowSets, int[] highSets, int[] low, int[] high) {
        for (int pos = 0; pos < lowSets.length; pos++) {
            CommandLineModel.acceptNibbles(lowSets[pos] | (low == null ? 0 : low[pos]),
                    highSets[pos] | (high == null ? 0 : high[pos]), modelAccepted[pos]);
        }
        return CommandLineModel.runRate(modelAccepted, modelScratch);
    }

    private String windowKey(FoldedLiterals literals, int id) {
        char[] u = literals.units[id];
        char[] key = new char[fingerprint];
        for (int i = 0; i < key.length; i++) {
            key[i] = CaseFolding.fold(u[windowOffset[id] + i]);
        }
        return new String(key);
    }

    /** The scan's pack of one unit: ASCII and Latin-1 stay, everything above saturates to 0xFF. */
    static int packed(char unit) {
        return Math.min(unit, 0xFF);
    }

    private long[] byteSet(FoldedLiterals literals, int id, int pos, Map<Character, long[]> preimages) {
        int at = windowOffset[id] + pos;
        return byteSet(literals, id, preimages, literals.units[id][at]);
    }

    private static long[] byteSet(FoldedLiterals literals, int id, Map<Character, long[]> preimages, char c) {
        if (literals.caseless[id]) {
            return preimages.get(c);
        }
        long[] single = new long[4];
        int b = packed(c);
        single[b >>> 6] |= 1L << b;
        return single;
    }

    /** For each folded unit of a caseless literal: the packed bytes of all units folding to it. */
    private static Map<Character, long[]> preimages(FoldedLiterals literals) {
        Map<Character, long[]> sets = new HashMap<>();
        for (int id = 0; id < literals.size(); id++) {
            if (literals.caseless[id]) {
                for (char c : literals.units[id]) {
                    sets.computeIfAbsent(c, TeddyPlan::packedPreimages);
                }
            }
        }
        return sets;
    }

    private static long[] packedPreimages(char folded) {
        long[] set = new long[4];
        for (char u : CaseFolding.preimages(folded)) {
            int b = packed(u);
            set[b >>> 6] |= 1L << b;
        }
        return set;
    }
}
