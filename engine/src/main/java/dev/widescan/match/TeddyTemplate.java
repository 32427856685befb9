package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Teddy's scan loop and its one-block step, written once for every vector width and lookup. This class is
 * never loaded under its own name: {@link TeddyKernels} defines it as a hidden class once per
 * (width, lookup), handing the species in as class data, so each copy's {@code static final} species is a
 * constant to C2, as it must be for the Vector API to be intrinsified. (Written once against a species held
 * in an instance field, a virtual getter, or a static helper taking the species as a parameter, every
 * vector was boxed: 0.1 GB/s and up to 1 GB allocated per 64 MiB scan; a helper compiled on its own is
 * "already compiled into a big method" and is then not inlined where the species is constant. Measured in
 * bench/RESULTS.md, "Teddy: one block step".) It is .NET's {@code TeddyHelper} and Rust's generic
 * {@code Slim<V>}: one body, one instantiation per vector type.
 *
 * <p><b>The block step.</b> Each block of L units is packed to L bytes (saturating), each window position k
 * (of F) is looked up, and position k's result is ANDed with position k-1's shifted one lane right, its
 * first lane carried from the previous block ({@code carry.slice(L - 1, current)}): lane {@code i} ends up
 * with the buckets whose whole fingerprint window ends at unit {@code i}. Lookups are either two nibble
 * lookups (16-entry tables, {@code pshufb}-style) or, with {@code SEVEN_BIT} at 512 bits, one 128-entry
 * table indexed by the unit saturated at 0x7F through a two-vector {@code selectFrom} ({@code vpermi2b} on
 * AVX-512 VBMI). {@code SEVEN_BIT} is a constant per copy, so the other branch is folded away.
 *
 * <p><b>Nibble kernels without VBMI (AVX2).</b> C2 lowers a 256-bit byte {@code selectFrom} or {@code slice}
 * without VBMI to a cross-lane emulation (vperm2i128, two vpshufb, vpaddb, vpblendvb), a byte shift to
 * widen-shift-pack, and a narrowing into an upper half to a computed shuffle. So the 256-bit kernel looks
 * each block up as two 128-bit halves (a 128-bit {@code selectFrom} is one pshufb), each packed by one
 * narrowing of a 256-bit short vector; the 128-bit kernel packs by a two-vector {@code selectFrom} (as the
 * 7-bit one) and (as each half) shifts one lane by a rotation (one pshufb) blended with the previous
 * rotation at lane 0; every nibble kernel takes its high nibble by a 32-bit shift; and the two narrower
 * kernels' load offsets are written so that C2 hoists their bounds checks. Warm, real command lines, AVX2
 * code ({@code -XX:UseAVX=2}): 256-bit 3.4 to 6.1 GB/s, 128-bit 3.5 to 5.6 (bench/RESULTS.md, "AVX2
 * nibble kernel"). The old
 * loops did two blocks per iteration; that writes the step twice, and the single-step loop measured as
 * fast from memory (bench/RESULTS.md).
 */
final class TeddyTemplate extends TeddyKernel {
    private static final VectorSpecies<Byte> BYTES = classData(0, VectorSpecies.class);
    private static final VectorSpecies<Short> SHORTS = classData(1, VectorSpecies.class);
    private static final boolean SEVEN_BIT = classData(2, Boolean.class);
    private static final int LANES = BYTES.length();
    /** Units above the ceiling pack to it: 0xFF for nibble lookups (Latin-1 kept), 0x7F for the 7-bit table. */
    private static final short CEILING = SEVEN_BIT ? (short) 0x7F : (short) 0xFF;
    private static final java.lang.foreign.ValueLayout.OfShort TAIL_UNIT =
            java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** What follows a column's last units in the zero-padded tail. */
    private static final short[] ZERO_TAIL = new short[LANES];
    /**
     * 7-bit and 128-bit nibble kernels: indexes into two byte vectors (first | second) picking every even
     * byte, i.e. the low byte of each of the 2 x L/2 units: the packing step as one two-vector selectFrom.
     */
    private static final byte[] LOW_BYTES = TeddyKernel.lowBytesIndex(LANES);
    /**
     * 7-bit kernel only: indexes into (current | previous) giving previous's last lane, then current's lanes
     * 0..L-2: "shifted one lane right with the previous block's last lane carried in" as one permute.
     */
    private static final byte[] PREVIOUS_LANE = TeddyKernel.previousLaneIndex(LANES);
    /**
     * 256-bit nibble kernel: each block's 32 units are looked up as two 128-bit halves (see {@link #scan}).
     * C2 lowers a 256-bit byte {@code selectFrom} without VBMI to a cross-lane emulation (vperm2i128, two
     * vpshufb, vpaddb, vpblendvb); a 128-bit one is one pshufb, which is all a 16-entry table needs.
     */
    private static final boolean HALVES = !SEVEN_BIT && LANES == 32;
    private static final VectorSpecies<Byte> HALF = ByteVector.SPECIES_128;
    /** 128-bit nibble kernel: the one-lane shift as a rotation and a blend, as in each half of the 256-bit one. */
    private static final boolean ROTATE = !SEVEN_BIT && LANES == 16;
    /** One bit per lane of a block. */
    private static final long LANE_BITS = LANES == 64 ? -1L : (1L << LANES) - 1;
    /** Halves: lane i takes lane i - 1, lane 0 lane 15 (a rotation by one; lane 0 is then blended in). */
    private static final int[] ROTATE_ONE = TeddyKernel.rotateOneIndex();

    @SuppressWarnings("unchecked")
    private static <T> T classData(int index, Class<?> type) {
        try {
            return (T) MethodHandles.classDataAt(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, type, index);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("TeddyTemplate is defined only as a hidden class by TeddyKernels", e);
        }
    }

    TeddyTemplate(FoldedLiterals folded, TeddyPlan plan) {
        super(folded, plan, BYTES, SEVEN_BIT);
    }

    @Override
    String describe() {
        return describe(BYTES.vectorBitSize(), SEVEN_BIT);
    }

    /**
     * The loop and the block step in one method, with no helper call in between: a helper that C2 compiles
     * on its own (it is hot long before this loop is) is then "already compiled into a big method" and not
     * inlined, and every vector crossing the call is boxed. Nor is there any call inside the block loop:
     * the column's last, partial block is copied to the searcher's scratch before it, and the blocks are
     * scanned {@link TeddySearcher#CHUNK_BLOCKS} at a time, their candidates (bucket bits) stored, then
     * verified after each chunk. With a call inside the loop, even on a rare branch, C2 kept
     * the loop's vectors on the stack (HotSpot's vector registers are all caller-saved): stored and
     * reloaded on every block, and the tables re-read from their arrays (bench/RESULTS.md §22).
     */
    @Override
    void scan(Utf16Column column, int fromValue, int toValue, TeddySearcher searcher, HitSink sink) {
        MemorySegment units = column.units();
        int rangeStart = column.offset(fromValue);
        int rangeEnd = column.offset(toValue);
        long segmentUnits = units.byteSize() >>> 1;
        int firstBlock = rangeStart & ~31;
        // Blocks from here on reach past the segment: at most one lies in the range, the segment's last,
        // partial block. Its units are copied into the searcher's scratch, zero after them, as a masked load
        // would read. (Not a masked load: its index check is a virtual call on the mask whose receiver C2 could
        // not always bind on this cold branch, "failed to inline: no static binding" in 3 of 4 compiles, and it
        // then ran the Vector API's boxed Java code for every column's last block: bench/RESULTS.md §20.)
        long partialFrom = segmentUnits - LANES + 1;
        short[] tail = searcher.tailUnits;
        if (rangeEnd > partialFrom) {
            long partial = firstBlock + ((Math.max(partialFrom, firstBlock) - firstBlock + LANES - 1) / LANES) * LANES;
            if (partial < rangeEnd) {
                int present = (int) (segmentUnits - partial);
                MemorySegment.copy(units, TAIL_UNIT, 2L * partial, tail, 0, present);
                // zeros after them by arraycopy, not Arrays.fill: a column's last block comes once per column,
                // too rarely for the fill loop to be compiled early (JFR: ~3% of a cold demo scan interpreted)
                System.arraycopy(ZERO_TAIL, 0, tail, present, LANES - present);
            }
        }
        int fp = plan.fingerprint;
        VectorSpecies<Byte> lookup = HALVES ? HALF : BYTES;
        ByteVector l0 = ByteVector.fromArray(lookup, lowTables[0], 0);
        ByteVector h0 = ByteVector.fromArray(lookup, highTables[0], 0);
        ByteVector l1 = ByteVector.fromArray(lookup, lowTables[1], 0);
        ByteVector h1 = ByteVector.fromArray(lookup, highTables[1], 0);
        ByteVector l2 = ByteVector.fromArray(lookup, lowTables[2], 0);
        ByteVector h2 = ByteVector.fromArray(lookup, highTables[2], 0);
        ByteVector l3 = ByteVector.fromArray(lookup, lowTables[3], 0);
        ByteVector h3 = ByteVector.fromArray(lookup, highTables[3], 0);
        VectorShuffle<Byte> rotateOne = HALVES || ROTATE ? VectorShuffle.fromArray(HALF, ROTATE_ONE, 0) : null;
        VectorMask<Byte> firstLane = HALVES || ROTATE ? VectorMask.fromLong(HALF, 1) : null;
        // loop-invariant permute indexes of the 7-bit (and 128-bit) kernel (null otherwise: the branches using
        // them fold away)
        ByteVector lowBytes = SEVEN_BIT || ROTATE ? ByteVector.fromArray(BYTES, LOW_BYTES, 0) : null;
        ByteVector previousLane = SEVEN_BIT ? ByteVector.fromArray(BYTES, PREVIOUS_LANE, 0) : null;
        ByteVector carry1 = ByteVector.zero(lookup);
        ByteVector carry2 = carry1;
        ByteVector carry3 = carry1;
        byte[] laneBuckets = searcher.laneBuckets;
        long[] chunkBits = searcher.chunkBits;
        int block = firstBlock;
        while (block < rangeEnd) {
            // A chunk of blocks, then its candidates verified. Counted by k, which also indexes what the chunk
            // stores: C2 then hoists those stores' bounds checks out of the loop (a count of candidates as the
            // index made its profiled loop predication trap and recompile the kernel again and again).
            int chunkBlocks = (int) Math.min(TeddySearcher.CHUNK_BLOCKS, ((long) rangeEnd - block + LANES - 1) / LANES);
            for (int k = 0; k < chunkBlocks; k++) {
                int at = block + k * LANES;
                // Pack: units [at, at + L) to L bytes, saturating at the ceiling (past the segment: zeros).
                ShortVector first;
                ShortVector second;
                // The offset as 2L * at for every width. (Written 2L * block + k * 2L, C2 hoisted the loads' bounds
                // checks out of the loop as a profiled predicate, 1.1x on AVX2 warm, but the predicate fails
                // on a chunk that holds the column's partial block, whose load branch is not taken: in 2 of 12
                // cold scans the 256-bit kernel was then compiled again and again, 2.6-2.9 s instead of 0.3.)
                if (at < partialFrom) {
                    first = ShortVector.fromMemorySegment(SHORTS, units, 2L * at, ByteOrder.LITTLE_ENDIAN);
                    second = ShortVector.fromMemorySegment(SHORTS, units, 2L * at + LANES, ByteOrder.LITTLE_ENDIAN);
                } else {
                    first = ShortVector.fromArray(SHORTS, tail, 0);
                    second = ShortVector.fromArray(SHORTS, tail, LANES / 2);
                }
                if (HALVES) {
                    // Two 128-bit halves: units [at, at + 16) and [at + 16, at + 32), each packed by one
                    // narrowing (vpand, vextracti128, vpackuswb) into its own vector, so no placement in an
                    // upper half. The high nibble by a 32-bit shift: the neighbour's bits it drags into a
                    // byte's top nibble are dropped by selectFrom's index wrap (mod 16), as is the low
                    // index's high nibble: no masking. The one-lane shift is a rotation by one (pshufb)
                    // whose lane 0 is blended from the rotation of the lane before: of the low half, the
                    // previous block's high half, carried rotated.
                    ByteVector a = (ByteVector) first.lanewise(VectorOperators.UMIN, CEILING).convertShape(VectorOperators.S2B, HALF, 0);
                    ByteVector b = (ByteVector) second.lanewise(VectorOperators.UMIN, CEILING).convertShape(VectorOperators.S2B, HALF, 0);
                    ByteVector aHigh = a.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes();
                    ByteVector bHigh = b.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes();
                    ByteVector foundA = a.selectFrom(l0).and(aHigh.selectFrom(h0));
                    ByteVector foundB = b.selectFrom(l0).and(bHigh.selectFrom(h0));
                    if (fp > 1) {
                        ByteVector rotA = foundA.rearrange(rotateOne);
                        ByteVector rotB = foundB.rearrange(rotateOne);
                        foundA = a.selectFrom(l1).and(aHigh.selectFrom(h1)).and(rotA.blend(carry1, firstLane));
                        foundB = b.selectFrom(l1).and(bHigh.selectFrom(h1)).and(rotB.blend(rotA, firstLane));
                        carry1 = rotB;
                        if (fp > 2) {
                            rotA = foundA.rearrange(rotateOne);
                            rotB = foundB.rearrange(rotateOne);
                            foundA = a.selectFrom(l2).and(aHigh.selectFrom(h2)).and(rotA.blend(carry2, firstLane));
                            foundB = b.selectFrom(l2).and(bHigh.selectFrom(h2)).and(rotB.blend(rotA, firstLane));
                            carry2 = rotB;
                            if (fp > 3) {
                                rotA = foundA.rearrange(rotateOne);
                                rotB = foundB.rearrange(rotateOne);
                                foundA = a.selectFrom(l3).and(aHigh.selectFrom(h3)).and(rotA.blend(carry3, firstLane));
                                foundB = b.selectFrom(l3).and(bHigh.selectFrom(h3)).and(rotB.blend(rotA, firstLane));
                                carry3 = rotB;
                            }
                        }
                    }
                    // lanes not zero: the zero lanes' bits inverted as a scalar (a vector NE is EQ, then
                    // an all-ones constant and an XOR per half)
                    long bits = ~(foundA.compare(VectorOperators.EQ, (byte) 0).toLong()
                            | foundB.compare(VectorOperators.EQ, (byte) 0).toLong() << 16) & 0xFFFF_FFFFL;
                    chunkBits[k] = bits;
                    if (bits != 0) {
                        foundA.intoArray(laneBuckets, k * 64);
                        foundB.intoArray(laneBuckets, k * 64 + 16);
                    }
                    continue;
                }
                // 7-bit and 128-bit nibble: the two halves' low bytes picked by one two-vector selectFrom
                // (vpermi2b with VBMI; on AVX2 two pshufb and a pblendvb, its indexes hoisted: 128-bit 4.4 ->
                // 5.6 GB/s, AVX2 code 4.2 -> 5.7, against the narrowing below); 512-bit nibble: each half
                // narrowed (the narrowing's placement in the upper half costs C2 a computed shuffle).
                ByteVector current = SEVEN_BIT || ROTATE
                        ? lowBytes.selectFrom(first.lanewise(VectorOperators.UMIN, CEILING).reinterpretAsBytes(),
                                second.lanewise(VectorOperators.UMIN, CEILING).reinterpretAsBytes())
                        : ((ByteVector) first.lanewise(VectorOperators.UMIN, CEILING)
                                .convertShape(VectorOperators.S2B, BYTES, 0))
                                .or((ByteVector) second.lanewise(VectorOperators.UMIN, CEILING)
                                        .convertShape(VectorOperators.S2B, BYTES, -1));
                // Lookups, one per window position, each ANDed with the previous position's result shifted one
                // lane right (its last lane carried from the previous block; 7-bit: one permute over both):
                // lane i ends up with the buckets whose whole window ends at unit i.
                // Nibble indexes: the high nibble by a 32-bit shift (x86 has no byte shift: C2 widens, shifts and
                // packs back; a 32-bit one, unlike a 16-bit one, takes its count as an immediate: vpsrld $4,
                // not mov, vmovd, vpsrlw). Neither index is masked to its nibble: selectFrom wraps an index mod the lane
                // count, and the nibble tables are replicated over the lanes (TeddyKernel), so the bits above
                // the nibble (the low index's high nibble, the neighbour byte's bits the shift drags in) select
                // another copy of the same 16 entries.
                ByteVector lowIndex = current;
                ByteVector highIndex = SEVEN_BIT ? current
                        : current.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes();
                ByteVector found = SEVEN_BIT ? current.selectFrom(l0, h0) : lowIndex.selectFrom(l0).and(highIndex.selectFrom(h0));
                // Window positions 1 to 3 written out, each with its own table and carry locals: in arrays, or
                // through a loop over positions, the vectors would be objects again (boxed), and a helper per
                // position is compiled on its own (class comment).
                if (fp > 1) {
                    // 128 bits: the one-lane shift as a rotation by one whose lane 0 is blended from the previous
                    // block's rotation (carried rotated), not slice (two permutes and a blend, its index computed
                    // in the loop)
                    ByteVector one = ROTATE ? found.rearrange(rotateOne) : found;
                    found = (SEVEN_BIT ? current.selectFrom(l1, h1) : lowIndex.selectFrom(l1).and(highIndex.selectFrom(h1)))
                            .and(SEVEN_BIT ? previousLane.selectFrom(one, carry1)
                                    : ROTATE ? one.blend(carry1, firstLane) : carry1.slice(LANES - 1, one));
                    carry1 = one;
                    if (fp > 2) {
                        ByteVector two = ROTATE ? found.rearrange(rotateOne) : found;
                        found = (SEVEN_BIT ? current.selectFrom(l2, h2) : lowIndex.selectFrom(l2).and(highIndex.selectFrom(h2)))
                                .and(SEVEN_BIT ? previousLane.selectFrom(two, carry2)
                                        : ROTATE ? two.blend(carry2, firstLane) : carry2.slice(LANES - 1, two));
                        carry2 = two;
                        if (fp > 3) {
                            ByteVector three = ROTATE ? found.rearrange(rotateOne) : found;
                            found = (SEVEN_BIT ? current.selectFrom(l3, h3) : lowIndex.selectFrom(l3).and(highIndex.selectFrom(h3)))
                                    .and(SEVEN_BIT ? previousLane.selectFrom(three, carry3)
                                            : ROTATE ? three.blend(carry3, firstLane) : carry3.slice(LANES - 1, three));
                            carry3 = three;
                        }
                    }
                }
                long bits = SEVEN_BIT ? found.compare(VectorOperators.NE, (byte) 0).toLong()
                        : ~found.compare(VectorOperators.EQ, (byte) 0).toLong() & LANE_BITS;
                chunkBits[k] = bits;
                if (bits != 0) {
                    found.intoArray(laneBuckets, k * 64);
                }
            }
            for (int k = 0; k < chunkBlocks; k++) {
                long bits = chunkBits[k];
                if (bits != 0) {
                    verifyBlock(column, units, block + k * LANES, bits, k * 64, rangeStart, rangeEnd, searcher, sink);
                }
            }
            block += chunkBlocks * LANES;
        }
    }
}
