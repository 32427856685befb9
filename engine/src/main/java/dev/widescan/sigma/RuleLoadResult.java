package dev.widescan.sigma;

import dev.widescan.format.TerminalText;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules that loaded, those that were skipped with their reasons, and warnings (a rule file or rule
 * id met twice and loaded once) for the command to print.
 */
public record RuleLoadResult(List<SigmaRule> rules, List<SkippedRule> skipped, List<String> warnings) {
    public RuleLoadResult {
        rules = List.copyOf(rules);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    public RuleLoadResult(List<SigmaRule> rules, List<SkippedRule> skipped) {
        this(rules, skipped, List.of());
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
            sb.append("  ").append(e.getValue()).append("  ").append(TerminalText.safe(e.getKey())).append('\n');
        }
        return sb.toString();
    }
}
