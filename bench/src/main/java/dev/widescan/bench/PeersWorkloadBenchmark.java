package dev.widescan.bench;

import dev.widescan.format.Utf16Column;
import dev.widescan.match.HitSink;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.MatcherFactory;
import dev.widescan.match.Searcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * widescan's matchers on the peers harness's own workload (shared/peers: ~4 M real command lines, ~1 GiB of
 * UTF-16LE in {@code cl.u16}, the seed rule's 45 literals, 0.1% spliced hits), so our figures stand next to
 * Hyperscan's, ripgrep's and the naive Java baseline's on the very same bytes. The file is made by
 * {@code shared/peers/run_peers.sh} (or gen_column.py) in {@code -Dpeers.dir} (default /tmp/peers); its
 * lines become the values of one off-heap column (the U+000A separators dropped). Also checks that the
 * number of lines with a hit equals the harness's {@code cl.expected}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PeersWorkloadBenchmark {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;

    @Param({"naive", "aho-corasick", "teddy"})
    public String strategy;

    private Arena arena;
    private Utf16Column column;
    private Matcher matcher;
    private long bytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Path.of(System.getProperty("peers.dir", "/tmp/peers"));
        Path u16 = dir.resolve("cl.u16");
        if (!Files.isRegularFile(u16)) {
            throw new IllegalStateException(u16 + " not found: run shared/peers/run_peers.sh first (or set -Dpeers.dir)");
        }
        arena = Arena.ofShared();
        MemorySegment raw;
        try (FileChannel ch = FileChannel.open(u16, StandardOpenOption.READ)) {
            raw = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        }
        long units = raw.byteSize() / 2;
        ValueLayout.OfChar unit = ValueLayout.JAVA_CHAR_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        int lines = 0;
        for (long i = 0; i < units; i++) {
            if (raw.getAtIndex(unit, i) == '\n') {
                lines++;
            }
        }
        long valueUnits = units - lines;
        MemorySegment values = arena.allocate(((2 * valueUnits + 63) / 64) * 64, 64);
        MemorySegment offsets = arena.allocate(4L * (lines + 1), 64);
        long from = 0;
        long to = 0;
        int line = 0;
        for (long i = 0; i < units; i++) {
            if (raw.getAtIndex(unit, i) == '\n') {
                long len = i - from;
                offsets.setAtIndex(Utf16Column.OFFSET, line++, (int) to);
                MemorySegment.copy(raw, 2 * from, values, 2 * to, 2 * len);
                to += len;
                from = i + 1;
            }
        }
        offsets.setAtIndex(Utf16Column.OFFSET, line, (int) to);
        column = new Utf16Column().wrap(values, offsets, null, lines);
        bytes = 2 * valueUnits;
        LiteralSet seed = BenchLiterals.named(BenchLiterals.SEED);
        matcher = dev.widescan.bench.yardstick.Yardsticks.create(strategy, seed);
        long expected = Long.parseLong(Files.readString(dir.resolve("cl.expected")).trim());
        long got = linesWithHits();
        if (got != expected) {
            throw new IllegalStateException(strategy + ": " + got + " lines with a hit, the peers harness expects " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    private long linesWithHits() {
        long[] state = {-1, 0};
        matcher.newSearcher().scan(column, (value, literal) -> {
            if (value != state[0]) {
                state[0] = value;
                state[1]++;
            }
        });
        return state[1];
    }


    @State(Scope.Thread)
    public static class Scratch {
        Searcher searcher;
        final Counter counter = new Counter();
    }

    @Benchmark
    public long scan(ScanCounters t, Scratch s) {
        if (s.searcher == null) {
            s.searcher = matcher.newSearcher();
        }
        s.counter.hits = 0;
        s.searcher.scan(column, s.counter);
        t.bytes += bytes;
        t.events += column.count();
        return s.counter.hits;
    }

    /** The memory-read limit on the same bytes: plain vector loads, OR-reduced. */
    @Benchmark
    public long readLimit(ScanCounters t) {
        MemorySegment units = column.units();
        long n = units.byteSize() - units.byteSize() % SPECIES.vectorByteSize();
        ByteVector acc = ByteVector.zero(SPECIES);
        for (long i = 0; i < n; i += SPECIES.vectorByteSize()) {
            acc = acc.or(ByteVector.fromMemorySegment(SPECIES, units, i, ByteOrder.LITTLE_ENDIAN));
        }
        t.bytes += bytes;
        t.events += column.count();
        return acc.reduceLanesToLong(VectorOperators.OR);
    }

    static final class Counter implements HitSink {
        long hits;

        @Override
        public void hit(int valueIndex, int literalId) {
            hits++;
        }
    }
}
