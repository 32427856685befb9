package dev.widescan.sigma;

import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;

/** {@code Field: ''}: present with no code units (literals are never empty, so this is not a literal). */
final class EmptyValueCheck implements ColumnCheck {
    private final int field;

    EmptyValueCheck(Field field) {
        this.field = field.ordinal();
    }

    @Override
    public boolean test(RecordColumn[] columns, int record) {
        RecordColumn c = columns[field];
        return !c.isAbsent(record) && c.length(record) == 0;
    }

    @Override
    public String toString() {
        return dev.widescan.format.Field.values()[field] + " empty ('')";
    }

    @Override
    public int cost() {
        return 2;
    }
}
