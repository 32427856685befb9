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
     * Whole-value wildcard match over characters, by the textbook table: after the pattern items read so far,
     * {@code j} is in the set of matched prefixes when they match the value's first {@code j} characters. A
     * character is a surrogate pair or any other single code unit (an unpaired surrogate too); {@code ?} is any
     * one character, {@code *} any run of them, and a plain pattern character matches a value character of the
     * same units. The set is kept as a run "every j from {@code from} on" (after a {@code *}) plus the listed
     * j's, so a step costs what is in the set: O(pattern x value) at worst, which a reference can afford, but
     * {@code *literal*} over a 32,767-unit value (what {@code gen --profile long} verifies) no longer walks the
     * whole value once per pattern character (25 ms an event with the seed rule, before).
     */
    static boolean wildcardMatch(SigmaPattern p, String value, boolean caseSensitive) {
        Prepared v = Prepared.of(value);
        int m = v.starts.length - 1; // characters; starts[m] = value.length()
        int from = Integer.MAX_VALUE; // no run
        int[] listed = {0};
        int count = 1;
        int i = 0;
        while (i < p.length() && (count > 0 || from <= m)) {
            if (p.isStar(i)) {
                from = Math.min(from, count > 0 ? listed[0] : from); // the smallest matched prefix, and all after it
                count = 0;
                i++;
                continue;
            }
            int[] next = new int[(from <= m ? m - from + 1 : 0) + count];
            int n = 0;
            if (p.isQuestion(i)) {
                for (int k = 0; k < count; k++) {
                    if (listed[k] < m) {
                        next[n++] = listed[k] + 1;
                    }
                }
                for (int j = from; j < m; j++) {
                    next[n++] = j + 1;
                }
                i++;
            } else {
                int len = i + 1 < p.length() && !p.isWildcard(i + 1)
                        && Character.isSurrogatePair(p.unit(i), p.unit(i + 1)) ? 2 : 1;
                for (int k = 0; k < count; k++) {
                    n = step(p, i, len, v, listed[k], caseSensitive, next, n);
                }
                for (int j = from; j < m; j++) {
                    n = step(p, i, len, v, j, caseSensitive, next, n);
                }
                i += len;
            }
            from = Integer.MAX_VALUE;
            listed = next;
            count = n;
        }
        if (i < p.length()) {
            return false; // nothing matched before the pattern's end
        }
        if (from <= m) {
            return true; // a trailing run reaches the value's end
        }
        for (int k = 0; k < count; k++) {
            if (listed[k] == m) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code j + 1} to {@code next} when the value's character {@code j} matches pattern character {@code i} ({@code len} units). */
    private static int step(SigmaPattern p, int i, int len, Prepared v, int j, boolean caseSensitive, int[] next, int n) {
        if (j + 1 >= v.starts.length) {
            return n; // the whole value is matched already: no character left for this one
        }
        int at = v.starts[j];
        if (v.starts[j + 1] - at == len && sameUnits(p, i, v, at, len, caseSensitive)) {
            next[n++] = j + 1;
        }
        return n;
    }

    /**
     * A value as {@link #wildcardMatch} reads it, made once for all the patterns asked of it (the same String
     * object, as {@code EventRecord.get} returns it): where each character starts, and each unit folded ({@link #fold}).
     */
    private record Prepared(String value, int[] starts, char[] folded) {
        private static final ThreadLocal<Prepared> LAST = new ThreadLocal<>();

        static Prepared of(String value) {
            Prepared last = LAST.get();
            if (last != null && last.value == value) {
                return last;
            }
            int[] starts = new int[value.length() + 1];
            int m = 0;
            for (int at = 0; at < value.length(); at += characterUnits(value, at)) {
                starts[m++] = at;
            }
            starts[m] = value.length();
            char[] folded = new char[value.length()];
            for (int k = 0; k < folded.length; k++) {
                folded[k] = fold(value.charAt(k));
            }
            Prepared made = new Prepared(value, java.util.Arrays.copyOf(starts, m + 1), folded);
            LAST.set(made);
            return made;
        }
    }

    private static int characterUnits(String value, int at) {
        return at + 1 < value.length() && Character.isSurrogatePair(value.charAt(at), value.charAt(at + 1)) ? 2 : 1;
    }

    private static boolean sameUnits(SigmaPattern p, int from, Prepared v, int at, int len, boolean caseSensitive) {
        for (int k = 0; k < len; k++) {
            char a = v.value.charAt(at + k);
            char b = p.unit(from + k);
            if (a != b && (caseSensitive || v.folded[at + k] != fold(b))) {
                return false;
            }
        }
        return true;
    }

    /**
     * One unit folded by the per-character rule of {@code String.regionMatches(true, ...)}: two units are the
     * same ignoring case when they are equal, or their upper cases are, or the lower cases of their upper
     * cases are; all three come to equal folds (equal units, or equal upper cases, have equal lower cases of
     * the upper cases too), and equal folds are the third.
     */
    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
