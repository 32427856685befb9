package dev.widescan.sigma;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.text.CaseFolding;

/**
 * The obviously-correct evaluator the compiled fast path is tested against: it walks the rule model on
 * a String-level event and shares no matching code with {@link SigmaCompiler}/{@link RuleEvaluator}
 * (no literal extraction, no prefilter, no column access). Wildcards are matched by dynamic programming
 * over code units; case-insensitivity folds both sides with {@link CaseFolding}. Allocates freely.
 */
public final class ReferenceEvaluator {
    private ReferenceEvaluator() {
    }

    public static boolean matches(SigmaRule rule, EventRecord event) {
        return condition(rule.detection(), rule.detection().condition(), event);
    }

    private static boolean condition(Detection d, Condition c, EventRecord e) {
        return switch (c) {
            case Condition.Ref r -> selection(d.selections().get(r.selection()), e);
            case Condition.Not n -> !condition(d, n.operand(), e);
            case Condition.And a -> a.operands().stream().allMatch(o -> condition(d, o, e));
            case Condition.Or o -> o.operands().stream().anyMatch(x -> condition(d, x, e));
            case Condition.Of of -> of.all()
                    ? of.selections().stream().allMatch(s -> selection(d.selections().get(s), e))
                    : of.selections().stream().anyMatch(s -> selection(d.selections().get(s), e));
        };
    }

    private static boolean selection(Selection s, EventRecord e) {
        return s.alternatives().stream().anyMatch(alt -> alt.stream().allMatch(fm -> fieldMatch(fm, e)));
    }

    private static boolean fieldMatch(FieldMatch fm, EventRecord e) {
        if (fm.matchAll()) {
            return fm.values().stream().allMatch(g -> group(fm, g, e));
        }
        return fm.values().stream().anyMatch(g -> group(fm, g, e));
    }

    private static boolean group(FieldMatch fm, ValueGroup g, EventRecord e) {
        for (ValuePredicate p : g.anyOf()) {
            if (fm.isKeyword()) {
                for (Field f : Field.values()) {
                    if (predicate(f, p, e)) {
                        return true;
                    }
                }
            } else if (predicate(fm.field(), p, e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean predicate(Field f, ValuePredicate p, EventRecord e) {
        String value = e.get(f);
        return switch (p) {
            case ValuePredicate.IsNull n -> value == null;
            case ValuePredicate.Exists x -> (value != null) == x.present();
            case ValuePredicate.Pattern pat -> value != null && wildcardMatch(pat.pattern(), value, pat.caseSensitive());
            case ValuePredicate.Regex r -> value != null && com.google.re2j.Pattern.compile(r.regex(), r.re2Flags()).matcher(value).find();
            case ValuePredicate.FieldRef ref -> {
                String other = e.get(ref.other());
                if (value == null || other == null) {
                    yield false;
                }
                String x = ref.caseSensitive() ? value : CaseFolding.fold(value);
                String y = ref.caseSensitive() ? other : CaseFolding.fold(other);
                yield switch (ref.position()) {
                    case EQUALS -> x.equals(y);
                    case CONTAINS -> x.contains(y);
                    case STARTS_WITH -> x.startsWith(y);
                    case ENDS_WITH -> x.endsWith(y);
                };
            }
        };
    }

    /** match[i][j]: the first i pattern units match the first j value units. */
    static boolean wildcardMatch(SigmaPattern p, String value, boolean caseSensitive) {
        String v = caseSensitive ? value : CaseFolding.fold(value);
        int n = p.length();
        int m = v.length();
        boolean[][] match = new boolean[n + 1][m + 1];
        match[0][0] = true;
        for (int i = 1; i <= n; i++) {
            boolean star = p.isStar(i - 1);
            boolean one = p.isQuestion(i - 1);
            char pc = caseSensitive ? p.unit(i - 1) : CaseFolding.fold(p.unit(i - 1));
            for (int j = 0; j <= m; j++) {
                if (star) {
                    match[i][j] = match[i - 1][j] || (j > 0 && match[i][j - 1]);
                } else if (j > 0) {
                    match[i][j] = match[i - 1][j - 1] && (one || pc == v.charAt(j - 1));
                }
            }
        }
        return match[n][m];
    }
}
