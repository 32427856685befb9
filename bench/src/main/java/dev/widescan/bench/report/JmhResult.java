package dev.widescan.bench.report;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of a JMH JSON result file: a benchmark method at one parameter combination, with its
 * primary metric and the secondary ones (aux counters such as {@code bytes}, profiler output such as
 * {@code gc.alloc.rate.norm}).
 */
public record JmhResult(String benchmark, String mode, SortedMap<String, String> params, JmhMetric primary,
        Map<String, JmhMetric> secondary, String jdkVersion, String vmVersion, List<String> jvmArgs, int forks,
        int measurementIterations) {
    public JmhResult {
        params = new TreeMap<>(params);
        secondary = Map.copyOf(secondary);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** The benchmark class's simple name, e.g. {@code MatcherBenchmark} for {@code dev.x.MatcherBenchmark.scan}. */
    public String className() {
        int method = benchmark.lastIndexOf('.');
        String cls = method < 0 ? benchmark : benchmark.substring(0, method);
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** The benchmark's short name, e.g. {@code MatcherBenchmark.scan}. */
    public String shortName() {
        int method = benchmark.lastIndexOf('.');
        int cls = method < 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(cls + 1);
    }

    public JmhMetric secondary(String name) {
        return secondary.get(name);
    }
}
