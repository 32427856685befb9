package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * What Teddy's per-width scan loops share: the nibble tables as vectors and the exact verification of a
 * block's candidate lanes. The loops themselves live in one final subclass per width
 * ({@link TeddyMatcher}), each naming its species as a static final: the Vector API is intrinsified only
 * when C2 sees the species as a constant. Written once against a species held in a field or returned by a
 * virtual getter, every vector was boxed (measured: 50-280 MB allocated per 16 MiB scan, 0.1 GB/s).
 */
abstract class TeddyKernel {
    final FoldedLiterals folded;
    final TeddyPlan plan;
    final int lanes;
    final ByteVector[] lowTables;
    final ByteVector[] highTables;

    TeddyKernel(FoldedLiterals folded, TeddyPlan plan) {
        this.folded = folded;
        this.plan = plan;
        lanes = bytes().length();
        lowTables = new ByteVector[plan.fingerprint];
        highTables = new ByteVector[plan.fingerprint];
        for (int pos = 0; pos < plan.fingerprint; pos++) {
            lowTables[pos] = replicated(plan.lowNibble[pos]);
            highTables[pos] = replicated(plan.highNibble[pos]);
        }
    }

    /** The byte species of the concrete width. */
    abstract VectorSpecies<Byte> bytes();

    /** Reports every hit in values {@code [fromValue, toValue)}; see {@link Matcher#scan}. */
    abstract void scan(Utf16Column column, int fromValue, int toValue, Scratch scratch, HitSink sink);

    private ByteVector replicated(byte[] table16) {
        byte[] lanesTable = new byte[lanes];
        for (int i = 0; i < lanes; i++) {
            lanesTable[i] = table16[i & 15];
        }
        return ByteVector.fromArray(bytes(), lanesTable, 0);
    }

    int lanes() {
        return lanes;
    }

    /** Per-thread state: the candidate lanes of the current block and the value cursor. */
    static final class Scratch {
        final byte[] laneBuckets = new byte[64];
        int value;
        int valueStart;
        int valueEnd;
    }

    /** Puts the value cursor on value {@code value} (the scan's first). */
    static void startAt(Utf16Column column, int value, Scratch scratch) {
        scratch.value = value;
        scratch.valueStart = column.offset(value);
        scratch.valueEnd = column.offset(value + 1);
    }

    /**
     * Verifies the candidate lanes {@code bits} of the block starting at unit {@code block} (bucket bits per
     * lane already stored in the scratch), moving the scratch's value cursor forward and reporting hits.
     * A candidate lane says where the fingerprint windows end; each literal of a flagged bucket starts its
     * own window offset before the windows' first unit. The cursor follows the window (any unit of a hit
     * lies in the hit's value), which, unlike literal starts, only moves forward: hits come out in value order.
     */
    final void verifyBlock(Utf16Column column, MemorySegment units, int block, long bits, int rangeStart,
                           int rangeEnd, Scratch scratch, HitSink sink) {
        int fpMinusOne = plan.fingerprint - 1;
        long quickLimit = (units.byteSize() >>> 1) - 4;
        byte[] laneBuckets = scratch.laneBuckets;
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
            if (window >= scratch.valueEnd) {
                do {
                    scratch.value++;
                    scratch.valueStart = scratch.valueEnd;
                    scratch.valueEnd = column.offset(scratch.value + 1);
                } while (window >= scratch.valueEnd);
            }
            boolean quickable = window <= quickLimit;
            long word = quickable ? units.get(QuickCheck.WORD, 2L * window) : 0;
            int bucketBits = laneBuckets[lane] & 0xFF;
            do {
                int bucket = Integer.numberOfTrailingZeros(bucketBits);
                bucketBits &= bucketBits - 1;
                for (int id : bucketLiterals[bucket]) {
                    if ((!quickable || QuickCheck.mayMatch(quick, id, word))
                            && folded.verify(id, units, window - windowOffset[id], scratch.valueStart, scratch.valueEnd)) {
                        sink.hit(scratch.value, id);
                    }
                }
            } while (bucketBits != 0);
        }
    }
}
