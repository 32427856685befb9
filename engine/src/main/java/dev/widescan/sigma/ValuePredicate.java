package dev.widescan.sigma;

import dev.widescan.format.Field;
import dev.widescan.match.LiteralKind;
import java.util.Objects;

/**
 * One test of one field's value, after every modifier has been applied: what the compiler turns into
 * literals and checks, and what the reference evaluator tests directly.
 *
 * <p>Absent fields: a {@link Pattern}, {@link Regex}, {@link FieldRef} or {@link Compare} never matches an absent field
 * (there is no value to test); {@link IsNull} matches only an absent field; {@link Exists} tests presence.
 */
public sealed interface ValuePredicate {

    /**
     * This predicate's answer on an event without the field (see "Absent fields" above): the one place
     * that says it, for the reference evaluator and for fields outside widescan's event schema, which no
     * event has ({@link FieldMatch#fieldOutsideSchema}).
     */
    default boolean onAbsentValue() {
        return switch (this) {
            case IsNull n -> true;
            case Exists e -> !e.present();
            case Pattern p -> false;
            case Regex r -> false;
            case FieldRef f -> false;
            case Compare c -> false;
            case TimePart t -> false;
        };
    }

    /**
     * The value matches the wildcard pattern as a whole (Sigma's {@code contains}/{@code startswith}/
     * {@code endswith} have already added their stars). Case-insensitive per
     * {@link dev.widescan.text.CaseFolding} unless {@code caseSensitive} ({@code |cased}).
     */
    record Pattern(SigmaPattern pattern, boolean caseSensitive) implements ValuePredicate {
        public Pattern {
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /**
     * YAML {@code null}: the field is absent from the event. Not "absent or empty": Sigma writes the
     * empty value as {@code ''} and SigmaHQ rules pair {@code Field: null} with {@code Field: ''} whenever
     * they mean both, exactly as SQL-style backends ({@code IS NULL}) read it.
     */
    record IsNull() implements ValuePredicate {
    }

    /** {@code |exists: true/false}: the field is present (even empty) or absent. */
    record Exists(boolean present) implements ValuePredicate {
    }

    /**
     * {@code |re}: an RE2 regular expression searched anywhere in the value (unanchored, as SigmaHQ rules
     * anchor explicitly with {@code ^}/{@code $}, {@code $} as PCRE reads it); case-sensitive unless the
     * {@code i} sub-modifier.
     * {@code re2Flags} are {@link com.google.re2j.Pattern} flags.
     */
    record Regex(String regex, int re2Flags) implements ValuePredicate {
        public Regex {
            Objects.requireNonNull(regex, "regex");
        }

        /** What RE2 runs: {@link #regex} as written, with PCRE's meaning of {@code $} ({@link PcreDollar}). */
        public String re2Pattern() {
            return PcreDollar.toRe2(regex, re2Flags);
        }
    }

    /**
     * {@code |lt}, {@code |lte}, {@code |gt}, {@code |gte} (modifiers appendix, "Numeric Modifiers"): the value
     * read as a decimal number ({@link #NUMBER}: optional sign, digits, optional fraction; how events print
     * EventID, ProcessId, TerminalSessionId) compared with the rule's number. A value that is not such a
     * number ({@code 0x3e7}, {@code ''}, text) is not less or greater than anything: false, as on an absent value.
     */
    record Compare(java.math.BigDecimal number, Order order) implements ValuePredicate {
        /** The values read as numbers, and nothing else (no spaces, exponents, hexadecimal). */
        public static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[-+]?[0-9]+(?:\\.[0-9]+)?");

        public Compare {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(order, "order");
        }

        /** The four orders, each true for some signs of {@code value.compareTo(number)}. */
        public enum Order {
            LT, LTE, GT, GTE;

            /** Whether a value whose comparison with the rule's number is {@code cmp} (< 0, 0, > 0) passes. */
            public boolean holds(int cmp) {
                return switch (this) {
                    case LT -> cmp < 0;
                    case LTE -> cmp <= 0;
                    case GT -> cmp > 0;
                    case GTE -> cmp >= 0;
                };
            }
        }
    }

    /**
     * {@code |minute}, {@code |hour}, {@code |day}, {@code |month}, {@code |year} (modifiers appendix, "Time
     * Modifiers": "it extracts a numeric value from a date", with no time-zone or format conversion): the part
     * of the date text ({@link #DATE}: {@code yyyy-MM-dd HH:mm}, with a space as Sysmon's UtcTime writes it or a
     * {@code T} as ISO 8601 does, then anything, each part in its range) equals {@code number}; false for a value
     * that is not such a date.
     */
    record TimePart(Unit unit, int number) implements ValuePredicate {
        /** The dates read, and where each part stands in them. */
        public static final java.util.regex.Pattern DATE =
                java.util.regex.Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2}).*", java.util.regex.Pattern.DOTALL);

        public TimePart {
            Objects.requireNonNull(unit, "unit");
        }

        /**
         * Whether the parts {@code date} (a match of {@link #DATE}) read are each in their range: a value with
         * month 13 or hour 25 is no date, whichever part a rule asks for (the calendar is not checked: day 31
         * of February passes).
         */
        public static boolean partsInRange(java.util.regex.Matcher date) {
            for (Unit u : Unit.values()) {
                if (!u.inRange(Integer.parseInt(date.group(u.group)))) {
                    return false;
                }
            }
            return true;
        }

        /**
         * A part of the date: its regex group in {@link #DATE}, its units' place in the text, and its range
         * (modifiers appendix, "Time Modifiers": minute 0-59, hour 0-23, day 1-31, month 1-12; year: four digits).
         */
        public enum Unit {
            YEAR(1, 0, 4, 0, 9999), MONTH(2, 5, 2, 1, 12), DAY(3, 8, 2, 1, 31), HOUR(4, 11, 2, 0, 23), MINUTE(5, 14, 2, 0, 59);

            public final int group;
            public final int offset;
            public final int digits;
            public final int min;
            public final int max;

            Unit(int group, int offset, int digits, int min, int max) {
                this.group = group;
                this.offset = offset;
                this.digits = digits;
                this.min = min;
                this.max = max;
            }

            public boolean inRange(int value) {
                return value >= min && value <= max;
            }
        }
    }

    /**
     * {@code |fieldref}: the value compared with another field of the same event, as a whole
     * ({@link LiteralKind#EQUALS}) or with {@code contains}/{@code startswith}/{@code endswith}.
     * Case-insensitive unless {@code |cased}; false when either field is absent.
     */
    record FieldRef(Field other, LiteralKind position, boolean caseSensitive) implements ValuePredicate {
        public FieldRef {
            Objects.requireNonNull(other, "other");
            Objects.requireNonNull(position, "position");
        }
    }
}
