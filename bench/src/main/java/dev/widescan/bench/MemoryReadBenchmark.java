package dev.widescan.bench;

import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
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

/**
 * The memory-read limit: the very column bytes {@link MatcherBenchmark} scans (same builder, size and
 * seed), read with plain whole-vector loads and an OR-reduction, nothing else. Matcher figures are quoted
 * as ratios of this one, measured in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryReadBenchmark {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;

    @Param({BenchColumns.ASCII, BenchColumns.UNICODE})
    public String profile;
    /** As {@link MatcherBenchmark#data}: read the user's column instead (then only profile=ascii runs). */
    @Param({""})
    public String data;
    @Param({""})
    public String dataField;

    private MemorySegment units;
    private Utf16Column column;

    @Setup(Level.Trial)
    public void setUp() {
        if (data.isEmpty()) {
            column = BenchColumns.build(MatcherBenchmark.COLUMN_UNITS, profile, 0.001, BenchLiterals.named(BenchLiterals.SEED), 42);
        } else if (!profile.equals(BenchColumns.ASCII)) {
            throw new IllegalArgumentException("-p data=" + data + " reads your file: give -p profile=ascii");
        } else {
            column = BenchColumns.fromEventFile(java.nio.file.Path.of(data), BenchColumns.dataField(dataField), MatcherBenchmark.COLUMN_UNITS);
        }
        units = column.units();
    }

    @Benchmark
    public long readVectors(ScanCounters throughput) {
        long limit = BenchColumns.bytes(column) & -SPECIES.vectorByteSize();
        ByteVector acc = ByteVector.zero(SPECIES);
        for (long at = 0; at < limit; at += SPECIES.vectorByteSize()) {
            acc = acc.or(ByteVector.fromMemorySegment(SPECIES, units, at, ByteOrder.LITTLE_ENDIAN));
        }
        throughput.bytes += BenchColumns.bytes(column);
        throughput.events += column.count();
        return acc.reduceLanesToLong(VectorOperators.OR);
    }
}
