package dev.widescan.sigma;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The obviously-correct evaluator the compiled fast path is tested against: it walks the rule model on
 * a String-level event and shares no matching code with {@link SigmaCompiler}/{@link RuleEvaluator}
 * (no literal extraction, no prefilter, no column access, not even the fold table). Wildcards are matched
 * segment by segment over code units; case-insensitivity is {@code String.regionMatches(true, ...)} itself,
 * the definition {@link dev.widescan.text.CaseFolding} implements. Allocates freely.
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

    private static final Map<ValuePredicate.Regex, com.google.re2j.Pattern> REGEXES = new ConcurrentHashMap<>();

    private static boolean predicate(Field f, ValuePredicate p, EventRecord e) {
        String value = e.get(f);
        return switch (p) {
            case ValuePredicate.IsNull n -> value == null;
            case ValuePredicate.Exists x -> (value != null) == x.present();
            case ValuePredicate.Pattern pat -> value != null && wildcardMatch(pat.pattern(), value, pat.caseSensitive());
            case ValuePredicate.Regex r -> value != null
                    && REGEXES.computeIfAbsent(r, k -> com.google.re2j.Pattern.compile(k.regex(), k.re2Flags())).matcher(value).find();
            case ValuePredicate.FieldRef ref -> {
                String other = e.get(ref.other());
                if (value == null || other == null) {
                    yield false;
                }
                boolean ic = !ref.caseSensitive();
                int d = value.length() - other.length();
                yield switch (ref.position()) {
                    case EQUALS -> d == 0 && value.regionMatches(ic, 0, other, 0, other.length());
                    case STARTS_WITH -> value.regionMatches(ic, 0, other, 0, other.length());
                    case ENDS_WITH -> d >= 0 && value.regionMatches(ic, d, other, 0, other.length());
                    case CONTAINS -> {
                        for (int i = 0; i <= d; i++) {
                            if (value.regionMatches(ic, i, other, 0, other.length())) {
                                yield true;
                            }
                        }
                        yield false;
                    }
                };
            }
        };
    }

    /**
     * Whole-value wildcard match by star-separated segments: the part before the first star must match
     * at the start, the part after the last star at the end, and each segment in between at its
     * leftmost place after the previous one (taking the leftmost place never loses a match, because
     * every later segment then has the most room). {@code ?} is any one code unit.
     */
    static boolean wildcardMatch(SigmaPattern p, String value, boolean caseSensitive) {
        int n = p.length();
        if (n == 0) {
            return value.isEmpty();
        }
        List<int[]> segments = new ArrayList<>();
        for (int i = 0; i < n; ) {
            if (p.isStar(i)) {
                i++;
                continue;
            }
            int from = i;
            while (i < n && !p.isStar(i)) {
                i++;
            }
            segments.add(new int[] {from, i});
        }
        if (segments.size() == 1 && segments.get(0)[0] == 0 && segments.get(0)[1] == n) {
            return value.length() == n && segmentAt(p, 0, n, value, 0, caseSensitive);
        }
        int pos = 0;
        for (int k = 0; k < segments.size(); k++) {
            int from = segments.get(k)[0];
            int to = segments.get(k)[1];
            int len = to - from;
            if (k == 0 && from == 0) {
                if (len > value.length() || !segmentAt(p, from, to, value, 0, caseSensitive)) {
                    return false;
                }
                pos = len;
            } else if (k == segments.size() - 1 && to == n) {
                int at = value.length() - len;
                return at >= pos && segmentAt(p, from, to, value, at, caseSensitive);
            } else {
                int at = pos;
                while (at + len <= value.length() && !segmentAt(p, from, to, value, at, caseSensitive)) {
                    at++;
                }
                if (at + len > value.length()) {
                    return false;
                }
                pos = at + len;
            }
        }
        return true;
    }

    /**
     * The per-character rule of {@code String.regionMatches(true, ...)}: equal, or equal upper cases, or
     * equal lower cases of the upper cases.
     */
    private static boolean sameUnit(char a, char b, boolean caseSensitive) {
        if (a == b) {
            return true;
        }
        if (caseSensitive) {
            return false;
        }
        char ua = Character.toUpperCase(a);
        char ub = Character.toUpperCase(b);
        return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
    }

    /** Pattern units [from, to) (no stars) against value units starting at {@code at}. */
    private static boolean segmentAt(SigmaPattern p, int from, int to, String value, int at, boolean caseSensitive) {
        for (int i = from; i < to; i++) {
            if (p.isQuestion(i)) {
                continue;
            }
            if (!sameUnit(value.charAt(at + i - from), p.unit(i), caseSensitive)) {
                return false;
            }
        }
        return true;
    }
}
