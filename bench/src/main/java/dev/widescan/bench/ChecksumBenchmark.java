package dev.widescan.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JDK's checksums over a direct buffer, as the event file's column check uses them: which one a
 * format could choose, and what the CRC32C of a column costs in cache (a 32 KiB piece, as the fused scan
 * sums it) and from memory (64 MiB). {@code bytes} = bytes summed per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChecksumBenchmark {
    @Param({"crc32c", "crc32", "adler32"})
    public String algorithm;
    @Param({"32768", "67108864"})
    public int size;

    private ByteBuffer buffer;
    private Checksum checksum;

    @Setup(Level.Trial)
    public void setUp() {
        buffer = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            buffer.put(i, (byte) (i * 31 + (i >>> 9)));
        }
        checksum = switch (algorithm) {
            case "crc32c" -> new CRC32C();
            case "crc32" -> new CRC32();
            case "adler32" -> new Adler32();
            default -> throw new IllegalArgumentException("unknown checksum " + algorithm);
        };
    }

    @Benchmark
    public long sum(ScanCounters t) {
        checksum.reset();
        buffer.clear();
        checksum.update(buffer);
        t.bytes += size;
        return checksum.getValue();
    }
}
