package dev.widescan.bench;

import dev.widescan.corpus.CorpusGenerator;
import dev.widescan.corpus.GenerationSummary;
import dev.widescan.corpus.GeneratorSettings;
import dev.widescan.corpus.Profile;
import dev.widescan.corpus.SeedRule;
import dev.widescan.format.EventFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast {@code widescan gen} makes data: one op = {@value #EVENTS} events with the seed rule's hit
 * splicing and background verification, into no sink ({@code none}: the model and the oracle) or into a
 * real event file ({@code file}: plus the format writer). The {@code bytes} counter is bytes of
 * generated UTF-16 field values per second (divide by 10^6 for MB/s): the figure that says how long a
 * 20 GB archive takes. Single thread; the generator is one sequential seeded stream by design.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GeneratorBenchmark {
    static final int EVENTS = 20_000;

    @Param({"realistic", "unicode"})
    public String profile;

    @Param({"0.001", "0.1"})
    public double hitRate;

    @Param({"none", "file"})
    public String sink;

    private long seed;
    private Path file;

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Throughput {
        /** Bytes of UTF-16 values generated, reported per second of benchmark time. */
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("widescan-gen-bench", ".wsev");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public GenerationSummary generate(Throughput counters, Blackhole bh) throws IOException {
        GeneratorSettings settings = new GeneratorSettings(EVENTS, ++seed, hitRate, Profile.parse(profile), false);
        CorpusGenerator generator = new CorpusGenerator(settings, List.of(SeedRule.load()));
        GenerationSummary summary;
        if (sink.equals("file")) {
            try (EventFileWriter writer = EventFileWriter.create(file)) {
                summary = generator.generate(writer::append, null);
            }
        } else {
            summary = generator.generate(bh::consume, null);
        }
        counters.bytes += summary.utf16Bytes();
        return summary;
    }
}
