package dev.widescan.scan;

import dev.widescan.format.MappedAdvice;

import dev.widescan.match.KernelWarmUp;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.MatcherFactory;
import dev.widescan.match.Simd;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import dev.widescan.text.CaseFolding;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a compiled rule set over an archive on N threads.
 *
 * <p>Why a single atomic block counter and not fork/join: blocks are all about the same size (the writer
 * cuts them by records and bytes), so the cheapest fair split is "take the next block"; it keeps the
 * blocks in flight adjacent, which keeps the sorted output's hold-back buffer small and lets a file be
 * unmapped as soon as its last block is done. Matchers are built once and shared (they are immutable);
 * each worker owns a {@link BlockScanner} (evaluator bitsets, matcher scratch) and an output buffer.
 * The first failure (a corrupt block) stops every worker and is rethrown with its file and block.
 */
public final class Scanner {
    private final CompiledRuleSet rules;
    private final ScanOptions options;
    private final List<Matcher> matchers;

    public Scanner(CompiledRuleSet rules, ScanOptions options) {
        this.rules = rules;
        this.options = options;
        List<Matcher> ms = new ArrayList<>();
        StrategyProfile profile = options.profile();
        if (profile != null) {
            profile.checkFits(rules);
        }
        List<FieldLiterals> slots = rules.fieldLiterals();
        for (int slot = 0; slot < slots.size(); slot++) {
            LiteralSet literals = slots.get(slot).literals();
            ms.add(profile == null ? MatcherFactory.create(options.strategy(), literals) : profile.matcher(slot, literals));
        }
        this.matchers = List.copyOf(ms);
    }

    /**
     * Does what a scan otherwise does on first use: builds the case-folding tables the matcher build reads,
     * detects the CPU and the JIT ({@link Simd#current}), loads the thread-usage reader the summary's
     * figures come from, and, only when a madvise mode is set, links {@code madvise} through FFM. A command
     * line calls it early on a thread of its own: the fold tables take ~15 ms, the detection initialises the
     * Vector API's species, and FFM generates and loads a stub class per call shape (~40 ms, plus the
     * compiles of the class-file code it runs: why the thread figures no longer come through FFM,
     * {@link ThreadUsage}); measured by class-load timestamps, these were on the paths of the kernel's
     * compile and of the main thread before the first block (bench/RESULTS.md §21, §22).
     * The fold tables first: the kernel warm-up detects the CPU itself meanwhile (the first caller of
     * {@link Simd#current} does it), then plans its literals, which needs the tables; with the detection
     * first, the warm-up waited for both one after the other (its first folding and plan 18–43 ms → 2–8 ms, the kernel
     * compiled ~15 ms sooner, §24). Idempotent and thread-safe (class initialization, {@link Simd}'s lock);
     * harmless where the calls are unavailable.
     */
    public static void prepareFirstUse() {
        CaseFolding.preimages('a');
        try {
            Simd.current();
        } catch (IllegalArgumentException e) {
            // a bad -Dwidescan.simd: the scan reports it when it asks
        }
        ThreadUsage.now();
        if (!"none".equalsIgnoreCase(System.getProperty(ColumnPrefetch.PROPERTY, "none"))) {
            MappedAdvice.available(); // its FFM downcall stub, only when a madvise mode will use it
        }
    }

    public List<Matcher> matchers() {
        return matchers;
    }

    /** Scans every block of {@code archive}, writes detections as JSONL to {@code out}; returns the stats. */
    public ScanStats scan(Archive archive, OutputStream out, PrintStream progressStream) {
        DetectionOutput output = new DetectionOutput(out, options.sorted());
        AtomicInteger nextUnit = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int threads = Math.max(1, Math.min(options.threads(), Math.max(1, archive.unitCount())));
        List<ScanWorker> workers = new ArrayList<>(threads);
        // by global block: listed in file and block order (sorted as text, block 10 came before block 2)
        java.util.concurrent.ConcurrentSkipListMap<Integer, String> skipped = new java.util.concurrent.ConcurrentSkipListMap<>();
        DetectionLines.Fixed lineParts = new DetectionLines.Fixed(rules, f -> archive.file(f).path().toString());
        long start = System.nanoTime();
        double seconds;
        try (ScanProgress progress = new ScanProgress(archive.totalBytes(), progressStream, options.progress())) {
            List<Thread> running = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                ScanWorker w = new ScanWorker(archive, new BlockScanner(rules, matchers, options.verify()), rules, output,
                        nextUnit, failure, progress,
                        options.skipBad() ? skipped : null, lineParts);
                workers.add(w);
                running.add(Thread.ofPlatform().name("widescan-scan-" + t).start(w));
            }
            for (Thread th : running) {
                th.join();
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            } else if (t instanceof Error err) {
                throw err;
            } else if (t != null) {
                throw new IllegalStateException(t);
            }
            long accounted = skipped.size();
            for (ScanWorker w : workers) {
                accounted += w.blocks();
            }
            if (accounted != archive.totalBlocks()) { // every block scanned or skipped by name, never lost unsaid
                throw new IllegalStateException("the scan threads ended with " + accounted + " of " + archive.totalBlocks()
                        + " blocks scanned or skipped, and no error recorded");
            }
            output.finish(); // the scan's time includes writing its last lines
            seconds = (System.nanoTime() - start) / 1e9;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } finally {
            output.stop();
        }
        long blocks = 0;
        long events = 0;
        long bytes = 0;
        long[] byRule = new long[rules.ruleCount()];
        ThreadUsage.Snapshot usage = output.writerUsage();
        for (ScanWorker w : workers) {
            usage = usage.plus(w.usage());
            blocks += w.blocks();
            events += w.events();
            bytes += w.bytesScanned();
            w.addDetectionsTo(byRule);
        }
        String kernel = vectorKernel();
        KernelWarmUp warmUp = KernelWarmUp.forKernel(kernel);
        return new ScanStats(archive.fileCount(), blocks, events, bytes, seconds, threads,
                matchers.isEmpty() ? options.strategy() : describeStrategies(), byRule, rules, ScanStats.ThreadTimes.of(usage),
                skips(archive.skippedFiles(), skipped), kernel, warmUp == null ? -1 : warmUp.compiledAfterMillis());
    }

    /** Files refused at open first (in path order), then skipped blocks in file and block order. */
    private static List<String> skips(List<String> files, java.util.SortedMap<Integer, String> blocks) {
        List<String> out = new ArrayList<>(files);
        out.addAll(blocks.values());
        return out;
    }

    /** The vector kernel the matchers run (the first one's; they share the process's choice), or null. */
    private String vectorKernel() {
        for (Matcher m : matchers) {
            if (m.vectorKernel() != null) {
                return m.vectorKernel();
            }
        }
        return null;
    }

    private String describeStrategies() {
        StringBuilder sb = new StringBuilder();
        List<FieldLiterals> fls = rules.fieldLiterals();
        for (int i = 0; i < matchers.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(fls.get(i).field().name()).append('=')
                    .append(options.profile() == null ? matchers.get(i).strategyName() : options.profile().entries().get(i).label());
        }
        return sb.toString();
    }
}
