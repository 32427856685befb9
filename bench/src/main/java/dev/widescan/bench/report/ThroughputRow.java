package dev.widescan.bench.report;

/**
 * One strategy (or the memory-read limit) at one parameter combination, in the units the issue asks
 * for: GB/s of UTF-16 input (10^9 bytes per second, medians over all forks and iterations) and events/s,
 * with ratios to the naive baseline and to the memory-read limit of the same run. Missing figures are
 * NaN (no naive run in the group, no {@code -prof gc}, ...).
 */
public record ThroughputRow(String strategy, boolean limit, double gigabytesPerSecond, double minGigabytesPerSecond,
        double maxGigabytesPerSecond, double eventsPerSecond, double vsNaive, double vsLimit, double allocBytesPerOp,
        double allocBytesPerEvent, int samples) {
}
