package dev.widescan.scan;

/**
 * How to scan: matcher strategy ({@code auto} or a name from {@code widescan strategies}), worker threads,
 * whether to CRC-check every column read, whether output is held back into file-then-record order, and
 * whether to draw a progress bar.
 */
public record ScanOptions(String strategy, int threads, boolean verify, boolean sorted, boolean progress) {
    public ScanOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    public static ScanOptions defaults() {
        return new ScanOptions("auto", Runtime.getRuntime().availableProcessors(), true, true, false);
    }
}
