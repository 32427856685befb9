package dev.widescan.sigma;

import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import java.math.BigDecimal;

/**
 * {@code |lt}, {@code |lte}, {@code |gt}, {@code |gte} ({@link ValuePredicate.Compare}): the value's units read
 * in place as a decimal number and compared with the rule's, digit by digit, so that any length and any
 * fraction compare exactly (as {@link BigDecimal#compareTo} would) without parsing into an object per value.
 * The rule's number is kept as its sign and its digits without leading zeros (integer part) or trailing
 * zeros (fraction); the value's are found the same way and compared: sign, then length of the integer
 * part, then its digits, then the fraction's.
 */
final class NumberCheck implements ColumnCheck {
    private final int field;
    private final ValuePredicate.Compare.Order order;
    private final int sign;
    private final char[] integer;
    private final char[] fraction;

    NumberCheck(Field field, ValuePredicate.Compare compare) {
        this.field = field.ordinal();
        this.order = compare.order();
        BigDecimal n = compare.number();
        this.sign = n.signum();
        String plain = n.abs().stripTrailingZeros().toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        this.integer = whole.equals("0") ? new char[0] : whole.toCharArray();
        this.fraction = dot < 0 ? new char[0] : plain.substring(dot + 1).toCharArray();
    }

    @Override
    public boolean test(RecordColumn[] columns, int record) {
        RecordColumn column = columns[field];
        if (column.isAbsent(record)) {
            return false;
        }
        char[] c = column.valueUnits(record); // bounds-checked copy, reused: see RecordColumn.valueUnits
        int i = 0;
        int end = column.length(record);
        int valueSign = 1;
        if (i < end && (c[i] == '-' || c[i] == '+')) {
            valueSign = c[i] == '-' ? -1 : 1;
            i++;
        }
        int intFrom = i;
        while (i < end && isDigit(c[i])) {
            i++;
        }
        int intTo = i;
        int fracFrom = i;
        int fracTo = i;
        if (i < end && c[i] == '.') {
            fracFrom = ++i;
            while (i < end && isDigit(c[i])) {
                i++;
            }
            fracTo = i;
            if (fracTo == fracFrom) {
                return false;
            }
        }
        if (intTo == intFrom || i != end) {
            return false; // not a number: neither less nor greater
        }
        while (intFrom < intTo && c[intFrom] == '0') {
            intFrom++;
        }
        while (fracTo > fracFrom && c[fracTo - 1] == '0') {
            fracTo--;
        }
        if (intFrom == intTo && fracFrom == fracTo) {
            valueSign = 0;
        }
        int cmp;
        if (valueSign != sign) {
            cmp = Integer.compare(valueSign, sign);
        } else {
            int magnitude = compareDigits(c, intFrom, intTo, integer, true);
            if (magnitude == 0) {
                magnitude = compareDigits(c, fracFrom, fracTo, fraction, false);
            }
            cmp = valueSign < 0 ? -magnitude : magnitude;
        }
        return order.holds(cmp);
    }

    /**
     * The value's digits {@code [from, to)} against {@code digits}: an integer part is longer when larger
     * ({@code byLength}); a fraction compares digit by digit, the shorter one smaller when a prefix of the other.
     */
    private static int compareDigits(char[] c, int from, int to, char[] digits, boolean byLength) {
        int len = to - from;
        if (byLength && len != digits.length) {
            return Integer.compare(len, digits.length);
        }
        int common = Math.min(len, digits.length);
        for (int k = 0; k < common; k++) {
            int d = Character.compare(c[from + k], digits[k]);
            if (d != 0) {
                return d;
            }
        }
        return Integer.compare(len, digits.length);
    }

    private static boolean isDigit(char u) {
        return u >= '0' && u <= '9';
    }

    @Override
    public String toString() {
        String number = (sign < 0 ? "-" : "") + (integer.length == 0 ? "0" : new String(integer))
                + (fraction.length == 0 ? "" : "." + new String(fraction));
        return Field.values()[field] + " " + order.name().toLowerCase(java.util.Locale.ROOT) + " " + number;
    }

    @Override
    public int cost() {
        return 4;
    }
}
