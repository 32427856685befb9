package dev.widescan.bench;

import dev.widescan.scan.Archive;
import dev.widescan.scan.ScanOptions;
import dev.widescan.scan.ScanStats;
import dev.widescan.scan.Scanner;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.State;

/**
 * The whole {@code widescan scan} engine (archive, N worker threads, sorted JSONL output to a null
 * stream) over four generated files with the seed rule: the thread-scaling figure of issue 5
 * (2 threads >= 1.8x 1 thread), measured as {@code bytes} = UTF-16 bytes of the columns read per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScanThreadsBenchmark {
    @Param({"1", "2"})
    public int threads;
    @Param({"auto"})
    public String strategy;

    private List<Path> files;
    private Scanner scanner;
    private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

    @Setup(Level.Trial)
    public void setUp() {
        files = List.of(ScanCorpus.file(200_000, 0.001, "realistic", 1), ScanCorpus.file(200_000, 0.001, "realistic", 2),
                ScanCorpus.file(200_000, 0.001, "realistic", 3), ScanCorpus.file(200_000, 0.001, "realistic", 4));
        CompiledRuleSet rules = SigmaCompiler.compile(RuleLoader.load(List.of(ScanCorpus.seedRule()), false).rules());
        scanner = new Scanner(rules, new ScanOptions(strategy, threads, true, true, false));
    }


    @Benchmark
    public long scanArchive(ScanCounters t) {
        try (Archive archive = Archive.open(files)) {
            ScanStats stats = scanner.scan(archive, OutputStream.nullOutputStream(), quiet);
            t.bytes += stats.bytesScanned();
            t.events += stats.events();
            return stats.detections();
        }
    }
}
