package dev.widescan.sigma;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rule's fields outside widescan's event schema do to it ({@link FieldMatch#fieldOutsideSchema}):
 * such a field is absent from every event, so its entries are constants, and the condition may or may not
 * still depend on the event.
 *
 * <p>Why not refuse every such rule (as widescan did): SigmaHQ's rules that name {@code GrandParentImage}
 * use it in one branch of a larger condition (Pikabot discovery: {@code GrandParentImage} OR
 * {@code ParentImage} in one selection; RedSun: {@code 1 of selection_*}, one selection without it), and
 * match real events through the others; refusing them lost those detections. So a rule is refused only
 * when its condition is false whatever the event holds ({@link #neverTrue}), and loads with a warning
 * ({@link #warnings}) otherwise. The decision is Kleene's three-valued logic over the condition, with
 * every entry on a schema field unknown and every entry on a field outside it constant.
 */
final class OutsideSchema {
    private OutsideSchema() {
    }

    /** True when the condition is false on every event because of entries on fields outside the schema. */
    static boolean neverTrue(Detection d) {
        return value(d, d.condition()) == Boolean.FALSE;
    }

    /** The first entry on a field outside the schema, or null. */
    static FieldMatch first(Detection d) {
        for (Selection s : d.selections().values()) {
            for (List<FieldMatch> alternative : s.alternatives()) {
                for (FieldMatch fm : alternative) {
                    if (fm.isOutsideSchema()) {
                        return fm;
                    }
                }
            }
        }
        return null;
    }

    /** One line per selection entry on a field outside the schema of a rule that loads. */
    static List<String> warnings(SigmaRule rule) {
        List<String> out = new ArrayList<>();
        Path file = rule.sourcePath();
        for (Selection s : rule.detection().selections().values()) {
            for (List<FieldMatch> alternative : s.alternatives()) {
                for (FieldMatch fm : alternative) {
                    if (fm.isOutsideSchema()) {
                        out.add(file + ":" + fm.line() + ": rule " + rule.displayName() + ", selection '" + s.name()
                                + "', field '" + fm.fieldOutsideSchema() + "': not in widescan's event schema (format.Field), so no event "
                                + "has it: '" + fm.key() + "' is " + fm.onAbsentValue() + " on every event; the rest of the rule is evaluated");
                    }
                }
            }
        }
        return out;
    }

    /** TRUE or FALSE when decided by the constants alone, null when it depends on the event. */
    private static Boolean value(Detection d, Condition c) {
        return switch (c) {
            case Condition.Ref r -> selection(d.selections().get(r.selection()));
            case Condition.Not n -> {
                Boolean v = value(d, n.operand());
                yield v == null ? null : !v;
            }
            case Condition.And a -> all(a.operands().stream().map(o -> value(d, o)).toList());
            case Condition.Or o -> any(o.operands().stream().map(x -> value(d, x)).toList());
            case Condition.Of of -> {
                List<Boolean> vs = of.selections().stream().map(s -> selection(d.selections().get(s))).toList();
                yield of.all() ? all(vs) : any(vs);
            }
        };
    }

    private static Boolean selection(Selection s) {
        List<Boolean> alternatives = new ArrayList<>();
        for (List<FieldMatch> alternative : s.alternatives()) {
            alternatives.add(all(alternative.stream().map(fm -> fm.isOutsideSchema() ? (Boolean) fm.onAbsentValue() : null).toList()));
        }
        return any(alternatives);
    }

    private static Boolean all(List<Boolean> vs) {
        return kleene(vs, false);
    }

    private static Boolean any(List<Boolean> vs) {
        return kleene(vs, true);
    }

    /**
     * Kleene's AND ({@code dominant} false) or OR ({@code dominant} true): the dominant value when an operand
     * has it, else unknown (null) when an operand is unknown, else the other value.
     */
    private static Boolean kleene(List<Boolean> vs, boolean dominant) {
        boolean unknown = false;
        for (Boolean v : vs) {
            if (v == null) {
                unknown = true;
            } else if (v == dominant) {
                return dominant;
            }
        }
        return unknown ? null : !dominant;
    }
}
