package dev.widescan.bench.report;

/**
 * One metric of one JMH result: JMH's own aggregate {@code score}, its unit, and every measured
 * iteration of every fork ({@code rawData} flattened), from which the reports take their own median.
 */
public record JmhMetric(double score, String unit, double[] samples) {
    public JmhMetric {
        samples = samples.clone();
    }

    @Override
    public double[] samples() {
        return samples.clone();
    }

    public double median() {
        return Samples.median(samples);
    }

    public double min() {
        return Samples.min(samples);
    }

    public double max() {
        return Samples.max(samples);
    }

    public int sampleCount() {
        return samples.length;
    }
}
