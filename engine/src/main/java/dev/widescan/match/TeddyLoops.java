package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Teddy's per-width loops: nothing but the walk over blocks, each naming its species as a
 * {@code static final} so that the shared step ({@link TeddyKernel}) is compiled with a constant species.
 * Whole blocks go two per iteration (one branch for both, two independent lookup chains in flight); the
 * last one or two blocks use masked loads. 128, 256 and 512 bits use nibble lookups; 512 bits with VBMI
 * may use the 7-bit table lookup instead ({@link Simd} and bench/RESULTS.md say which wins).
 */
final class TeddyLoops {
    private TeddyLoops() {
    }

    static TeddyKernel create(FoldedLiterals folded, TeddyPlan plan, int vectorBits, boolean sevenBit) {
        if (sevenBit && vectorBits != 512) {
            throw new IllegalArgumentException("the 7-bit table lookup needs 512-bit vectors (two of 64 entries), not " + vectorBits);
        }
        return switch (vectorBits) {
            case 128 -> new Nibble128(folded, plan);
            case 256 -> new Nibble256(folded, plan);
            case 512 -> sevenBit ? new Table512(folded, plan) : new Nibble512(folded, plan);
            default -> throw new IllegalArgumentException("Teddy runs on 128-, 256- or 512-bit vectors, not " + vectorBits);
        };
    }

    /** 16 byte lanes, nibble lookups. */
    static final class Nibble128 extends TeddyKernel {
        private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128;
        private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_128;
        private static final int LANES = 16;

        Nibble128(FoldedLiterals folded, TeddyPlan plan) {
            super(folded, plan, BYTES, false);
        }

        @Override
        String describe() {
            return "128-bit nibble";
        }

        @Override
        void scan(Utf16Column column, int fromValue, int toValue, TeddySearcher searcher, HitSink sink) {
            MemorySegment units = column.units();
            int rangeStart = column.offset(fromValue);
            int rangeEnd = column.offset(toValue);
            long segmentUnits = units.byteSize() >>> 1;
            int fp = plan.fingerprint;
            ByteVector l0 = lowByDistance[0], h0 = highByDistance[0], l1 = lowByDistance[1], h1 = highByDistance[1];
            ByteVector l2 = lowByDistance[2], h2 = highByDistance[2], l3 = lowByDistance[3], h3 = highByDistance[3];
            ByteVector previous = ByteVector.zero(BYTES);
            int block = rangeStart & ~31;
            for (; block + LANES < rangeEnd && block + 2 * LANES <= segmentUnits; block += 2 * LANES) {
                ByteVector a = pack(SHORTS, BYTES, units, block, NIBBLE_CEILING);
                ByteVector b = pack(SHORTS, BYTES, units, block + LANES, NIBBLE_CEILING);
                ByteVector ca = nibbleCandidates(fp, LANES, previous, a, l0, h0, l1, h1, l2, h2, l3, h3);
                ByteVector cb = nibbleCandidates(fp, LANES, a, b, l0, h0, l1, h1, l2, h2, l3, h3);
                previous = b;
                if (ca.or(cb).compare(VectorOperators.NE, (byte) 0).anyTrue()) {
                    report(ca, column, units, block, rangeStart, rangeEnd, searcher, sink);
                    report(cb, column, units, block + LANES, rangeStart, rangeEnd, searcher, sink);
                }
            }
            for (; block < rangeEnd; block += LANES) {
                ByteVector a = packTail(SHORTS, BYTES, units, block, segmentUnits, NIBBLE_CEILING);
                report(nibbleCandidates(fp, LANES, previous, a, l0, h0, l1, h1, l2, h2, l3, h3),
                        column, units, block, rangeStart, rangeEnd, searcher, sink);
                previous = a;
            }
        }
    }

    /** 32 byte lanes (AVX2), nibble lookups. */
    static final class Nibble256 extends TeddyKernel {
        private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
        private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_256;
        private static final int LANES = 32;

        Nibble256(FoldedLiterals folded, TeddyPlan plan) {
            super(folded, plan, BYTES, false);
        }

        @Override
        String describe() {
            return "256-bit nibble";
        }

        @Override
        void scan(Utf16Column column, int fromValue, int toValue, TeddySearcher searcher, HitSink sink) {
            MemorySegment units = column.units();
            int rangeStart = column.offset(fromValue);
            int rangeEnd = column.offset(toValue);
            long segmentUnits = units.byteSize() >>> 1;
            int fp = plan.fingerprint;
            ByteVector l0 = lowByDistance[0], h0 = highByDistance[0], l1 = lowByDistance[1], h1 = highByDistance[1];
            ByteVector l2 = lowByDistance[2], h2 = highByDistance[2], l3 = lowByDistance[3], h3 = highByDistance[3];
            ByteVector previous = ByteVector.zero(BYTES);
            int block = rangeStart & ~31;
            for (; block + LANES < rangeEnd && block + 2 * LANES <= segmentUnits; block += 2 * LANES) {
                ByteVector a = pack(SHORTS, BYTES, units, block, NIBBLE_CEILING);
                ByteVector b = pack(SHORTS, BYTES, units, block + LANES, NIBBLE_CEILING);
                ByteVector ca = nibbleCandidates(fp, LANES, previous, a, l0, h0, l1, h1, l2, h2, l3, h3);
                ByteVector cb = nibbleCandidates(fp, LANES, a, b, l0, h0, l1, h1, l2, h2, l3, h3);
                previous = b;
                if (ca.or(cb).compare(VectorOperators.NE, (byte) 0).anyTrue()) {
                    report(ca, column, units, block, rangeStart, rangeEnd, searcher, sink);
                    report(cb, column, units, block + LANES, rangeStart, rangeEnd, searcher, sink);
                }
            }
            for (; block < rangeEnd; block += LANES) {
                ByteVector a = packTail(SHORTS, BYTES, units, block, segmentUnits, NIBBLE_CEILING);
                report(nibbleCandidates(fp, LANES, previous, a, l0, h0, l1, h1, l2, h2, l3, h3),
                        column, units, block, rangeStart, rangeEnd, searcher, sink);
                previous = a;
            }
        }
    }

    /** 64 byte lanes (AVX-512), nibble lookups. */
    static final class Nibble512 extends TeddyKernel {
        private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_512;
        private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_512;
        private static final int LANES = 64;

        Nibble512(FoldedLiterals folded, TeddyPlan plan) {
            super(folded, plan, BYTES, false);
        }

        @Override
        String describe() {
            return "512-bit nibble";
        }

        @Override
        void scan(Utf16Column column, int fromValue, int toValue, TeddySearcher searcher, HitSink sink) {
            MemorySegment units = column.units();
            int rangeStart = column.offset(fromValue);
            int rangeEnd = column.offset(toValue);
            long segmentUnits = units.byteSize() >>> 1;
            int fp = plan.fingerprint;
            ByteVector l0 = lowByDistance[0], h0 = highByDistance[0], l1 = lowByDistance[1], h1 = highByDistance[1];
            ByteVector l2 = lowByDistance[2], h2 = highByDistance[2], l3 = lowByDistance[3], h3 = highByDistance[3];
            ByteVector previous = ByteVector.zero(BYTES);
            int block = rangeStart & ~31;
            for (; block + LANES < rangeEnd && block + 2 * LANES <= segmentUnits; block += 2 * LANES) {
                ByteVector a = pack(SHORTS, BYTES, units, block, NIBBLE_CEILING);
                ByteVector b = pack(SHORTS, BYTES, units, block + LANES, NIBBLE_CEILING);
                ByteVector ca = nibbleCandidates(fp, LANES, previous, a, l0, h0, l1, h1, l2, h2, l3, h3);
                ByteVector cb = nibbleCandidates(fp, LANES, a, b, l0, h0, l1, h1, l2, h2, l3, h3);
                previous = b;
                if (ca.or(cb).compare(VectorOperators.NE, (byte) 0).anyTrue()) {
                    report(ca, column, units, block, rangeStart, rangeEnd, searcher, sink);
                    report(cb, column, units, block + LANES, rangeStart, rangeEnd, searcher, sink);
                }
            }
            for (; block < rangeEnd; block += LANES) {
                ByteVector a = packTail(SHORTS, BYTES, units, block, segmentUnits, NIBBLE_CEILING);
                report(nibbleCandidates(fp, LANES, previous, a, l0, h0, l1, h1, l2, h2, l3, h3),
                        column, units, block, rangeStart, rangeEnd, searcher, sink);
                previous = a;
            }
        }
    }

    /** 64 byte lanes (AVX-512 VBMI), one 7-bit table lookup (two-vector {@code selectFrom}) per position. */
    static final class Table512 extends TeddyKernel {
        private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_512;
        private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_512;
        private static final int LANES = 64;

        Table512(FoldedLiterals folded, TeddyPlan plan) {
            super(folded, plan, BYTES, true);
        }

        @Override
        String describe() {
            return "512-bit 7-bit table (VBMI)";
        }

        @Override
        void scan(Utf16Column column, int fromValue, int toValue, TeddySearcher searcher, HitSink sink) {
            MemorySegment units = column.units();
            int rangeStart = column.offset(fromValue);
            int rangeEnd = column.offset(toValue);
            long segmentUnits = units.byteSize() >>> 1;
            int fp = plan.fingerprint;
            ByteVector l0 = lowByDistance[0], h0 = highByDistance[0], l1 = lowByDistance[1], h1 = highByDistance[1];
            ByteVector l2 = lowByDistance[2], h2 = highByDistance[2], l3 = lowByDistance[3], h3 = highByDistance[3];
            ByteVector previous = ByteVector.zero(BYTES);
            int block = rangeStart & ~31;
            for (; block + LANES < rangeEnd && block + 2 * LANES <= segmentUnits; block += 2 * LANES) {
                ByteVector a = pack(SHORTS, BYTES, units, block, TABLE_CEILING);
                ByteVector b = pack(SHORTS, BYTES, units, block + LANES, TABLE_CEILING);
                ByteVector ca = tableCandidates(fp, LANES, previous, a, l0, h0, l1, h1, l2, h2, l3, h3);
                ByteVector cb = tableCandidates(fp, LANES, a, b, l0, h0, l1, h1, l2, h2, l3, h3);
                previous = b;
                if (ca.or(cb).compare(VectorOperators.NE, (byte) 0).anyTrue()) {
                    report(ca, column, units, block, rangeStart, rangeEnd, searcher, sink);
                    report(cb, column, units, block + LANES, rangeStart, rangeEnd, searcher, sink);
                }
            }
            for (; block < rangeEnd; block += LANES) {
                ByteVector a = packTail(SHORTS, BYTES, units, block, segmentUnits, TABLE_CEILING);
                report(tableCandidates(fp, LANES, previous, a, l0, h0, l1, h1, l2, h2, l3, h3),
                        column, units, block, rangeStart, rangeEnd, searcher, sink);
                previous = a;
            }
        }
    }
}
