package dev.widescan.scan;

/**
 * How to scan: matcher strategy ({@code auto} or a name from {@code widescan strategies}), worker threads,
 * whether to CRC-check every column read, whether output is held back into file-then-record order, and
 * whether to draw a progress bar, whether a corrupt block is reported and skipped ({@code skipBad}) instead
 * of stopping the scan, and optionally a tuning profile ({@code widescan tune}) whose per-field strategies
 * replace {@code strategy} (which must then be {@code auto}).
 */
public record ScanOptions(String strategy, int threads, boolean verify, boolean sorted, boolean progress, boolean skipBad,
                          StrategyProfile profile) {
    public ScanOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (profile != null && !strategy.equalsIgnoreCase("auto")) {
            throw new IllegalArgumentException("--strategy " + strategy + " and a profile (" + profile.source()
                    + ") both choose strategies: give one of them");
        }
    }


    /** Stops at the first corrupt block. */
    public ScanOptions(String strategy, int threads, boolean verify, boolean sorted, boolean progress) {
        this(strategy, threads, verify, sorted, progress, false, null);
    }

    public static ScanOptions defaults() {
        return new ScanOptions("auto", Runtime.getRuntime().availableProcessors(), true, true, false);
    }
}
