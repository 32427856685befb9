package dev.widescan.sigma;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rules that loaded and those that were skipped, with their reasons. */
public record RuleLoadResult(List<SigmaRule> rules, List<SkippedRule> skipped) {
    public RuleLoadResult {
        rules = List.copyOf(rules);
        skipped = List.copyOf(skipped);
    }

    /** Skipped rules counted by {@link SkippedRule#category()}, sorted by category. */
    public Map<String, Integer> skippedByCategory() {
        Map<String, Integer> counts = new TreeMap<>();
        for (SkippedRule s : skipped) {
            counts.merge(s.category(), 1, Integer::sum);
        }
        return counts;
    }

    /** The tally for printing: loaded, skipped, and skipped by reason, one per line. */
    public String tally() {
        StringBuilder sb = new StringBuilder();
        sb.append("rules loaded: ").append(rules.size()).append('\n');
        sb.append("rules skipped: ").append(skipped.size()).append('\n');
        for (Map.Entry<String, Integer> e : skippedByCategory().entrySet()) {
            sb.append("  ").append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        }
        return sb.toString();
    }
}
