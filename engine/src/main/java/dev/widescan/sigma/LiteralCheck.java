package dev.widescan.sigma;

import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import dev.widescan.text.CaseFolding;

/**
 * A literal answered on demand, in the value itself, instead of by the field's matcher: for the short
 * literals no rule is gated by ({@link SigmaCompiler#demoted}). Same meaning as a matcher hit: the
 * value (folded per unit unless {@code |cased}) contains, starts with, ends with or equals the literal's
 * (folded) text; absent values never match.
 *
 * <p>Why: the catalog names ~180 one- and two-unit CommandLine literals ({@code 'i'}, {@code ':'},
 * {@code ' -p'}...) only inside rules already gated by a rarer literal. A matcher reports every
 * occurrence of them in every command line (a third of all hits on generated data, each a sink call and
 * a dedupe), while a rule needs one only on the few records where its gate hit. This asks the value on
 * those records only; a record's answer is kept for the next rule that asks (plain columns), a distinct
 * value's for the block (dictionary columns, {@link EntryAnswers}).
 */
final class LiteralCheck implements ColumnCheck {
    private final int field;
    private final char[] text;
    private final LiteralKind kind;
    private final boolean cased;
    private final EntryAnswers memo;
    private final EntryAnswers.Answer answer = this::matches;
    private long lastGeneration = -1;
    private int lastRecord = -1;
    private boolean lastAnswer;

    LiteralCheck(Field field, Literal literal) {
        this.field = field.ordinal();
        this.cased = literal.caseSensitive();
        this.text = (cased ? literal.text() : CaseFolding.fold(literal.text())).toCharArray();
        this.kind = literal.kind();
        this.memo = null;
    }

    private LiteralCheck(LiteralCheck prototype) {
        this.field = prototype.field;
        this.text = prototype.text;
        this.kind = prototype.kind;
        this.cased = prototype.cased;
        this.memo = new EntryAnswers();
    }

    @Override
    public ColumnCheck forThread() {
        return new LiteralCheck(this);
    }

    @Override
    public boolean test(RecordColumn[] columns, int record) {
        RecordColumn c = columns[field];
        if (c.isAbsent(record)) {
            return false;
        }
        if (memo == null) {
            return matches(c, record);
        }
        if (c.hasEntries()) {
            return memo.test(c, record, answer);
        }
        if (record != lastRecord || c.generation() != lastGeneration) {
            lastAnswer = matches(c, record);
            lastRecord = record;
            lastGeneration = c.generation();
        }
        return lastAnswer;
    }

    private boolean matches(RecordColumn c, int record) {
        int length = c.length(record);
        int n = text.length;
        if (length < n) {
            return false;
        }
        char[] value = c.valueUnits(record);
        return switch (kind) {
            case EQUALS -> length == n && at(value, 0);
            case STARTS_WITH -> at(value, 0);
            case ENDS_WITH -> at(value, length - n);
            case CONTAINS -> contains(value, length);
        };
    }

    private boolean contains(char[] value, int length) {
        char first = text[0];
        for (int p = 0, last = length - text.length; p <= last; p++) {
            if (unit(value[p]) == first && at(value, p)) {
                return true;
            }
        }
        return false;
    }

    private boolean at(char[] value, int p) {
        for (int k = 0; k < text.length; k++) {
            if (unit(value[p + k]) != text[k]) {
                return false;
            }
        }
        return true;
    }

    private char unit(char u) {
        return cased ? u : CaseFolding.fold(u);
    }

    @Override
    public int cost() {
        return 2;
    }

    @Override
    public String toString() {
        return "literal " + kind + (cased ? " cased" : "") + " '" + new String(text) + "' on " + Field.values()[field] + " (asked on demand)";
    }
}
