package dev.widescan.sigma;

import java.util.List;
import java.util.Map;

/**
 * A rule's detection: its selections by name (in file order) and its condition (a YAML list of
 * conditions is already folded into one {@link Condition.Or}).
 */
public record Detection(Map<String, Selection> selections, Condition condition, List<String> conditionText) {
    public Detection {
        selections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(selections));
        conditionText = List.copyOf(conditionText);
    }
}
