package dev.widescan.bench.report;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rows measured at one parameter combination (literal set, profile, hit rate, ...) of one
 * benchmark: every strategy, then the memory-read limit that belongs to it.
 */
public record ThroughputGroup(String benchmark, SortedMap<String, String> combination, List<ThroughputRow> rows) {
    public ThroughputGroup {
        combination = new TreeMap<>(combination);
        rows = List.copyOf(rows);
    }

    /** The fastest strategy (the limit excluded), if any strategy has a figure. */
    public Optional<ThroughputRow> best() {
        ThroughputRow best = null;
        for (ThroughputRow r : rows) {
            if (!r.limit() && !Double.isNaN(r.gigabytesPerSecond())
                    && (best == null || r.gigabytesPerSecond() > best.gigabytesPerSecond())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    public Optional<ThroughputRow> row(String strategy) {
        return rows.stream().filter(r -> r.strategy().equals(strategy)).findFirst();
    }
}
