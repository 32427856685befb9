package dev.widescan.bench.yardstick;

import dev.widescan.format.Utf16Column;
import dev.widescan.match.FoldedLiterals;
import dev.widescan.match.HitSink;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.Searcher;
import dev.widescan.text.CaseFolding;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * For one to a few literals: memchr's "packed pair" on UTF-16. Each literal gets two anchor positions
 * holding its rarest units (by a fixed ranking of units in Windows command lines, where 0x00-free ASCII
 * letters like e, t, a and separators dominate); each block of input is compared against broadcast copies
 * of both anchors, at the two offsets, and only positions where both agree are verified. No packing and no
 * table lookup: a handful of compares per 16 (AVX2) or 32 (AVX-512) units, so it runs near memory speed
 * when the anchors are rare.
 *
 * <p>Anchor tests are exact per unit: an anchor is the set of input units that fold to the literal's unit
 * (for a case-insensitive literal), or the unit itself. An ASCII letter whose only preimages are its two
 * cases is one compare after OR 0x20; i, k and s also match dotted/dotless I, KELVIN SIGN and LONG S, so
 * they (like non-ASCII units) cost one compare per preimage. The vector species is the preferred one, a
 * static final so that C2 intrinsifies it (see the engine's TeddyKernel).
 *
 * <p>Measured (bench/results/matchers.md): 1.33 GB/s on one literal against Teddy's 2.03, and it degrades
 * linearly with the literal count (0.03 GB/s on 45), so {@code auto} never picks it. It is kept as the
 * measured answer to "would compares against broadcast beat nibble tables for few literals" on JDK 25/AVX2.
 */
public final class PackedPairMatcher implements Matcher {
    public static final String NAME = "packed-pair";
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final int LANES = SHORTS.length();
    /** ASCII units from most to least frequent in command lines; units not listed count as rarest. */
    private static final String COMMON = " eatsorinlc\\mdp.-/:hgu2f0w1x3b4ky5v6789\"=_";

    private final FoldedLiterals folded;
    /** Per literal, per anchor (2): offset in the literal, OR mask (0x20 for a caseless letter), units to compare. */
    private final int[][] anchorOffset;
    private final short[][] anchorOr;
    private final short[][][] anchorUnits;
    private final int longestAnchor;

    public PackedPairMatcher(LiteralSet literals) {
        folded = new FoldedLiterals(literals);
        int n = folded.size();
        anchorOffset = new int[n][2];
        anchorOr = new short[n][2];
        anchorUnits = new short[n][2][];
        int longest = 0;
        for (int id = 0; id < n; id++) {
            char[] lit = folded.units(id);
            int first = rarest(id, -1);
            int second = lit.length > 1 ? rarest(id, first) : first;
            int[] offsets = {first, second};
            for (int a = 0; a < 2; a++) {
                char c = lit[offsets[a]];
                anchorOffset[id][a] = offsets[a];
                longest = Math.max(longest, offsets[a]);
                if (!folded.caseless(id)) {
                    anchorUnits[id][a] = new short[] {(short) c};
                } else if (c >= 'a' && c <= 'z' && CaseFolding.foldsWithinAscii(c)) {
                    anchorOr[id][a] = 0x20;
                    anchorUnits[id][a] = new short[] {(short) c};
                } else {
                    char[] preimages = CaseFolding.preimages(c);
                    anchorUnits[id][a] = new short[preimages.length];
                    for (int p = 0; p < preimages.length; p++) {
                        anchorUnits[id][a][p] = (short) preimages[p];
                    }
                }
            }
        }
        longestAnchor = longest;
    }

    private int rarest(int id, int except) {
        char[] lit = folded.units(id);
        int best = -1;
        int bestRank = -1;
        for (int k = 0; k < lit.length; k++) {
            if (k == except) {
                continue;
            }
            int rank = COMMON.indexOf(CaseFolding.fold(lit[k]));
            rank = rank < 0 ? Integer.MAX_VALUE : rank;
            if (rank > bestRank) {
                bestRank = rank;
                best = k;
            }
        }
        return best;
    }

    @Override
    public String strategyName() {
        return NAME;
    }

    @Override
    public LiteralSet literals() {
        return folded.set();
    }

    /** Per-thread: per literal, the candidate bits of the current block, and the value cursor. */
    static final class Scratch {
        final long[] candidates;
        int value;
        int valueEnd;

        Scratch(int literals) {
            candidates = new long[literals];
        }
    }

    @Override
    public Searcher newSearcher() {
        Scratch s = new Scratch(folded.size());
        return (column, fromValue, toValue, sink) -> scan(column, fromValue, toValue, s, sink);
    }

    private void scan(Utf16Column column, int fromValue, int toValue, Scratch s, HitSink sink) {
        if (fromValue >= toValue) {
            return;
        }
        long[] candidates = s.candidates;
        MemorySegment units = column.units();
        int rangeStart = column.offset(fromValue);
        int rangeEnd = column.offset(toValue);
        long segmentUnits = units.byteSize() >>> 1;
        int literalCount = candidates.length;
        s.value = fromValue;
        s.valueEnd = column.offset(fromValue + 1);
        for (int block = rangeStart; block < rangeEnd; block += LANES) {
            boolean whole = block + longestAnchor + LANES <= segmentUnits;
            long any = 0;
            for (int id = 0; id < literalCount; id++) {
                long bits = anchorBits(units, block, id, 0, whole, segmentUnits)
                        & anchorBits(units, block, id, 1, whole, segmentUnits);
                candidates[id] = bits;
                any |= bits;
            }
            while (any != 0) {
                int lane = Long.numberOfTrailingZeros(any);
                any &= any - 1;
                int start = block + lane;
                if (start >= rangeEnd) {
                    break;
                }
                while (start >= s.valueEnd) {
                    s.value++;
                    s.valueEnd = column.offset(s.value + 1);
                }
                int valueStart = column.offset(s.value);
                for (int id = 0; id < literalCount; id++) {
                    if ((candidates[id] & (1L << lane)) != 0
                            && folded.verify(id, units, start, valueStart, s.valueEnd)) {
                        sink.hit(s.value, id);
                    }
                }
            }
        }
    }

    /**
     * The candidate bits of one anchor for the block. Vectors never cross a branch or loop merge here (C2
     * boxes a vector at such a phi): each path turns its compares into a {@code long} before merging.
     */
    private long anchorBits(MemorySegment units, int block, int id, int a, boolean whole, long segmentUnits) {
        long at = block + anchorOffset[id][a];
        if (whole) {
            ShortVector v = ShortVector.fromMemorySegment(SHORTS, units, 2 * at, ByteOrder.LITTLE_ENDIAN);
            return compareBits(v, id, a);
        }
        ShortVector v = ShortVector.fromMemorySegment(SHORTS, units, 2 * Math.min(at, segmentUnits),
                ByteOrder.LITTLE_ENDIAN, SHORTS.indexInRange(at, segmentUnits));
        return compareBits(v, id, a);
    }

    private long compareBits(ShortVector v, int id, int a) {
        short[] targets = anchorUnits[id][a];
        ShortVector folded = v.or(anchorOr[id][a]);
        long bits = folded.compare(VectorOperators.EQ, targets[0])
                .or(folded.compare(VectorOperators.EQ, targets[targets.length > 1 ? 1 : 0])).toLong();
        for (int t = 2; t < targets.length; t++) {
            bits |= folded.compare(VectorOperators.EQ, targets[t]).toLong();
        }
        return bits;
    }
}
