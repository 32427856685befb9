package dev.widescan.scan;

/**
 * How to scan: matcher strategy ({@code auto} or a name from {@code widescan strategies}), worker threads,
 * whether to CRC-check every column read, whether output is held back into file-then-record order, and
 * whether to draw a progress bar, and whether a corrupt block is reported and skipped ({@code skipBad}) instead
 * of stopping the scan.
 */
public record ScanOptions(String strategy, int threads, boolean verify, boolean sorted, boolean progress, boolean skipBad) {
    public ScanOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** Stops at the first corrupt block. */
    public ScanOptions(String strategy, int threads, boolean verify, boolean sorted, boolean progress) {
        this(strategy, threads, verify, sorted, progress, false);
    }

    public static ScanOptions defaults() {
        return new ScanOptions("auto", Runtime.getRuntime().availableProcessors(), true, true, false);
    }
}
