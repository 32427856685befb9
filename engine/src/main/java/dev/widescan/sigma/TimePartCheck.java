package dev.widescan.sigma;

import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;

/**
 * {@code |minute} ... {@code |year} ({@link ValuePredicate.TimePart}): the date's layout checked and the part's
 * digits read in place, from a reused copy of the value ({@link RecordColumn#valueUnits}); nothing allocated.
 * The layout is {@link ValuePredicate.TimePart#DATE}'s: {@code yyyy-MM-dd}, a space or {@code T}, {@code HH:mm}.
 */
final class TimePartCheck implements ColumnCheck {
    /** The date's shape up to the minutes: {@code d} a digit, other characters as they must stand. */
    private static final String LAYOUT = "dddd-dd-dd?dd:dd";

    private final int field;
    private final ValuePredicate.TimePart.Unit unit;
    private final int number;

    TimePartCheck(Field field, ValuePredicate.TimePart part) {
        this.field = field.ordinal();
        this.unit = part.unit();
        this.number = part.number();
    }

    @Override
    public boolean test(RecordColumn[] columns, int record) {
        RecordColumn column = columns[field];
        if (column.isAbsent(record) || column.length(record) < LAYOUT.length()) {
            return false;
        }
        char[] c = column.valueUnits(record);
        for (int i = 0; i < LAYOUT.length(); i++) {
            char want = LAYOUT.charAt(i);
            boolean ok = switch (want) {
                case 'd' -> c[i] >= '0' && c[i] <= '9';
                case '?' -> c[i] == ' ' || c[i] == 'T';
                default -> c[i] == want;
            };
            if (!ok) {
                return false;
            }
        }
        int asked = -1;
        for (ValuePredicate.TimePart.Unit u : UNITS) {
            int value = 0;
            for (int i = u.offset; i < u.offset + u.digits; i++) {
                value = value * 10 + (c[i] - '0');
            }
            if (!u.inRange(value)) {
                return false; // month 13, hour 25: no date (ValuePredicate.TimePart.partsInRange)
            }
            if (u == unit) {
                asked = value;
            }
        }
        return asked == number;
    }

    private static final ValuePredicate.TimePart.Unit[] UNITS = ValuePredicate.TimePart.Unit.values();

    @Override
    public String toString() {
        return Field.values()[field] + " " + unit.name().toLowerCase(java.util.Locale.ROOT) + " " + number;
    }

    @Override
    public int cost() {
        return 3;
    }
}
