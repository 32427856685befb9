package dev.widescan.bench;

import dev.widescan.bench.yardstick.Yardsticks;
import dev.widescan.format.Utf16Column;
import dev.widescan.match.HitSink;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.Searcher;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * One matcher strategy scanning a whole in-memory column (64 MiB of UTF-16, native memory) per operation. Throughput
 * is reported as {@code bytes} (UTF-16 input bytes per second: divide by 1e9 for GB/s) and {@code events}
 * (values per second) through {@link AuxCounters}; the primary score is scans per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatcherBenchmark {
    /** 32 Mi units = 64 MiB: larger than this machine's caches, so the limit is a memory read, not a cache read. */
    static final long COLUMN_UNITS = 32L << 20;

    @Param({"naive", "region", "indexof", "aho-corasick", "large-set", "packed-pair", "teddy", "auto"})
    public String strategy;
    @Param({BenchLiterals.SEED, BenchLiterals.ONE, BenchLiterals.CATALOG_500, BenchLiterals.CATALOG})
    public String literals;
    @Param({"0", "0.001", "0.1"})
    public double hitRate;
    @Param({BenchColumns.ASCII, BenchColumns.UNICODE})
    public String profile;
    /**
     * A user's event file ({@code -p data=PATH}): its {@link #dataField} column (up to 64 MiB, record order)
     * replaces the generated one; empty = generated data. {@code profile} and {@code hitRate} describe
     * generated data, so with a file they must be given one value each ({@code -p profile=ascii -p hitRate=0}).
     */
    @Param({""})
    public String data;
    /** With {@link #data}: the field whose column is scanned ({@code -p dataField=Image}); empty = CommandLine. */
    @Param({""})
    public String dataField;

    private Utf16Column column;
    private Matcher matcher;
    private Searcher searcher;
    private CountingSink sink;

    @Setup(Level.Trial)
    public void setUp() {
        LiteralSet set = BenchLiterals.named(literals);
        if (data.isEmpty()) {
            column = BenchColumns.build(COLUMN_UNITS, profile, hitRate, set, 42);
        } else if (hitRate != 0 || !profile.equals(BenchColumns.ASCII)) {
            throw new IllegalArgumentException("-p data=" + data + " scans your file: give -p profile=ascii -p hitRate=0"
                    + " (they describe generated data; other values would repeat the same run)");
        } else {
            column = BenchColumns.fromEventFile(Path.of(data), BenchColumns.dataField(dataField), COLUMN_UNITS);
        }
        // Yardsticks (region, indexof, packed-pair) and explicit Teddy kernels (teddy-512-vbmi...) besides the engine's names.
        matcher = Yardsticks.create(strategy, set);
        searcher = matcher.newSearcher();
        sink = new CountingSink();
    }


    @Benchmark
    public long scan(ScanCounters throughput) {
        sink.hits = 0;
        searcher.scan(column, sink);
        throughput.bytes += BenchColumns.bytes(column);
        throughput.events += column.count();
        return sink.hits;
    }

    static final class CountingSink implements HitSink {
        long hits;

        @Override
        public void hit(int valueIndex, int literalId) {
            hits++;
        }
    }
}
