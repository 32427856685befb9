package dev.widescan.sigma;

import java.util.List;

/**
 * The predicates one written value expands to (windash permutations, the three base64offset shifts,
 * placeholder values): the value matches when any of them does. A field's values then combine with OR,
 * or with AND under {@code |all}.
 */
public record ValueGroup(List<ValuePredicate> anyOf) {
    public ValueGroup {
        anyOf = List.copyOf(anyOf);
        if (anyOf.isEmpty()) {
            throw new IllegalArgumentException("a value expands to at least one predicate");
        }
    }
}
