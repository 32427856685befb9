package dev.widescan.format;

/**
 * Which column kinds a writer may use (docs/FORMAT.md "Column kinds"), and so which format version it
 * writes: the oldest one that has every kind it may use, so that older readers take the file.
 */
public enum ColumnEncodings {
    /** Every column plain: format version 1 (for comparisons and compatibility tests). */
    PLAIN(1),
    /** Plain and dictionary-encoded columns: format version 2. */
    DICTIONARY(2),
    /** Plain, dictionary, constant and all-absent columns: format version 3 (the default). */
    COMPACT(3);

    private final int majorVersion;

    ColumnEncodings(int majorVersion) {
        this.majorVersion = majorVersion;
    }

    /** The format version a writer with these encodings labels its file with. */
    public int majorVersion() {
        return majorVersion;
    }

    boolean dictionaries() {
        return this != PLAIN;
    }

    boolean constants() {
        return this == COMPACT;
    }
}
