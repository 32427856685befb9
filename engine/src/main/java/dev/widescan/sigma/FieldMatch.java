package dev.widescan.sigma;

import dev.widescan.format.Field;
import java.util.List;
import java.util.function.Predicate;

/**
 * One {@code field|modifiers: values} entry of a selection map, or a field-less keyword list.
 *
 * <p><b>Fields outside the schema.</b> A rule may name a field widescan's event schema ({@link Field}) does
 * not have (SigmaHQ's emerging-threat rules use {@code GrandParentImage}, which some EDR sources add). No
 * event file can hold such a field, so it is absent from every event, and the entry has the answer every
 * absent field has ({@link #onAbsentValue}): a value test is false, {@code null} and {@code |exists: false}
 * are true. The rule keeps its other selections (the loader refuses it only when its condition cannot be
 * true without the field, {@link OutsideSchema}, and warns otherwise).
 *
 * @param field              the event field, or null for keywords (matched against every field of the event)
 *                           and for a field outside the schema
 * @param key                the key as written ({@code CommandLine|contains|all}), for messages
 * @param matchAll           {@code |all}: every value group must match (otherwise any)
 * @param values             one group per written value
 * @param line               1-based line in the rule file
 * @param fieldOutsideSchema the field's name when {@link Field} has no such field, else null
 * @param negated            {@code |neq} (modifiers appendix: "the field is different from the specified values"):
 *                           the entry's answer negated, as pySigma negates the detection item, so an absent field
 *                           is different from every value
 */
public record FieldMatch(Field field, String key, boolean matchAll, List<ValueGroup> values, int line, String fieldOutsideSchema,
                         boolean negated) {
    public FieldMatch {
        values = List.copyOf(values);
        if (field != null && fieldOutsideSchema != null) {
            throw new IllegalArgumentException("a field is either in the schema or outside it");
        }
    }

    public FieldMatch(Field field, String key, boolean matchAll, List<ValueGroup> values, int line) {
        this(field, key, matchAll, values, line, null, false);
    }

    public boolean isKeyword() {
        return field == null && fieldOutsideSchema == null;
    }

    /** A field {@link Field} does not have: absent from every event. */
    public boolean isOutsideSchema() {
        return fieldOutsideSchema != null;
    }

    /** The entry's answer on an event without its field: its values combined as on any value. */
    public boolean onAbsentValue() {
        Predicate<ValueGroup> any = g -> g.anyOf().stream().anyMatch(ValuePredicate::onAbsentValue);
        return negated != (matchAll ? values.stream().allMatch(any) : values.stream().anyMatch(any));
    }
}
