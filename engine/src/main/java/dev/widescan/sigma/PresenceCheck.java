package dev.widescan.sigma;

import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;

/** Field present (even empty) or absent: {@code |exists}, {@code null}, and the all-stars pattern. */
final class PresenceCheck implements ColumnCheck {
    private final int field;
    private final boolean present;

    PresenceCheck(Field field, boolean present) {
        this.field = field.ordinal();
        this.present = present;
    }

    @Override
    public boolean test(RecordColumn[] columns, int record) {
        return columns[field].isAbsent(record) != present;
    }

    @Override
    public String toString() {
        return dev.widescan.format.Field.values()[field] + (present ? " present (exists / all stars)" : " absent (null)");
    }

    @Override
    public int cost() {
        return 2;
    }
}
