package dev.widescan.bench.report;

/**
 * Converts JMH's throughput units ({@code ops/s}, {@code ops/ms}, {@code ops/us}, {@code ops/ns},
 * {@code ops/min}) to "per second". The matcher suites count UTF-16 bytes and events as
 * {@code @AuxCounters(OPERATIONS)}, so their "ops" are bytes or events and follow the benchmark's
 * {@code @OutputTimeUnit}: a suite switched to milliseconds must not silently report 1000x less.
 */
public final class RateUnit {
    private RateUnit() {
    }

    /** The factor that turns a value in {@code unit} into one per second. */
    public static double perSecondFactor(String unit) {
        int slash = unit.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a rate unit: '" + unit + "' (expected e.g. ops/s)");
        }
        String per = unit.substring(slash + 1).strip();
        return switch (per) {
            case "s", "sec" -> 1.0;
            case "ms" -> 1e3;
            case "us" -> 1e6;
            case "ns" -> 1e9;
            case "min" -> 1.0 / 60;
            case "hr", "h" -> 1.0 / 3600;
            case "day" -> 1.0 / 86_400;
            default -> throw new IllegalArgumentException("unknown time unit in '" + unit
                    + "' (expected ops/s, ops/ms, ops/us, ops/ns, ops/min)");
        };
    }
}
