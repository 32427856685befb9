package dev.widescan.bench;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.Field;
import dev.widescan.format.ColumnKind;
import dev.widescan.format.RecordColumn;
import dev.widescan.format.Utf16Column;
import dev.widescan.match.HitSink;
import dev.widescan.match.Matcher;
import dev.widescan.match.Searcher;
import dev.widescan.scan.BlockScanner;
import dev.widescan.scan.Scanner;
import dev.widescan.scan.ScanOptions;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.RuleMatchSink;
import dev.widescan.sigma.SigmaCompiler;
import java.io.IOException;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * The end-to-end scan loop of one thread over a mapped, page-cached event file made by the generator,
 * with the seed rule, beside the same matcher alone over the same CommandLine columns: their ratio (same
 * run, same bytes) is what the scan loop costs on top of the matcher (issue 5 target: scan >= 0.8x).
 * Both report {@code bytes} = CommandLine UTF-16 bytes per second, {@code events} = events per second.
 * {@code -prof gc} on {@code scanLoop} shows the loop allocates nothing per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScanLoopBenchmark {
    @Param({"auto"})
    public String strategy;
    /** {@code seed} (the seed rule) or {@code catalog} (SigmaHQ's process_creation rules from ../shared/sigma). */
    @Param({"seed"})
    public String rules;
    @Param({"400000"})
    public int events;
    @Param({"0.001"})
    public double hitRate;
    @Param({"true"})
    public boolean verify;
    /** Whether repetitive columns are dictionary-encoded (the writer's default) or every column is plain. */
    @Param({"true"})
    public boolean dictionaries;
    /** Bytes per fused CRC-and-match piece ({@link BlockScanner#DEFAULT_PIECE_BYTES}); 0 = check each column whole first. */
    @Param({"32768"})
    public int pieceBytes;
    /** Records per block: the writer's default 4096, or a rewrite of the same events with another size. */
    @Param({"4096"})
    public int blockRecords;

    private EventFile file;
    private BlockScanner scanner;
    private Matcher commandLineMatcher;
    private Searcher commandLineSearcher;
    private EventBlock block;
    private Matcher[] otherMatchers;
    private Field[] otherFields;
    private Searcher[] otherSearchers;
    private Field[] neededFields;
    private final Counter counter = new Counter();
    private long commandLineBytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = EventFile.open(ScanCorpus.withLayout(ScanCorpus.file(events, hitRate, "realistic", 42), blockRecords, dictionaries));
        CompiledRuleSet rules = SigmaCompiler.compile(this.rules.equals("catalog")
                ? RuleLoader.load(ScanCorpus.catalogRules(), true).rules()
                : RuleLoader.load(List.of(ScanCorpus.seedRule()), false).rules());
        Scanner s = new Scanner(rules, new ScanOptions(strategy, 1, verify, true, false));
        scanner = new BlockScanner(rules, s.matchers(), verify, pieceBytes);
        List<FieldLiterals> slots = rules.fieldLiterals();
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).field() == Field.CommandLine) {
                commandLineMatcher = s.matchers().get(i);
            }
        }
        commandLineSearcher = commandLineMatcher.newSearcher();
        List<Matcher> others = new java.util.ArrayList<>();
        List<Field> otherFieldList = new java.util.ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).field() != Field.CommandLine) {
                others.add(s.matchers().get(i));
                otherFieldList.add(slots.get(i).field());
            }
        }
        otherMatchers = others.toArray(new Matcher[0]);
        otherFields = otherFieldList.toArray(new Field[0]);
        otherSearchers = new Searcher[otherMatchers.length];
        for (int i = 0; i < otherMatchers.length; i++) {
            otherSearchers[i] = otherMatchers[i].newSearcher();
        }
        neededFields = rules.fieldsNeeded().toArray(new Field[0]);
        for (int b = 0; b < file.blockCount(); b++) {
            block = file.readBlock(b, block);
            commandLineBytes += 2L * block.column(Field.CommandLine).totalUnits();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        file.close();
    }


    /** Everything a scan thread does per block: views, CRC of the columns read, matchers, rule programs. */
    @Benchmark
    public long scanLoop(ScanCounters t) {
        counter.count = 0;
        for (int b = 0; b < file.blockCount(); b++) {
            scanner.scan(file, b, counter);
        }
        return counted(t);
    }

    /** The CommandLine matcher alone over the same mapped columns: the ceiling for {@link #scanLoop}. */
    @Benchmark
    public long matcherOnly(ScanCounters t) {
        counter.count = 0;
        for (int b = 0; b < file.blockCount(); b++) {
            block = file.readBlock(b, block);
            Utf16Column c = stored(block.column(Field.CommandLine));
            commandLineSearcher.scan(c, counter);
        }
        return counted(t);
    }

    /**
     * The parts of {@link #scanLoop} apart from the CommandLine matcher, each alone over the same blocks:
     * the other slots' matchers (Image, ParentImage: anchored) ...
     */
    @Benchmark
    public long otherMatchersOnly(ScanCounters t) {
        counter.count = 0;
        for (int b = 0; b < file.blockCount(); b++) {
            block = file.readBlock(b, block);
            for (int slot = 0; slot < otherMatchers.length; slot++) {
                Utf16Column c = stored(block.column(otherFields[slot]));
                otherSearchers[slot].scan(c, counter);
            }
        }
        return counted(t);
    }

    /** ... and the CRC32C of every column the rules read, each summed whole. */
    @Benchmark
    public long checksumOnly(ScanCounters t) {
        counter.count = 0;
        for (int b = 0; b < file.blockCount(); b++) {
            block = file.readBlock(b, block);
            for (Field f : neededFields) {
                counter.count += block.crcMatches(f) ? 1 : 0;
            }
        }
        return counted(t);
    }

    /** Ends an op: the CommandLine bytes and events it covered, and the count (so nothing is dead code). */
    private long counted(ScanCounters t) {
        t.bytes += commandLineBytes;
        t.events += file.recordCount();
        return counter.count;
    }

    /** What a matcher reads of a column: its plain values, or the entries of any other kind. */
    private static Utf16Column stored(RecordColumn c) {
        return c.kind() == ColumnKind.PLAIN ? c.plain() : c.dictionary();
    }

    static final class Counter implements RuleMatchSink, HitSink {
        long count;

        @Override
        public void matched(int ruleIndex, int recordInBlock) {
            count++;
        }

        @Override
        public void hit(int valueIndex, int literalId) {
            count++;
        }
    }
}
