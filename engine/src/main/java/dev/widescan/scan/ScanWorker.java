package dev.widescan.scan;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.FormatException;
import dev.widescan.sigma.CompiledRuleSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One scan thread: takes the next block, scans it, turns its detections into JSONL lines
 * ({@link DetectionLines}: the detected records are encoded straight from the block's columns), hands the
 * lines to the output and tells the archive the block is done.
 */
final class ScanWorker implements Runnable {
    private final Archive archive;
    private final BlockScanner scanner;
    private final DetectionOutput output;
    private final AtomicInteger nextUnit;
    private final AtomicReference<Throwable> failure;
    private final ScanProgress progress;
    /**
     * With --skip-bad: where corrupt blocks are reported, by global block (shared), so that they are listed in file and
     * block order; null: the first one stops the scan.
     */
    private final java.util.concurrent.ConcurrentMap<Integer, String> skipped;
    private final BlockDetections detections = new BlockDetections();
    private final DetectionLines lines;
    private final long[] detectionsByRule;
    private long blocks;
    private long events;
    private long bytesScanned;
    private ThreadUsage.Snapshot usage = ThreadUsage.Snapshot.UNAVAILABLE;

    ScanWorker(Archive archive, BlockScanner scanner, CompiledRuleSet rules, DetectionOutput output, AtomicInteger nextUnit,
               AtomicReference<Throwable> failure, ScanProgress progress, java.util.concurrent.ConcurrentMap<Integer, String> skipped,
               DetectionLines.Fixed lineParts) {
        this.archive = archive;
        this.scanner = scanner;
        this.output = output;
        this.nextUnit = nextUnit;
        this.failure = failure;
        this.progress = progress;
        this.skipped = skipped;
        this.lines = new DetectionLines(lineParts);
        this.detectionsByRule = new long[rules.ruleCount()];
    }

    @Override
    public void run() {
        ThreadUsage.Snapshot start = ThreadUsage.now();
        try {
            scanBlocks();
        } finally {
            try {
                usage = ThreadUsage.now().since(start);
            } catch (OutOfMemoryError e) {
                failure.compareAndSet(null, e); // the thread's figures are lost, the failure is not
            }
        }
    }

    /**
     * Takes units of work in order (a small file's blocks together, a larger file's blocks one by one,
     * {@link Archive#unitStart}) until none is left or a thread failed.
     */
    private void scanBlocks() {
        int units = archive.unitCount();
        int fileIndex = -1;
        int blockIndex = -1;
        try {
            while (failure.get() == null) {
                int u = nextUnit.getAndIncrement();
                if (u >= units) {
                    return;
                }
                boolean wholeFile = archive.isWholeFile(u);
                for (int g = archive.unitStart(u), end = archive.unitStart(u + 1); g < end && failure.get() == null; g++) {
                    fileIndex = archive.fileOf(g);
                    blockIndex = archive.blockInFile(fileIndex, g);
                    EventFile file = archive.file(fileIndex);
                    try {
                        scanBlock(g, fileIndex, blockIndex, wholeFile ? archive.mappedConfined(fileIndex) : archive.mapped(fileIndex));
                    } catch (RuntimeException | Error e) {
                        if (e instanceof OutOfMemoryError) {
                            throw e; // nothing to explain about the block, and explaining would allocate
                        }
                        Throwable why = explain(e, fileIndex, blockIndex);
                        if (skipped == null || !(why instanceof FormatException)) {
                            if (why instanceof Error err) {
                                throw err;
                            }
                            throw (RuntimeException) why;
                        }
                        skipped.put(g, why.getMessage());
                        lines.reset();
                        output.blockDone(g, lines.array(), 0);
                    }
                    archive.blockDone(fileIndex);
                    progress.add(file.fileSize() / Math.max(1, file.blockCount()));
                }
            }
        } catch (RuntimeException | Error e) {
            recordFailure(e, fileIndex, blockIndex);
        }
    }

    /**
     * Puts the failure where {@link Scanner} reads it after the join. An OutOfMemoryError is recorded
     * as it is, allocating nothing (an InternalError, also a VirtualMachineError, is still explained: a
     * fault on the mapping means the file changed under the scan): explaining it (strings, a suppressed
     * note) used to throw a second OutOfMemoryError out of this catch, so the thread died by an uncaught
     * error (a JVM stack trace on stderr, where the CLI promises one line) before the failure was
     * recorded, and a scan whose every thread died so would have reported success with blocks unscanned.
     */
    void recordFailure(Throwable e, int fileIndex, int blockIndex) {
        if (e instanceof OutOfMemoryError) {
            failure.compareAndSet(null, e);
            return;
        }
        Throwable reported = fileIndex >= 0 ? explain(e, fileIndex, blockIndex) : e;
        if (failure.compareAndSet(null, reported) && fileIndex >= 0 && !(reported instanceof FormatException)) {
            reported.addSuppressed(new IllegalStateException("while scanning " + archive.file(fileIndex).path() + " block " + blockIndex));
        }
    }

    private void scanBlock(int g, int fileIndex, int blockIndex, EventFile file) {
        detections.clear();
        EventBlock block = scanner.scan(file, blockIndex, detections);
        lines.reset();
        if (detections.size() > 0) {
            scanner.verifyForOutput();
            writeLines(fileIndex, block);
        }
        // counted only once the block is known good, so that a skipped block counts nowhere but in skipped
        blocks++;
        events += block.recordCount();
        bytesScanned += scanner.scannedBytes();
        for (int i = 0; i < detections.size(); i++) {
            detectionsByRule[detections.rule(i)]++;
        }
        output.blockDone(g, lines.array(), lines.size());
    }

    /**
     * What a failure while scanning a block means for the user. A SIGBUS on the mapping (the JVM's
     * InternalError "a fault occurred in an unsafe memory access operation") means the file shrank or was
     * rewritten by another process: bad input, named. Any other failure reading a block's bytes when
     * {@code --no-verify} skipped the checks comes from corrupt bytes (wild offsets): named as such.
     */
    private Throwable explain(Throwable e, int fileIndex, int blockIndex) {
        String file = archive.file(fileIndex).path() + ": "; // made when a block fails: no array of every path per thread
        String where = file + "block " + blockIndex + ": ";
        if (e instanceof FormatException && e.getMessage() != null && e.getMessage().startsWith(file)
                && !e.getMessage().startsWith(file + "block ")) {
            // the file's, not the block's (changed since the open): named with the block, so that --skip-bad's
            // list of a large file's blocks reads as blocks, not as the same line once per block
            return new FormatException(where + e.getMessage().substring(file.length()), e);
        }
        if (e instanceof FormatException) {
            return e;
        }
        if (e instanceof InternalError && e.getMessage() != null && e.getMessage().contains("unsafe memory access")) {
            return new FormatException(where + "file changed while scanning (truncated or rewritten by another process)", e);
        }
        if (!scanner.verifies() && (e instanceof IndexOutOfBoundsException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof NegativeArraySizeException)) {
            return new FormatException(where + "unreadable (corrupt; --no-verify skipped the CRC32C check that would name the column): "
                    + e.getMessage(), e);
        }
        return e;
    }

    private void writeLines(int fileIndex, EventBlock block) {
        for (int i = 0; i < detections.size(); i++) {
            lines.add(detections.rule(i), fileIndex, block, detections.record(i));
        }
    }

    long blocks() {
        return blocks;
    }

    long events() {
        return events;
    }

    long bytesScanned() {
        return bytesScanned;
    }

    /** What this thread spent in user and system mode and its page faults while it ran (read after join). */
    ThreadUsage.Snapshot usage() {
        return usage;
    }

    void addDetectionsTo(long[] byRule) {
        for (int r = 0; r < byRule.length; r++) {
            byRule[r] += detectionsByRule[r];
        }
    }
}
