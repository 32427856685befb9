package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Teddy's one-block step, written once for every vector width, and what the per-width loops
 * ({@link TeddyLoops}) share: the lookup tables as vectors and the exact verification of a block's
 * candidate lanes.
 *
 * <p><b>Why static steps with the species as a parameter.</b> The Vector API is intrinsified only where
 * C2 sees the species as a constant. A species held in an instance field or returned by a virtual getter
 * is not one, and every vector was boxed (measured: 50-280 MB allocated per 16 MiB scan, 0.1 GB/s). The
 * steps here are small static methods (well under C2's inlining limit for hot calls); each per-width loop
 * calls them with its own {@code static final} species, so after inlining the species is a constant again
 * and the step is compiled once per width, as .NET's {@code TeddyHelper} and Rust's generic {@code Slim<V>}
 * instantiate one body per vector type.
 *
 * <p><b>Why the step carries the previous packed input, not partial results.</b> Lane {@code i} of a block's
 * candidates holds the buckets whose whole fingerprint window ends at unit {@code i}: position {@code k} of
 * the window (of F) is looked up on the input shifted {@code F-1-k} units right, the missing first lanes
 * taken from the previous block ({@code previous.slice(L - d, current)}). The only state between blocks is
 * that one packed vector, so a block's step is a pure function of (previous, current) and unrolling by two
 * is two calls. The older serial chain (carry each position's partial AND) needed three carried vectors
 * and had to be written out per width and per unroll (bench/RESULTS.md, "Teddy: one block step").
 */
abstract class TeddyKernel {
    /** The saturating pack's ceiling for nibble lookups: ASCII and Latin-1 stay, everything above is 0xFF. */
    static final short NIBBLE_CEILING = 0xFF;
    /** The pack's ceiling for 7-bit table lookups: ASCII stays, everything above is 0x7F (DEL). */
    static final short TABLE_CEILING = 0x7F;

    final FoldedLiterals folded;
    final TeddyPlan plan;
    /** Per distance d (0..3) from the window's end: the low / high nibble tables of position F-1-d, replicated over the lanes. */
    final ByteVector[] lowByDistance = new ByteVector[TeddyPlan.MAX_FINGERPRINT];
    final ByteVector[] highByDistance = new ByteVector[TeddyPlan.MAX_FINGERPRINT];

    TeddyKernel(FoldedLiterals folded, TeddyPlan plan, VectorSpecies<Byte> bytes, boolean sevenBit) {
        this.folded = folded;
        this.plan = plan;
        int fp = plan.fingerprint;
        for (int d = 0; d < TeddyPlan.MAX_FINGERPRINT; d++) {
            int pos = fp - 1 - Math.min(d, fp - 1);
            if (sevenBit) {
                // The 128-entry table of the position: entries 0-63 in the first vector, 64-127 in the second.
                lowByDistance[d] = ByteVector.fromArray(bytes, plan.table7[pos], 0);
                highByDistance[d] = ByteVector.fromArray(bytes, plan.table7[pos], 64);
            } else {
                lowByDistance[d] = replicated(bytes, plan.lowNibble[pos]);
                highByDistance[d] = replicated(bytes, plan.highNibble[pos]);
            }
        }
    }

    private static ByteVector replicated(VectorSpecies<Byte> bytes, byte[] table16) {
        byte[] lanesTable = new byte[bytes.length()];
        for (int i = 0; i < lanesTable.length; i++) {
            lanesTable[i] = table16[i & 15];
        }
        return ByteVector.fromArray(bytes, lanesTable, 0);
    }

    /** Reports every hit in values {@code [fromValue, toValue)}; see {@link Searcher#scan}. */
    abstract void scan(Utf16Column column, int fromValue, int toValue, TeddySearcher searcher, HitSink sink);

    /** The vector width this kernel runs, in bits, and its lookup: "512-bit 7-bit table" or "256-bit nibble". */
    abstract String describe();

    // ---- the block step, once for every width ----

    /**
     * Units {@code [unit, unit + L)} narrowed to L bytes with unsigned saturation at {@code ceiling}
     * ({@code UMIN}, then {@code S2B}): ASCII stays, every unit above the ceiling becomes the ceiling.
     * Byte Teddy on raw UTF-16 would spend half of every fingerprint on the 0x00 high bytes.
     */
    static ByteVector pack(VectorSpecies<Short> shorts, VectorSpecies<Byte> bytes, MemorySegment units, long unit,
                           short ceiling) {
        int half = shorts.length();
        ShortVector first = ShortVector.fromMemorySegment(shorts, units, 2L * unit, ByteOrder.LITTLE_ENDIAN);
        ShortVector second = ShortVector.fromMemorySegment(shorts, units, 2L * (unit + half), ByteOrder.LITTLE_ENDIAN);
        return narrow(bytes, first, second, ceiling);
    }

    /** {@link #pack} for the last block, whose units may run past the segment (it is padded to 64 bytes, not to L units). */
    static ByteVector packTail(VectorSpecies<Short> shorts, VectorSpecies<Byte> bytes, MemorySegment units, long unit,
                               long segmentUnits, short ceiling) {
        int half = shorts.length();
        return narrow(bytes, maskedLoad(shorts, units, unit, segmentUnits),
                maskedLoad(shorts, units, unit + half, segmentUnits), ceiling);
    }

    private static ByteVector narrow(VectorSpecies<Byte> bytes, ShortVector first, ShortVector second, short ceiling) {
        return ((ByteVector) first.lanewise(VectorOperators.UMIN, ceiling).convertShape(VectorOperators.S2B, bytes, 0))
                .or((ByteVector) second.lanewise(VectorOperators.UMIN, ceiling).convertShape(VectorOperators.S2B, bytes, -1));
    }

    private static ShortVector maskedLoad(VectorSpecies<Short> shorts, MemorySegment units, long unit, long segmentUnits) {
        VectorMask<Short> inRange = shorts.indexInRange(unit, segmentUnits);
        return ShortVector.fromMemorySegment(shorts, units, 2L * Math.min(unit, segmentUnits), ByteOrder.LITTLE_ENDIAN, inRange);
    }

    /**
     * The candidates of block {@code current} (lane i: the buckets whose F-unit window ends at unit i)
     * by nibble lookups: each byte's low and high nibble index 16-entry tables of bucket bits, ANDed.
     */
    static ByteVector nibbleCandidates(int fp, int lanes, ByteVector previous, ByteVector current,
                                       ByteVector low0, ByteVector high0, ByteVector low1, ByteVector high1,
                                       ByteVector low2, ByteVector high2, ByteVector low3, ByteVector high3) {
        ByteVector candidates = nibbles(current, low0, high0);
        if (fp > 1) {
            candidates = candidates.and(nibbles(previous.slice(lanes - 1, current), low1, high1));
            if (fp > 2) {
                candidates = candidates.and(nibbles(previous.slice(lanes - 2, current), low2, high2));
                if (fp > 3) {
                    candidates = candidates.and(nibbles(previous.slice(lanes - 3, current), low3, high3));
                }
            }
        }
        return candidates;
    }

    private static ByteVector nibbles(ByteVector input, ByteVector low, ByteVector high) {
        return low.rearrange(input.and((byte) 0x0F).toShuffle())
                .and(high.rearrange(input.lanewise(VectorOperators.LSHR, 4).toShuffle()));
    }

    /**
     * The same candidates by one 128-entry table lookup per position, indexed by the 7-bit packed unit:
     * a two-vector {@code selectFrom} ({@code vpermi2b} on AVX-512 VBMI) instead of two nibble lookups.
     * Only at 512 bits do two vectors hold 128 entries.
     */
    static ByteVector tableCandidates(int fp, int lanes, ByteVector previous, ByteVector current,
                                      ByteVector lo0, ByteVector hi0, ByteVector lo1, ByteVector hi1,
                                      ByteVector lo2, ByteVector hi2, ByteVector lo3, ByteVector hi3) {
        ByteVector candidates = current.selectFrom(lo0, hi0);
        if (fp > 1) {
            candidates = candidates.and(previous.slice(lanes - 1, current).selectFrom(lo1, hi1));
            if (fp > 2) {
                candidates = candidates.and(previous.slice(lanes - 2, current).selectFrom(lo2, hi2));
                if (fp > 3) {
                    candidates = candidates.and(previous.slice(lanes - 3, current).selectFrom(lo3, hi3));
                }
            }
        }
        return candidates;
    }

    /** Verifies block {@code block}'s candidate lanes, if any (the common case is none: one compare, one branch). */
    final void report(ByteVector candidates, Utf16Column column, MemorySegment units, int block, int rangeStart,
                      int rangeEnd, TeddySearcher searcher, HitSink sink) {
        long bits = candidates.compare(VectorOperators.NE, (byte) 0).toLong();
        if (bits != 0) {
            candidates.intoArray(searcher.laneBuckets, 0);
            verifyBlock(column, units, block, bits, rangeStart, rangeEnd, searcher, sink);
        }
    }

    /**
     * Verifies the candidate lanes {@code bits} of the block starting at unit {@code block} (bucket bits per
     * lane already stored in the searcher), moving the searcher's value cursor forward and reporting hits.
     * A candidate lane says where the fingerprint windows end; each literal of a flagged bucket starts its
     * own window offset before the windows' first unit. The cursor follows the window (any unit of a hit
     * lies in the hit's value), which, unlike literal starts, only moves forward: hits come out in value order.
     * The 4 units from the window's start are loaded once as a 64-bit word and each literal of a flagged
     * bucket is pre-checked against it ({@link QuickCheck}) before the exact compare.
     */
    final void verifyBlock(Utf16Column column, MemorySegment units, int block, long bits, int rangeStart,
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
            int bucketBits = laneBuckets[lane] & 0xFF;
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
        private final TeddyKernel kernel;
        final byte[] laneBuckets = new byte[64];
        int value;
        int valueStart;
        int valueEnd;

        TeddySearcher(TeddyKernel kernel) {
            this.kernel = kernel;
        }

        @Override
        public void scan(Utf16Column column, int fromValue, int toValue, HitSink sink) {
            Matcher.requirePlain(column);
            if (fromValue < toValue) {
                value = fromValue;
                valueStart = column.offset(fromValue);
                valueEnd = column.offset(fromValue + 1);
                kernel.scan(column, fromValue, toValue, this, sink);
            }
        }
    }
}
