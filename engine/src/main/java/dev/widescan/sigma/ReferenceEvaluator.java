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
 * character by character (a surrogate pair is one); case-insensitivity is {@code String.regionMatches(true, ...)} itself,
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
        if (fm.isOutsideSchema()) {
            return fm.onAbsentValue();
        }
        boolean matched = fm.matchAll()
                ? fm.values().stream().allMatch(g -> group(fm, g, e))
                : fm.values().stream().anyMatch(g -> group(fm, g, e));
        return matched != fm.negated();
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
        if (value == null) {
            return p.onAbsentValue();
        }
        return switch (p) {
            case ValuePredicate.IsNull n -> false;
            case ValuePredicate.Exists x -> x.present();
            case ValuePredicate.Pattern pat -> wildcardMatch(pat.pattern(), value, pat.caseSensitive());
            case ValuePredicate.Regex r ->
                    REGEXES.computeIfAbsent(r, k -> com.google.re2j.Pattern.compile(k.re2Pattern(), k.re2Flags())).matcher(value).find();
            case ValuePredicate.Compare c -> ValuePredicate.Compare.NUMBER.matcher(value).matches()
                    && c.order().holds(new java.math.BigDecimal(value).compareTo(c.number()));
            case ValuePredicate.TimePart t -> {
                java.util.regex.Matcher date = ValuePredicate.TimePart.DATE.matcher(value);
                yield date.matches() && ValuePredicate.TimePart.partsInRange(date)
                        && Integer.parseInt(date.group(t.unit().group)) == t.number();
            }
            case ValuePredicate.FieldRef ref -> {
                String other = e.get(ref.other());
                if (other == null) {
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
     * Whole-value wildcard match over characters, by the textbook table: {@code done[j]} says whether the
     * pattern items read so far match the value's first {@code j} characters. A character is a surrogate
     * pair or any other single code unit (an unpaired surrogate too); {@code ?} is any one character,
     * {@code *} any run of them, and a plain pattern character matches a value character of the same
     * units. O(pattern x value) time, which a reference can afford.
     */
    static boolean wildcardMatch(SigmaPattern p, String value, boolean caseSensitive) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < value.length(); i += characterUnits(value, i)) {
            starts.add(i);
        }
        int m = starts.size();
        boolean[] done = new boolean[m + 1];
        done[0] = true;
        int i = 0;
        while (i < p.length()) {
            boolean[] next = new boolean[m + 1];
            if (p.isStar(i)) {
                next[0] = done[0];
                for (int j = 1; j <= m; j++) {
                    next[j] = done[j] || next[j - 1];
                }
                i++;
            } else if (p.isQuestion(i)) {
                System.arraycopy(done, 0, next, 1, m);
                i++;
            } else {
                int len = i + 1 < p.length() && !p.isWildcard(i + 1)
                        && Character.isSurrogatePair(p.unit(i), p.unit(i + 1)) ? 2 : 1;
                for (int j = 0; j < m; j++) {
                    int at = starts.get(j);
                    next[j + 1] = done[j] && characterUnits(value, at) == len
                            && sameUnits(p, i, value, at, len, caseSensitive);
                }
                i += len;
            }
            done = next;
        }
        return done[m];
    }

    private static int characterUnits(String value, int at) {
        return at + 1 < value.length() && Character.isSurrogatePair(value.charAt(at), value.charAt(at + 1)) ? 2 : 1;
    }

    private static boolean sameUnits(SigmaPattern p, int from, String value, int at, int len, boolean caseSensitive) {
        for (int k = 0; k < len; k++) {
            if (!sameUnit(value.charAt(at + k), p.unit(from + k), caseSensitive)) {
                return false;
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
}
