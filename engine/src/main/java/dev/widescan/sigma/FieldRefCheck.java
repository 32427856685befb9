package dev.widescan.sigma;

import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.match.LiteralKind;
import dev.widescan.text.CaseFolding;

/** {@code |fieldref}: one field's value compared in place with another field's value of the same record. */
final class FieldRefCheck implements ColumnCheck {
    private final int field;
    private final int other;
    private final LiteralKind position;
    private final boolean caseSensitive;

    FieldRefCheck(Field field, Field other, LiteralKind position, boolean caseSensitive) {
        this.field = field.ordinal();
        this.other = other.ordinal();
        this.position = position;
        this.caseSensitive = caseSensitive;
    }

    @Override
    public boolean test(RecordColumn[] columns, int record) {
        RecordColumn a = columns[field];
        RecordColumn b = columns[other];
        if (a.isAbsent(record) || b.isAbsent(record)) {
            return false;
        }
        int aStart = a.start(record);
        int aLen = a.end(record) - aStart;
        int bStart = b.start(record);
        int bLen = b.end(record) - bStart;
        return switch (position) {
            case EQUALS -> aLen == bLen && regionEquals(a, aStart, b, bStart, bLen);
            case STARTS_WITH -> bLen <= aLen && regionEquals(a, aStart, b, bStart, bLen);
            case ENDS_WITH -> bLen <= aLen && regionEquals(a, aStart + aLen - bLen, b, bStart, bLen);
            case CONTAINS -> {
                for (int at = 0; at + bLen <= aLen; at++) {
                    if (regionEquals(a, aStart + at, b, bStart, bLen)) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    private boolean regionEquals(RecordColumn a, int aFrom, RecordColumn b, int bFrom, int len) {
        for (int i = 0; i < len; i++) {
            char x = a.unitAt(aFrom + i);
            char y = b.unitAt(bFrom + i);
            if (x != y && (caseSensitive || CaseFolding.fold(x) != CaseFolding.fold(y))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "fieldref " + Field.values()[field] + " " + position + " " + Field.values()[other];
    }

    @Override
    public int cost() {
        return 8;
    }
}
