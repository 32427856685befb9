package dev.widescan.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Teddy's building blocks in isolation, on an L1-resident buffer of UTF-16 units, so the matcher's design
 * rests on measured choices: how to pack two short vectors into one byte vector, and how to do the 16-entry
 * nibble lookup ({@code pshufb}) on JDK 25. Scores are nanoseconds per 32-unit block.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NibbleLookupBenchmark {
    private static final int UNITS = 8192;
    private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;

    private short[] units;
    private byte[] packedBytes;
    private ByteVector table256;
    private ByteVector table128;
    private VectorShuffle<Byte> evenBytes;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        units = new short[UNITS];
        packedBytes = new byte[UNITS];
        for (int i = 0; i < UNITS; i++) {
            units[i] = (short) (random.nextInt(10) == 0 ? 0x0400 + random.nextInt(256) : 32 + random.nextInt(95));
            packedBytes[i] = (byte) Math.min(units[i] & 0xFFFF, 0xFF);
        }
        byte[] t = new byte[32];
        for (int i = 0; i < 32; i++) {
            t[i] = (byte) (1 << (i % 8));
        }
        table256 = ByteVector.fromArray(B256, t, 0);
        table128 = ByteVector.fromArray(B128, t, 0);
        evenBytes = VectorShuffle.fromArray(B256, evenShuffle(), 0);
    }

    private static int[] evenShuffle() {
        int[] idx = new int[32];
        for (int i = 0; i < 32; i++) {
            idx[i] = i < 16 ? 2 * i : 2 * (i - 16) - 32; // negative = lane of the second vector
        }
        return idx;
    }

    @Benchmark
    @OperationsPerInvocation(UNITS / 32)
    public long packConvertShape() {
        ByteVector acc = ByteVector.zero(B256);
        for (int i = 0; i < UNITS; i += 32) {
            ByteVector a = (ByteVector) ShortVector.fromArray(S256, units, i).lanewise(VectorOperators.UMIN, (short) 0xFF)
                    .convertShape(VectorOperators.S2B, B256, 0);
            ByteVector b = (ByteVector) ShortVector.fromArray(S256, units, i + 16).lanewise(VectorOperators.UMIN, (short) 0xFF)
                    .convertShape(VectorOperators.S2B, B256, -1);
            acc = acc.or(a.or(b));
        }
        return acc.reduceLanesToLong(VectorOperators.OR);
    }

    @Benchmark
    @OperationsPerInvocation(UNITS / 32)
    public long packTwoSourceRearrange() {
        ByteVector acc = ByteVector.zero(B256);
        for (int i = 0; i < UNITS; i += 32) {
            ByteVector a = ShortVector.fromArray(S256, units, i).lanewise(VectorOperators.UMIN, (short) 0xFF).reinterpretAsBytes();
            ByteVector b = ShortVector.fromArray(S256, units, i + 16).lanewise(VectorOperators.UMIN, (short) 0xFF).reinterpretAsBytes();
            acc = acc.or(a.rearrange(evenBytes, b));
        }
        return acc.reduceLanesToLong(VectorOperators.OR);
    }

    @Benchmark
    @OperationsPerInvocation(UNITS / 32)
    public long lookupSelectFrom256() {
        ByteVector acc = ByteVector.zero(B256);
        for (int i = 0; i < UNITS; i += 32) {
            ByteVector v = ByteVector.fromArray(B256, packedBytes, i);
            acc = acc.or(v.and((byte) 15).selectFrom(table256).and(v.lanewise(VectorOperators.LSHR, 4).selectFrom(table256)));
        }
        return acc.reduceLanesToLong(VectorOperators.OR);
    }

    @Benchmark
    @OperationsPerInvocation(UNITS / 32)
    public long lookupRearrange256() {
        ByteVector acc = ByteVector.zero(B256);
        for (int i = 0; i < UNITS; i += 32) {
            ByteVector v = ByteVector.fromArray(B256, packedBytes, i);
            acc = acc.or(table256.rearrange(v.and((byte) 15).toShuffle())
                    .and(table256.rearrange(v.lanewise(VectorOperators.LSHR, 4).toShuffle())));
        }
        return acc.reduceLanesToLong(VectorOperators.OR);
    }

    @Benchmark
    @OperationsPerInvocation(UNITS / 32)
    public long lookupSelectFrom128() {
        ByteVector acc = ByteVector.zero(B128);
        for (int i = 0; i < UNITS; i += 16) {
            ByteVector v = ByteVector.fromArray(B128, packedBytes, i);
            acc = acc.or(v.and((byte) 15).selectFrom(table128).and(v.lanewise(VectorOperators.LSHR, 4).selectFrom(table128)));
        }
        return acc.reduceLanesToLong(VectorOperators.OR);
    }

    @Benchmark
    @OperationsPerInvocation(UNITS / 32)
    public long pack128ThenSelectFrom128() {
        ByteVector acc = ByteVector.zero(B128);
        for (int i = 0; i < UNITS; i += 16) {
            ByteVector a = (ByteVector) ShortVector.fromArray(S128, units, i).lanewise(VectorOperators.UMIN, (short) 0xFF)
                    .convertShape(VectorOperators.S2B, B128, 0);
            ByteVector b = (ByteVector) ShortVector.fromArray(S128, units, i + 8).lanewise(VectorOperators.UMIN, (short) 0xFF)
                    .convertShape(VectorOperators.S2B, B128, -1);
            ByteVector v = a.or(b);
            acc = acc.or(v.and((byte) 15).selectFrom(table128).and(v.lanewise(VectorOperators.LSHR, 4).selectFrom(table128)));
        }
        return acc.reduceLanesToLong(VectorOperators.OR);
    }
}
