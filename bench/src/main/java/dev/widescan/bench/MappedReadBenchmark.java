package dev.widescan.bench;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import net.openhft.chronicle.bytes.MappedBytes;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Which way of reading a memory-mapped event file is fastest: the same page-cached 512 MiB file read
 * sequentially (sum of all 8-byte words) through
 * <ul>
 *   <li>an FFM {@link MemorySegment} from {@code FileChannel.map(..., Arena)}: scalar {@code get(long)}
 *       and a Vector API {@link LongVector} loop ({@code fromMemorySegment});</li>
 *   <li>chronicle-bytes {@link MappedBytes} (one chunk covering the file) with absolute {@code readLong};</li>
 *   <li>agrona {@link UnsafeBuffer} over a {@link MappedByteBuffer}: limited to 2 GiB per buffer, so a
 *       format with files past 2 GiB would need a chunked array of buffers and a chunk lookup per block.</li>
 * </ul>
 * Time per pass over the file; GB/s = 0.537 GB / (ms per op) * 1000. Result and choice: docs/FORMAT.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MappedReadBenchmark {
    static final long SIZE = 512L << 20;
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;

    Path file;
    Arena arena;
    MemorySegment segment;
    MappedBytes chronicle;
    UnsafeBuffer agrona;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Path.of(System.getProperty("java.io.tmpdir"), "widescan-mapped-read-512m.bin");
        if (!Files.exists(file) || Files.size(file) != SIZE) {
            writeFile(file);
        }
        arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            segment = ch.map(FileChannel.MapMode.READ_ONLY, 0, SIZE, arena);
            MappedByteBuffer mbb = ch.map(FileChannel.MapMode.READ_ONLY, 0, SIZE);
            agrona = new UnsafeBuffer(mbb);
        }
        chronicle = MappedBytes.singleMappedBytes(file.toFile(), SIZE, true);
        segment.load(); // page-cache resident before measuring
        if (ffmScalar() != agronaUnsafeBuffer() || ffmScalar() != chronicleMappedBytes() || ffmScalar() != ffmVector()) {
            throw new IllegalStateException("readers disagree on the file's checksum");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        chronicle.releaseLast();
        arena.close();
    }

    private static void writeFile(Path p) throws IOException {
        byte[] chunk = new byte[1 << 20];
        SplittableRandom random = new SplittableRandom(42);
        try (RandomAccessFile raf = new RandomAccessFile(new File(p.toString()), "rw")) {
            raf.setLength(0);
            for (long written = 0; written < SIZE; written += chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) random.nextInt();
                }
                raf.write(chunk);
            }
        }
    }

    @Benchmark
    public long ffmScalar() {
        MemorySegment s = segment;
        long sum = 0;
        for (long off = 0; off < SIZE; off += 8) {
            sum += s.get(LONG_LE, off);
        }
        return sum;
    }

    @Benchmark
    public long ffmVector() {
        MemorySegment s = segment;
        long step = SPECIES.vectorByteSize();
        LongVector acc = LongVector.zero(SPECIES);
        for (long off = 0; off < SIZE; off += step) {
            acc = acc.add(LongVector.fromMemorySegment(SPECIES, s, off, ByteOrder.LITTLE_ENDIAN));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    @Benchmark
    public long chronicleMappedBytes() {
        MappedBytes b = chronicle;
        long sum = 0;
        for (long off = 0; off < SIZE; off += 8) {
            sum += b.readLong(off);
        }
        return sum;
    }

    @Benchmark
    public long agronaUnsafeBuffer() {
        UnsafeBuffer b = agrona;
        long sum = 0;
        for (int off = 0; off < SIZE; off += 8) {
            sum += b.getLong(off, ByteOrder.LITTLE_ENDIAN);
        }
        return sum;
    }
}
