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
 * Teddy over UTF-16: a SIMD prefilter that proposes (position, buckets) candidates, then exact
 * verification. For small literal sets (up to a few dozen) it touches each input unit with a handful of
 * vector instructions instead of a table walk per unit.
 *
 * <p>How a block of L units (L = byte lanes: 32 on AVX2, 64 on AVX-512) is processed:
 * <ol>
 *   <li><b>Pack.</b> Two short-vector loads are narrowed to one byte vector with unsigned saturation
 *       ({@code UMIN 0xFF}, then {@code S2B}): ASCII stays, every unit above U+00FE becomes 0xFF. Byte
 *       Teddy on raw UTF-16 would spend half of every fingerprint on the 0x00 high bytes.</li>
 *   <li><b>Fingerprint.</b> For each of the first F ≤ 3 units of the literals, the low and high nibble
 *       of each byte index a 16-entry table of 8 bucket bits; ANDing both gives the buckets whose
 *       literals may have that unit there (see {@link TeddyPlan} for how case folding and non-ASCII are
 *       entered). Position k's result is shifted k lanes right with the previous block carried
 *       ({@code slice}), so lane i holds the buckets whose fingerprint ends at unit i.</li>
 *   <li><b>Verify.</b> Non-zero lanes are walked through the mask's bits; each bucket's literals are
 *       compared exactly (fold, case, kind, value bounds) from start {@code i - F + 1}. The value cursor
 *       only moves forward, so hits come out in value order.</li>
 * </ol>
 *
 * <p>Edges: the scan starts at the range's first unit rounded down to 32 units (64-byte aligned loads)
 * and loads whole vectors while they fit in the segment; the last block uses masked loads, because the
 * column is padded to 64 bytes, not to a 512-bit Teddy block of 128 bytes. Candidates outside the range
 * or crossing a value's end are dropped by verification.
 *
 * <p>Measured alternatives (bench NibbleLookupBenchmark, JDK 25, AVX2) are recorded in
 * bench/results/matchers.md; the lookup kept here is {@code selectFrom} on the full species.
 */
public final class TeddyMatcher implements Matcher {
    public static final String NAME = "teddy";

    private final FoldedLiterals folded;
    private final TeddyPlan plan;
    private final VectorSpecies<Byte> bytes;
    private final VectorSpecies<Short> shorts;
    private final int lanes;
    private final ByteVector[] lowTables;
    private final ByteVector[] highTables;

    public TeddyMatcher(LiteralSet literals) {
        this(literals, ByteVector.SPECIES_PREFERRED);
    }

    /** With an explicit byte species (256 or 512 bits), so tests cover both widths on any machine. */
    TeddyMatcher(LiteralSet literals, VectorSpecies<Byte> byteSpecies) {
        folded = new FoldedLiterals(literals);
        plan = new TeddyPlan(folded);
        bytes = byteSpecies;
        lanes = byteSpecies.length();
        shorts = ShortVector.SPECIES_128.withShape(byteSpecies.vectorShape());
        lowTables = new ByteVector[plan.fingerprint];
        highTables = new ByteVector[plan.fingerprint];
        for (int pos = 0; pos < plan.fingerprint; pos++) {
            lowTables[pos] = replicated(plan.lowNibble[pos]);
            highTables[pos] = replicated(plan.highNibble[pos]);
        }
    }

    private ByteVector replicated(byte[] table16) {
        byte[] lanesTable = new byte[lanes];
        for (int i = 0; i < lanes; i++) {
            lanesTable[i] = table16[i & 15];
        }
        return ByteVector.fromArray(bytes, lanesTable, 0);
    }

    @Override
    public String strategyName() {
        return NAME;
    }

    @Override
    public LiteralSet literals() {
        return folded.set;
    }

    int lanes() {
        return lanes;
    }

    @Override
    public Object newScratch() {
        return new byte[64];
    }

    @Override
    public void scan(Utf16Column column, int fromValue, int toValue, Object scratch, HitSink sink) {
        if (fromValue >= toValue) {
            return;
        }
        byte[] laneBuckets = scratch instanceof byte[] b && b.length >= lanes ? b : new byte[lanes];
        MemorySegment units = column.units();
        int rangeStart = column.offset(fromValue);
        int rangeEnd = column.offset(toValue);
        long segmentUnits = units.byteSize() >>> 1;
        int half = lanes >>> 1;
        int fp = plan.fingerprint;
        ByteVector zero = ByteVector.zero(bytes);
        ByteVector previousFirst = zero;
        ByteVector previousFirstTwo = zero;
        int value = fromValue;
        int valueEnd = column.offset(value + 1);
        for (int block = rangeStart & ~31; block < rangeEnd; block += lanes) {
            ByteVector packed;
            if (block + lanes <= segmentUnits) {
                packed = pack(ShortVector.fromMemorySegment(shorts, units, 2L * block, ByteOrder.LITTLE_ENDIAN),
                        ShortVector.fromMemorySegment(shorts, units, 2L * (block + half), ByteOrder.LITTLE_ENDIAN));
            } else {
                packed = pack(maskedLoad(units, block, segmentUnits), maskedLoad(units, block + half, segmentUnits));
            }
            ByteVector low = packed.and((byte) 0x0F);
            ByteVector high = packed.lanewise(VectorOperators.LSHR, 4);
            // Lane i of the result: buckets whose fingerprint (units i-F+1 .. i) all passed.
            ByteVector candidates = buckets(0, low, high);
            if (fp > 1) {
                ByteVector first = candidates;
                candidates = buckets(1, low, high).and(previousFirst.slice(lanes - 1, first));
                previousFirst = first;
                if (fp > 2) {
                    ByteVector firstTwo = candidates;
                    candidates = buckets(2, low, high).and(previousFirstTwo.slice(lanes - 1, firstTwo));
                    previousFirstTwo = firstTwo;
                }
            }
            VectorMask<Byte> hit = candidates.compare(VectorOperators.NE, (byte) 0);
            if (!hit.anyTrue()) {
                continue;
            }
            candidates.intoArray(laneBuckets, 0);
            long bits = hit.toLong();
            while (bits != 0) {
                int lane = Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                int start = block + lane - (fp - 1);
                if (start < rangeStart || start >= rangeEnd) {
                    continue;
                }
                while (start >= valueEnd) {
                    value++;
                    valueEnd = column.offset(value + 1);
                }
                int valueStart = column.offset(value);
                int bucketBits = laneBuckets[lane] & 0xFF;
                while (bucketBits != 0) {
                    int bucket = Integer.numberOfTrailingZeros(bucketBits);
                    bucketBits &= bucketBits - 1;
                    for (int id : plan.bucketLiterals[bucket]) {
                        if (folded.verify(id, units, start, valueStart, valueEnd)) {
                            sink.hit(value, id);
                        }
                    }
                }
            }
        }
    }

    private ByteVector buckets(int pos, ByteVector low, ByteVector high) {
        return low.selectFrom(lowTables[pos]).and(high.selectFrom(highTables[pos]));
    }

    private ShortVector maskedLoad(MemorySegment units, long unitIndex, long segmentUnits) {
        VectorMask<Short> inRange = shorts.indexInRange(unitIndex, segmentUnits);
        return ShortVector.fromMemorySegment(shorts, units, 2L * Math.min(unitIndex, segmentUnits), ByteOrder.LITTLE_ENDIAN, inRange);
    }

    private ByteVector pack(ShortVector first, ShortVector second) {
        ByteVector a = (ByteVector) first.lanewise(VectorOperators.UMIN, (short) 0xFF)
                .convertShape(VectorOperators.S2B, bytes, 0);
        ByteVector b = (ByteVector) second.lanewise(VectorOperators.UMIN, (short) 0xFF)
                .convertShape(VectorOperators.S2B, bytes, -1);
        return a.or(b);
    }
}
