package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
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
 * AVX-512 VBMI). {@code SEVEN_BIT} is a constant per copy, so the other branch is folded away. The old
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
    private static final byte LOW_NIBBLE = 0x0F;
    private static final java.lang.foreign.ValueLayout.OfShort TAIL_UNIT =
            java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** What follows a column's last units in the zero-padded tail. */
    private static final short[] ZERO_TAIL = new short[LANES];

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
     * inlined, and every vector crossing the call is boxed.
     */
    @Override
    void scan(Utf16Column column, int fromValue, int toValue, TeddySearcher searcher, HitSink sink) {
        MemorySegment units = column.units();
        int rangeStart = column.offset(fromValue);
        int rangeEnd = column.offset(toValue);
        long segmentUnits = units.byteSize() >>> 1;
        int fp = plan.fingerprint;
        ByteVector l0 = lowTables[0], h0 = highTables[0], l1 = lowTables[1], h1 = highTables[1];
        ByteVector l2 = lowTables[2], h2 = highTables[2], l3 = lowTables[3], h3 = highTables[3];
        ByteVector carry1 = ByteVector.zero(BYTES);
        ByteVector carry2 = carry1;
        ByteVector carry3 = carry1;
        for (int block = rangeStart & ~31; block < rangeEnd; block += LANES) {
            // Pack: units [block, block + L) to L bytes, saturating at the ceiling (past the segment: zeros).
            ShortVector first;
            ShortVector second;
            if (block + LANES <= segmentUnits) {
                first = ShortVector.fromMemorySegment(SHORTS, units, 2L * block, ByteOrder.LITTLE_ENDIAN);
                second = ShortVector.fromMemorySegment(SHORTS, units, 2L * block + LANES, ByteOrder.LITTLE_ENDIAN);
            } else {
                // The segment's last, partial block: its units copied into the searcher's scratch, zero after
                // them, as a masked load would read. Not a masked load: its index check is a virtual call on
                // the mask whose receiver C2 could not always bind on this cold branch ("failed to inline: no
                // static binding" in 3 of 4 compiles), and it then ran the Vector API's boxed Java code for
                // every column's last block (~9% of a seed scan's samples, bench/RESULTS.md §20).
                short[] tail = searcher.tailUnits;
                int present = (int) (segmentUnits - block);
                MemorySegment.copy(units, TAIL_UNIT, 2L * block, tail, 0, present);
                // zeros after them by arraycopy, not Arrays.fill: a column's last block comes once per column,
                // too rarely for the fill loop to be compiled early (JFR: ~3% of a cold demo scan interpreted)
                System.arraycopy(ZERO_TAIL, 0, tail, present, LANES - present);
                first = ShortVector.fromArray(SHORTS, tail, 0);
                second = ShortVector.fromArray(SHORTS, tail, LANES / 2);
            }
            ByteVector current = ((ByteVector) first.lanewise(VectorOperators.UMIN, CEILING)
                    .convertShape(VectorOperators.S2B, BYTES, 0))
                    .or((ByteVector) second.lanewise(VectorOperators.UMIN, CEILING)
                            .convertShape(VectorOperators.S2B, BYTES, -1));
            // Lookups, one per window position, each ANDed with the previous position's result shifted one
            // lane right (its last lane carried from the previous block): lane i ends up with the buckets whose
            // whole window ends at unit i.
            ByteVector candidates = SEVEN_BIT ? current.selectFrom(l0, h0)
                    : current.and(LOW_NIBBLE).selectFrom(l0).and(current.lanewise(VectorOperators.LSHR, 4).selectFrom(h0));
            if (fp > 1) {
                ByteVector lowIndex = SEVEN_BIT ? current : current.and(LOW_NIBBLE);
                ByteVector highIndex = SEVEN_BIT ? current : current.lanewise(VectorOperators.LSHR, 4);
                ByteVector one = candidates;
                candidates = (SEVEN_BIT ? current.selectFrom(l1, h1) : lowIndex.selectFrom(l1).and(highIndex.selectFrom(h1)))
                        .and(carry1.slice(LANES - 1, one));
                carry1 = one;
                if (fp > 2) {
                    ByteVector two = candidates;
                    candidates = (SEVEN_BIT ? current.selectFrom(l2, h2) : lowIndex.selectFrom(l2).and(highIndex.selectFrom(h2)))
                            .and(carry2.slice(LANES - 1, two));
                    carry2 = two;
                    if (fp > 3) {
                        ByteVector three = candidates;
                        candidates = (SEVEN_BIT ? current.selectFrom(l3, h3) : lowIndex.selectFrom(l3).and(highIndex.selectFrom(h3)))
                                .and(carry3.slice(LANES - 1, three));
                        carry3 = three;
                    }
                }
            }
            long bits = candidates.compare(VectorOperators.NE, (byte) 0).toLong();
            if (bits != 0) {
                candidates.intoArray(searcher.laneBuckets, 0);
                verifyBlock(column, units, block, bits, rangeStart, rangeEnd, searcher, sink);
            }
        }
    }
}
