package dev.widescan.format;

/**
 * The two per-column loops a reader runs on every column it binds, over the column's offsets or codes
 * copied to an {@code int[]} ({@link EventBlock}, {@link RecordColumn}): offsets must not decrease nor
 * pass the column's units, codes must name an entry.
 *
 * <p>Why a class of their own, with a warm-up: a block with a detection binds every column (27 for a
 * Sysmon event), so a cold scan runs these loops ~30 times per block from its first block on, long
 * before C1 and then C2 get to them (the compile queues are full of start-up work): together ~11% of a
 * cold demo scan's samples, interpreted (bench/RESULTS.md §20). {@link #warmUp} runs them on arrays of
 * the size they meet, on a thread that is otherwise waiting (match.KernelPreWarm), so that they are
 * compiled when the scan starts. They touch only {@code int[]}s, so the warm-up cannot give their
 * compiled code a type profile the scan does not have.
 */
public final class ColumnIndexChecks {
    private ColumnIndexChecks() {
    }

    /**
     * The first {@code i} in {@code [1, n)} whose {@code at[i]} is below {@code at[i - 1]} or above
     * {@code max}, or -1.
     */
    static int firstOutOfOrder(int[] at, int n, int max) {
        int previous = at[0];
        for (int i = 1; i < n; i++) {
            int next = at[i];
            if (next < previous || next > max) {
                return i;
            }
            previous = next;
        }
        return -1;
    }

    /** The first {@code i} in {@code [0, n)} whose {@code codes[i]}, read as unsigned, is not below {@code bound}, or -1. */
    static int firstNotBelow(int[] codes, int n, int bound) {
        for (int i = 0; i < n; i++) {
            if (Integer.compareUnsigned(codes[i], bound) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Calls of each loop by {@link #warmUp}: past C2's thresholds for a method's own compile (600
     * calls, and calls plus loop iterations past 15,000), not only for its loop's on-stack replacement.
     */
    static final int WARM_UP_CALLS = 1_000;

    /**
     * Runs both loops {@link #WARM_UP_CALLS} times over 65 in-order values, and a few times over 4,097 (a
     * block's offsets), so that C1 and C2 compile them now; returns a value computed from the results, so
     * that nothing is removed.
     */
    public static int warmUp() {
        int[] values = new int[4097];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        int sum = 0;
        for (int k = 0; k < WARM_UP_CALLS; k++) {
            int n = k % 100 == 0 ? values.length : 65;
            sum += firstOutOfOrder(values, n, n);
            sum += firstNotBelow(values, n - 1, n);
        }
        return sum;
    }
}
