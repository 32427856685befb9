package dev.widescan.match;

import java.util.Objects;

/**
 * One literal a matcher looks for: its exact text (never empty), where it must stand, and whether case
 * matters. Case-insensitive comparison is {@link dev.widescan.text.CaseFolding}'s per-code-unit rule.
 *
 * <p>Empty literals never reach a matcher: the Sigma layer answers "equals ''", "contains ''" and friends
 * from value lengths and absence, which the column already knows.
 */
public record Literal(String text, LiteralKind kind, boolean caseSensitive) {
    public Literal {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty literal: the Sigma layer handles empty values itself");
        }
    }

    public static Literal contains(String text) {
        return new Literal(text, LiteralKind.CONTAINS, false);
    }
}
