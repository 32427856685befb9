package dev.widescan.match;

/** Where a literal must stand in a value for a hit. */
public enum LiteralKind {
    /** Anywhere in the value. */
    CONTAINS,
    /** At the value's first code unit. */
    STARTS_WITH,
    /** Ending at the value's last code unit. */
    ENDS_WITH,
    /** The whole value. */
    EQUALS
}
