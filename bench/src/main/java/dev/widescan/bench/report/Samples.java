package dev.widescan.bench.report;

import java.util.Arrays;

/**
 * The order statistics the reports quote. Medians, not means: on a shared 2-core machine one
 * iteration stalled by a neighbour drags a mean far more than it moves a median.
 */
public final class Samples {
    private Samples() {
    }

    /** The median of {@code values} (mean of the two middle ones when even); NaN when empty. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return (sorted.length & 1) == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double min(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).min().getAsDouble();
    }

    public static double max(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).max().getAsDouble();
    }

    /** {@code numerator / denominator}, NaN when either is missing or the denominator is not positive. */
    public static double ratio(double numerator, double denominator) {
        if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator <= 0) {
            return Double.NaN;
        }
        return numerator / denominator;
    }
}
