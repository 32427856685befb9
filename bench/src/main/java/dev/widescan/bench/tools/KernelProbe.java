package dev.widescan.bench.tools;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.format.Utf16Column;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.MatcherFactory;
import dev.widescan.match.Searcher;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The warm-kernel probe of bench/RESULTS.md §22: one matcher over every block's CommandLine column of an
 * event file (a dictionary column over its distinct values, as the scan matches them), pass after pass in one
 * JVM, alternating with a plain vector read of the same bytes, so the kernel's GB/s stands beside the
 * memory's in the same run. Run with the benchmarks jar on the class path:
 * {@code java $(jvm flags) -cp bench/target/benchmarks.jar dev.widescan.bench.tools.KernelProbe FILE.wsev RULES
 * [STRATEGY [PASSES]]} (default {@code teddy}, 8 passes; {@code -Dwidescan.simd=256} etc. pick other widths).
 * Prints each pass and the hit count, which must not change from pass to pass or strategy to strategy.
 */
public final class KernelProbe {
    private static final VectorSpecies<Byte> READ = ByteVector.SPECIES_PREFERRED;

    private KernelProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: KernelProbe FILE.wsev RULES [STRATEGY [PASSES]]");
            System.exit(2);
        }
        CompiledRuleSet rules = SigmaCompiler.compile(RuleLoader.load(List.of(Path.of(args[1])), true).rules());
        LiteralSet literals = null;
        for (FieldLiterals fl : rules.fieldLiterals()) {
            if (fl.field() == Field.CommandLine) {
                literals = fl.literals();
            }
        }
        if (literals == null) {
            System.err.println("no CommandLine literal in " + args[1]);
            System.exit(2);
        }
        Matcher matcher = MatcherFactory.create(args.length > 2 ? args[2] : "teddy", literals);
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        System.out.printf(Locale.ROOT, "%d literals, %s, kernel %s%n", literals.size(), matcher.strategyName(), matcher.vectorKernel());
        Searcher searcher = matcher.newSearcher();
        long[] hits = new long[1];
        try (EventFile file = EventFile.open(Path.of(args[0]))) {
            EventBlock block = new EventBlock();
            for (int pass = 0; pass < passes; pass++) {
                boolean scan = pass % 2 == 0;
                long bytes = 0;
                long nanos = 0;
                long read = 0;
                hits[0] = 0;
                for (int b = 0; b < file.blockCount(); b++) {
                    file.readBlock(b, block);
                    RecordColumn column = block.column(Field.CommandLine);
                    Utf16Column values = column.hasEntries() ? column.dictionary() : column.plain();
                    long start = System.nanoTime();
                    if (scan) {
                        searcher.scan(values, 0, values.count(), (value, id) -> hits[0]++);
                    } else {
                        read |= read(values.units());
                    }
                    nanos += System.nanoTime() - start;
                    bytes += values.units().byteSize();
                }
                System.out.printf(Locale.ROOT, "pass %d %s: %.3f s, %.2f GB, %.2f GB/s, hits %d%s%n", pass, scan ? "scan" : "read",
                        nanos / 1e9, bytes / 1e9, bytes / (double) nanos, hits[0], scan ? "" : " (" + read + ")");
            }
        }
    }

    /** Every byte of {@code units} loaded into vectors and ORed together: the memory's side of the comparison. */
    private static long read(MemorySegment units) {
        ByteVector acc = ByteVector.zero(READ);
        long n = units.byteSize() & -READ.vectorByteSize();
        for (long i = 0; i < n; i += READ.vectorByteSize()) {
            acc = acc.or(ByteVector.fromMemorySegment(READ, units, i, ByteOrder.LITTLE_ENDIAN));
        }
        return acc.reduceLanesToLong(VectorOperators.OR);
    }
}
