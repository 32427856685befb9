package dev.widescan.sigma;

import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.text.CaseFolding;

/**
 * A whole-value wildcard match on the column, for patterns with {@code *}/{@code ?} inside (after a
 * literal prefilter hit, or alone when the pattern has no plain run at all).
 *
 * <p>Greedy matching with one backtrack point: on a mismatch, the most recent star absorbs one more
 * character. That is correct for {@code *} and {@code ?} (a later star can always take over what an
 * earlier one would), runs in O(pattern x value) at worst and needs no memory. {@code ?} is one
 * character as the Sigma specification says: a surrogate pair (an emoji, say) is one, so {@code ?}
 * takes both its units and a star never stops between them; an unpaired surrogate is a character of its
 * own. Plain units compare unit by unit (a pair in the pattern matches the same pair); case folding is
 * {@link CaseFolding}'s per-unit rule, the pattern folded once here.
 */
final class GlobCheck implements ColumnCheck {
    private static final byte PLAIN = 0;
    private static final byte STAR = 1;
    private static final byte ONE = 2;

    private final int field;
    private final char[] units;
    private final byte[] kinds;
    private final boolean caseSensitive;
    private final SigmaPattern pattern;

    GlobCheck(Field field, SigmaPattern pattern, boolean caseSensitive) {
        this.field = field.ordinal();
        this.pattern = pattern;
        this.caseSensitive = caseSensitive;
        this.units = new char[pattern.length()];
        this.kinds = new byte[pattern.length()];
        for (int i = 0; i < units.length; i++) {
            char c = pattern.unit(i);
            units[i] = caseSensitive ? c : CaseFolding.fold(c);
            kinds[i] = pattern.isStar(i) ? STAR : pattern.isQuestion(i) ? ONE : PLAIN;
        }
        this.memo = null;
    }

    /** A thread's copy: the answer per dictionary entry of the block; null on the shared prototype. */
    private final EntryAnswers memo;
    private final EntryAnswers.Answer answer = this::matches;

    private GlobCheck(GlobCheck prototype) {
        this.field = prototype.field;
        this.units = prototype.units;
        this.kinds = prototype.kinds;
        this.caseSensitive = prototype.caseSensitive;
        this.pattern = prototype.pattern;
        this.memo = new EntryAnswers();
    }

    /** A thread's copy: it remembers, on a dictionary-encoded column, each distinct value's answer for the block. */
    @Override
    public ColumnCheck forThread() {
        return new GlobCheck(this);
    }

    @Override
    public boolean test(RecordColumn[] columns, int record) {
        RecordColumn c = columns[field];
        if (c.isAbsent(record)) {
            return false;
        }
        return memo == null ? matches(c, record) : memo.test(c, record, answer);
    }

    private boolean matches(RecordColumn c, int record) {
        int end = c.length(record);
        char[] value = c.valueUnits(record);
        int v = 0;
        int p = 0;
        int starP = -1;
        int starV = 0;
        while (v < end) {
            if (p < units.length && kinds[p] == ONE) {
                p++;
                v += characterUnits(value, v, end);
            } else if (p < units.length && kinds[p] == PLAIN && same(units[p], value[v])) {
                p++;
                v++;
            } else if (p < units.length && kinds[p] == STAR) {
                starP = p++;
                starV = v;
            } else if (starP >= 0) {
                p = starP + 1;
                starV += characterUnits(value, starV, end);
                v = starV;
            } else {
                return false;
            }
        }
        while (p < units.length && kinds[p] == STAR) {
            p++;
        }
        return p == units.length;
    }

    /** 2 for a surrogate pair starting at {@code v} (one character), else 1. */
    private static int characterUnits(char[] value, int v, int end) {
        return v + 1 < end && Character.isHighSurrogate(value[v]) && Character.isLowSurrogate(value[v + 1]) ? 2 : 1;
    }

    private boolean same(char patternUnit, char valueUnit) {
        return caseSensitive ? patternUnit == valueUnit : patternUnit == CaseFolding.fold(valueUnit);
    }

    @Override
    public String toString() {
        return "wildcard pattern '" + pattern + "' on " + Field.values()[field];
    }

    @Override
    public int cost() {
        return 8;
    }
}
