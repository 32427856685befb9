package dev.widescan.sigma;

import dev.widescan.format.Field;
import java.util.List;

/**
 * One {@code field|modifiers: values} entry of a selection map, or a field-less keyword list.
 *
 * @param field      the event field, or null for keywords (matched against every field of the event)
 * @param key        the key as written ({@code CommandLine|contains|all}), for messages
 * @param matchAll   {@code |all}: every value group must match (otherwise any)
 * @param values     one group per written value
 * @param line       1-based line in the rule file
 */
public record FieldMatch(Field field, String key, boolean matchAll, List<ValueGroup> values, int line) {
    public FieldMatch {
        values = List.copyOf(values);
    }

    public boolean isKeyword() {
        return field == null;
    }
}
