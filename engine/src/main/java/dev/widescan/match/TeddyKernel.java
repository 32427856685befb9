package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.VectorSpecies;

/**
 * What Teddy's kernels share whatever their width: the lookup tables as vectors, the exact verification of
 * a block's candidate lanes, and the per-thread searcher. The scan loop and its one-block step are in
 * {@link TeddyTemplate}, written once and instantiated per width by {@link TeddyKernels}.
 */
abstract class TeddyKernel {
    final FoldedLiterals folded;
    final TeddyPlan plan;
    /**
     * Per window position (0..3; positions past the fingerprint repeat position 0, unused): the low and high
     * nibble tables replicated over the lanes, or the 7-bit table's entries 0-63 and 64-127, one vector's
     * bytes each. Kept as arrays, not vectors: the kernel loads them into vectors once per call, which C2
     * keeps in registers for the whole loop, where a vector held in a field is unboxed (its payload re-read)
     * at every use inside the loop.
     */
    final byte[][] lowTables = new byte[TeddyPlan.MAX_FINGERPRINT][];
    final byte[][] highTables = new byte[TeddyPlan.MAX_FINGERPRINT][];

    TeddyKernel(FoldedLiterals folded, TeddyPlan plan, VectorSpecies<Byte> bytes, boolean sevenBit) {
        this.folded = folded;
        this.plan = plan;
        int fp = plan.fingerprint;
        for (int k = 0; k < TeddyPlan.MAX_FINGERPRINT; k++) {
            int pos = k < fp ? k : 0;
            if (sevenBit) {
                lowTables[k] = java.util.Arrays.copyOfRange(plan.table7[pos], 0, 64);
                highTables[k] = java.util.Arrays.copyOfRange(plan.table7[pos], 64, 128);
            } else {
                lowTables[k] = replicated(bytes, plan.lowNibble[pos]);
                highTables[k] = replicated(bytes, plan.highNibble[pos]);
            }
        }
    }

    /**
     * The 7-bit kernel's permute indexes, built here rather than in its hidden class: every method of that
     * class is compiled at 1/1000 of the usual thresholds (jvm.properties), so these loops' OSR compiles
     * queued on C2 ahead of the kernel itself.
     */
    static byte[] lowBytesIndex(int lanes) {
        byte[] index = new byte[lanes];
        for (int i = 0; i < lanes; i++) {
            index[i] = (byte) (2 * i);
        }
        return index;
    }

    /** See {@link #lowBytesIndex}: previous's last lane, then current's lanes 0..L-2, over (current | previous). */
    static byte[] previousLaneIndex(int lanes) {
        byte[] index = new byte[lanes];
        index[0] = (byte) (2 * lanes - 1);
        for (int i = 1; i < lanes; i++) {
            index[i] = (byte) (i - 1);
        }
        return index;
    }

    /** See {@link #lowBytesIndex}: 16 lanes rotated by one (lane i takes lane i - 1, lane 0 lane 15). */
    static int[] rotateOneIndex() {
        int[] index = new int[16];
        for (int i = 0; i < 16; i++) {
            index[i] = (i + 15) & 15;
        }
        return index;
    }

    private static byte[] replicated(VectorSpecies<Byte> bytes, byte[] table16) {
        byte[] lanesTable = new byte[bytes.length()];
        for (int i = 0; i < lanesTable.length; i++) {
            lanesTable[i] = table16[i & 15];
        }
        return lanesTable;
    }

    /** Reports every hit in values {@code [fromValue, toValue)}; see {@link Searcher#scan}. */
    abstract void scan(Utf16Column column, int fromValue, int toValue, TeddySearcher searcher, HitSink sink);

    /** The vector width this kernel runs, in bits, and its lookup: "512-bit 7-bit table (VBMI)" or "256-bit nibble". */
    static String describe(int bits, boolean sevenBit) {
        return bits + "-bit " + (sevenBit ? "7-bit table (VBMI)" : "nibble");
    }

    abstract String describe();

    /**
     * Verifies the candidate lanes {@code bits} of the block starting at unit {@code block} (bucket bits per
     * lane already stored in the searcher's {@code laneBuckets} from {@code bucketsAt}), moving the searcher's value cursor forward and reporting hits.
     * A candidate lane says where the fingerprint windows end; each literal of a flagged bucket starts its
     * own window offset before the windows' first unit. The cursor follows the window (any unit of a hit
     * lies in the hit's value), which, unlike literal starts, only moves forward: hits come out in value order.
     * The 4 units from the window's start are loaded once as a 64-bit word and each literal of a flagged
     * bucket is pre-checked against it ({@link QuickCheck}) before the exact compare.
     */
    final void verifyBlock(Utf16Column column, MemorySegment units, int block, long bits, int bucketsAt, int rangeStart,
                           int rangeEnd, TeddySearcher searcher, HitSink sink) {
        int fpMinusOne = plan.fingerprint - 1;
        long quickLimit = (units.byteSize() >>> 1) - 4;
        byte[] laneBuckets = searcher.laneBuckets;
        long[] quick = plan.quick;
        int[] windowOffset = plan.windowOffset;
        int[][] bucketLiterals = plan.bucketLiterals;
        while (bits != 0) {
            int lane = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            int window = block + lane - fpMinusOne;
            if (window < rangeStart || window >= rangeEnd) {
                continue;
            }
            if (window >= searcher.valueEnd) {
                do {
                    searcher.value++;
                    searcher.valueStart = searcher.valueEnd;
                    searcher.valueEnd = column.offset(searcher.value + 1);
                } while (window >= searcher.valueEnd);
            }
            boolean quickable = window <= quickLimit;
            long word = quickable ? units.get(QuickCheck.WORD, 2L * window) : 0;
            int bucketBits = laneBuckets[bucketsAt + lane] & 0xFF;
            do {
                int bucket = Integer.numberOfTrailingZeros(bucketBits);
                bucketBits &= bucketBits - 1;
                for (int id : bucketLiterals[bucket]) {
                    if ((!quickable || QuickCheck.mayMatch(quick, id, word))
                            && folded.verify(id, units, window - windowOffset[id], searcher.valueStart, searcher.valueEnd)) {
                        sink.hit(searcher.value, id);
                    }
                }
            } while (bucketBits != 0);
        }
    }

    /** One thread's Teddy state: the candidate lanes of the current block and the value cursor. */
    static final class TeddySearcher implements Searcher {
        /**
         * Blocks the kernel scans before it verifies their candidates, outside its vector loop: a call inside
         * that loop (even on a rare branch) made C2 spill the loop's vectors to the stack on every block.
         */
        static final int CHUNK_BLOCKS = 64;
        private final TeddyKernel kernel;
        /** Per block of the chunk, its lanes' bucket bits (64 bytes a block, whatever the width), when it has candidates. */
        final byte[] laneBuckets = new byte[CHUNK_BLOCKS * 64];
        /** Per block of the chunk, its candidate lanes (0: none). */
        final long[] chunkBits = new long[CHUNK_BLOCKS];
        /** The units of a column's last, partial block, zero-padded (TeddyTemplate's tail): two vectors of up to 32 shorts. */
        final short[] tailUnits = new short[64];
        int value;
        int valueStart;
        int valueEnd;

        TeddySearcher(TeddyKernel kernel) {
            this.kernel = kernel;
        }

        @Override
        public void scan(Utf16Column column, int fromValue, int toValue, HitSink sink) {
            if (fromValue < toValue) {
                value = fromValue;
                valueStart = column.offset(fromValue);
                valueEnd = column.offset(fromValue + 1);
                kernel.scan(column, fromValue, toValue, this, sink);
            }
        }
    }
}
