package dev.widescan.sigma;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.text.CaseFolding;
import dev.widescan.text.Utf16ValueView;

/**
 * {@code |re}: RE2/J (linear time, no catastrophic backtracking) searched in the value through a
 * zero-copy {@link Utf16ValueView}. The prototype compiled by {@link SigmaCompiler} holds only the
 * pattern; each thread gets its own view and matcher, bound once: per record the view is re-pointed and
 * {@link Matcher#reset()} re-reads its length, so no String or matcher is created per value.
 *
 * <p>The confirm step is this thread's lazy DFA ({@link RegexDfa}) when the pattern is in its exact RE2
 * subset, RE2/J otherwise (and for values with surrogates). When the compiler gates the check by the
 * pattern's factors ({@link RegexFactors}), values reach it only after a factor hit.
 *
 * <p>Otherwise, before the regex engine runs, a value must contain the pattern's required literal
 * ({@link RegexLiteral}, compared folded): RE2/J's NFA costs microseconds a value, the containment test
 * nanoseconds, and regex-only rules run on every record. On a dictionary-encoded column the answer is
 * kept per entry for the block (the thread's instance holds it), so each distinct value is searched once.
 */
final class RegexCheck implements ColumnCheck {
    private final int field;
    private final Pattern pattern;
    /** Folded units every match contains, or null when the pattern requires none. */
    private final char[] literal;
    private final Utf16ValueView view;
    private final Matcher matcher;
    /** The lazy-DFA searcher (this thread's), or null when the pattern is outside its exact subset. */
    private final RegexDfa dfa;
    private final boolean gated;
    /** The answer per dictionary entry of the block (this thread's). */
    private final EntryAnswers memo = new EntryAnswers();
    private final EntryAnswers.Answer answer = this::search;

    RegexCheck(Field field, String regex, int flags) {
        this(field, regex, flags, false);
    }

    /**
     * {@code gatedByFactors}: the compiler only evaluates this check on values where one of the regex's
     * required factors hit ({@link RegexFactors}), so the single-literal containment test is skipped.
     */
    RegexCheck(Field field, String regex, int flags, boolean gatedByFactors) {
        this.field = field.ordinal();
        this.pattern = Pattern.compile(regex, flags);
        this.literal = gatedByFactors ? null : RegexLiteral.required(regex);
        this.gated = gatedByFactors;
        this.view = null;
        this.matcher = null;
        this.dfa = RegexDfa.compile(regex, flags);
    }

    private RegexCheck(int field, Pattern pattern, char[] literal, RegexDfa dfa, boolean gated) {
        this.field = field;
        this.gated = gated;
        this.pattern = pattern;
        this.literal = literal;
        this.view = new Utf16ValueView();
        this.matcher = pattern.matcher(view);
        this.dfa = dfa == null ? null : dfa.copy();
    }

    /** The pattern as written in the rule. */
    String pattern() {
        return pattern.pattern();
    }

    /** True when the compiler gates this check by the pattern's factors (then no single-literal prefilter). */
    boolean gatedByFactors() {
        return gated;
    }

    /** True when values are confirmed by the lazy DFA ({@link RegexDfa}), false when by RE2/J alone. */
    boolean usesDfa() {
        return dfa != null;
    }

    @Override
    public boolean test(RecordColumn[] columns, int record) {
        RecordColumn c = columns[field];
        if (c.isAbsent(record)) {
            return false;
        }
        if (matcher == null) {
            throw new IllegalStateException("regex check used without forThread()");
        }
        return memo.test(c, record, answer);
    }

    private boolean search(RecordColumn c, int record) {
        if (literal != null && !containsLiteral(c, record)) {
            return false;
        }
        if (dfa != null) {
            int found = dfa.find(c, record);
            if (found != RegexDfa.FALLBACK) {
                return found == RegexDfa.YES;
            }
        }
        view.wrap(c, record);
        matcher.reset();
        return matcher.find();
    }

    private boolean containsLiteral(RecordColumn c, int record) {
        char[] lit = literal;
        char first = lit[0];
        char[] value = c.valueUnits(record);
        for (int p = 0, last = c.length(record) - lit.length; p <= last; p++) {
            if (CaseFolding.fold(value[p]) == first) {
                int k = 1;
                while (k < lit.length && CaseFolding.fold(value[p + k]) == lit[k]) {
                    k++;
                }
                if (k == lit.length) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "regex '" + pattern.pattern() + "'" + (literal == null ? "" : " (prefilter literal '" + new String(literal) + "')")
                + (dfa == null ? " (RE2/J)" : "");
    }

    @Override
    public int cost() {
        return 20;
    }

    @Override
    public ColumnCheck forThread() {
        return new RegexCheck(field, pattern, literal, dfa, gated);
    }
}
