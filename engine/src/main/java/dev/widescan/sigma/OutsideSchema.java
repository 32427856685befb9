package dev.widescan.sigma;

import dev.widescan.format.Field;
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

    /**
     * The schema field a name outside the schema was probably meant to be, or null: the same name in
     * another case ({@code commandline}), or one or two letters off ({@code CommandLne}, {@code Imgae}; one
     * for names under 8 letters, none under 5; transpositions count one). Such a name is refused with the
     * suggestion rather than taken for a field no event has: before fields outside the schema were
     * accepted, every such typo was refused, and a typo in a filter would otherwise silently filter nothing.
     * {@code GrandParentImage} is five edits from {@code ParentImage}.
     */
    static Field likelyMeant(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        int allowed = name.length() >= 8 ? 2 : name.length() >= 5 ? 1 : 0;
        Field best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Field f : Field.values()) {
            int d = editDistance(lower, f.name().toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = f;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit (optimal string alignment). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
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
