package dev.widescan.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns one JMH run into per-combination throughput groups.
 *
 * <p>Why ratios are computed here and only within one file: the machine is shared and noisy, so a
 * strategy's speed-up over the naive baseline, or its fraction of the memory-read limit, is only
 * meaningful between figures taken in the same run under the same load. A matcher result is a result
 * with a {@value #STRATEGY_PARAM} parameter; its group is every result of the same benchmark with the
 * same other parameters; its baseline is the group's {@value #BASELINE} strategy; its limit is the
 * {@value #LIMIT_CLASS} result whose parameters (e.g. only {@code profile}) all agree with the group's.
 *
 * <p>Throughput comes from the {@value #BYTES} and {@value #EVENTS} aux counters (rates in the
 * benchmark's output time unit, converted to per second), never from the primary score: one operation
 * scans a whole column, whose size the report would otherwise have to guess. Results without a
 * {@value #BYTES} counter are kept aside as "other" results and listed with their raw scores.
 */
public final class ThroughputTable {
    public static final String STRATEGY_PARAM = "strategy";
    public static final String BASELINE = "naive";
    public static final String LIMIT_CLASS = "MemoryReadBenchmark";
    public static final String LIMIT_LABEL = "memory-read limit";
    public static final String BYTES = "bytes";
    public static final String EVENTS = "events";
    public static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private final List<ThroughputGroup> groups;
    private final List<JmhResult> others;

    private ThroughputTable(List<ThroughputGroup> groups, List<JmhResult> others) {
        this.groups = List.copyOf(groups);
        this.others = List.copyOf(others);
    }

    public List<ThroughputGroup> groups() {
        return groups;
    }

    /** Results that are neither a strategy with a bytes counter nor a limit used by a group. */
    public List<JmhResult> others() {
        return others;
    }

    public static ThroughputTable of(List<JmhResult> results) {
        Map<GroupKey, List<JmhResult>> byGroup = new LinkedHashMap<>();
        List<JmhResult> limits = new ArrayList<>();
        List<JmhResult> others = new ArrayList<>();
        for (JmhResult r : results) {
            if (r.params().containsKey(STRATEGY_PARAM) && r.secondary(BYTES) != null) {
                byGroup.computeIfAbsent(GroupKey.of(r), k -> new ArrayList<>()).add(r);
            } else if (r.className().equals(LIMIT_CLASS) && r.secondary(BYTES) != null) {
                limits.add(r);
            } else {
                others.add(r);
            }
        }
        List<JmhResult> usedLimits = new ArrayList<>();
        List<ThroughputGroup> groups = new ArrayList<>();
        for (Map.Entry<GroupKey, List<JmhResult>> e : byGroup.entrySet()) {
            JmhResult limit = limitFor(e.getKey().combination(), limits);
            if (limit != null && !usedLimits.contains(limit)) {
                usedLimits.add(limit);
            }
            groups.add(group(e.getKey(), e.getValue(), limit));
        }
        for (JmhResult l : limits) {
            if (!usedLimits.contains(l)) {
                groups.add(group(new GroupKey(l.shortName(), l.params()), List.of(), l));
            }
        }
        return new ThroughputTable(groups, others);
    }

    private static ThroughputGroup group(GroupKey key, List<JmhResult> members, JmhResult limit) {
        double naiveGb = Double.NaN;
        for (JmhResult r : members) {
            if (BASELINE.equals(r.params().get(STRATEGY_PARAM))) {
                naiveGb = gigabytesPerSecond(r.secondary(BYTES));
            }
        }
        double limitGb = limit == null ? Double.NaN : gigabytesPerSecond(limit.secondary(BYTES));
        List<ThroughputRow> rows = new ArrayList<>();
        for (JmhResult r : members) {
            rows.add(row(r, r.params().get(STRATEGY_PARAM), false, naiveGb, limitGb));
        }
        if (limit != null) {
            rows.add(row(limit, LIMIT_LABEL, true, naiveGb, limitGb));
        }
        return new ThroughputGroup(key.benchmark(), key.combination(), rows);
    }

    private static ThroughputRow row(JmhResult r, String strategy, boolean isLimit, double naiveGb, double limitGb) {
        JmhMetric bytes = r.secondary(BYTES);
        double factor = RateUnit.perSecondFactor(bytes.unit());
        double gb = gigabytesPerSecond(bytes);
        JmhMetric events = r.secondary(EVENTS);
        double eventsPerSecond = events == null ? Double.NaN
                : events.median() * RateUnit.perSecondFactor(events.unit());
        JmhMetric alloc = r.secondary(ALLOC_NORM);
        double allocPerOp = alloc == null ? Double.NaN : alloc.median();
        double eventsPerOp = Double.NaN;
        if (events != null && r.primary().unit().contains("/")) {
            eventsPerOp = Samples.ratio(eventsPerSecond, r.primary().median() * RateUnit.perSecondFactor(r.primary().unit()));
        }
        return new ThroughputRow(strategy, isLimit, gb, bytes.min() * factor / 1e9, bytes.max() * factor / 1e9,
                eventsPerSecond, Samples.ratio(gb, naiveGb), Samples.ratio(gb, limitGb), allocPerOp,
                Samples.ratio(allocPerOp, eventsPerOp), bytes.sampleCount());
    }

    /** Median of the bytes counter in 10^9 bytes per second. */
    static double gigabytesPerSecond(JmhMetric bytes) {
        return bytes.median() * RateUnit.perSecondFactor(bytes.unit()) / 1e9;
    }

    /** The first limit whose every parameter is present in the group with the same value. */
    private static JmhResult limitFor(SortedMap<String, String> combination, List<JmhResult> limits) {
        for (JmhResult l : limits) {
            boolean agrees = true;
            for (Map.Entry<String, String> p : l.params().entrySet()) {
                if (!Objects.equals(combination.get(p.getKey()), p.getValue())) {
                    agrees = false;
                    break;
                }
            }
            if (agrees) {
                return l;
            }
        }
        return null;
    }

    private record GroupKey(String benchmark, SortedMap<String, String> combination) {
        static GroupKey of(JmhResult r) {
            SortedMap<String, String> rest = new TreeMap<>(r.params());
            rest.remove(STRATEGY_PARAM);
            return new GroupKey(r.shortName(), rest);
        }
    }
}
