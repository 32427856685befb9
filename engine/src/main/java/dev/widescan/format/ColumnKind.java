package dev.widescan.format;

/**
 * How one column of one block is stored (docs/FORMAT.md "Column kinds"). The kind changes the bytes, never
 * the values: every kind reads back the same absent / empty / value per record.
 */
public enum ColumnKind {
    /** Values back to back in record order, an offset per record (v1). */
    PLAIN("plain"),
    /** Distinct values once, a code per record (v2). */
    DICTIONARY("dictionary"),
    /** One value for every present record, stored once; no per-record bytes but the absent bitmap (v3). */
    CONSTANT("constant"),
    /** Every record absent: nothing stored at all (v3; also how a column the file lacks reads). */
    ABSENT("absent");

    private final String label;

    ColumnKind(String label) {
        this.label = label;
    }

    /** The lowercase name {@code widescan inspect} prints. */
    public String label() {
        return label;
    }
}
