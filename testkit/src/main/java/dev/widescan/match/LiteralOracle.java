package dev.widescan.match;

import dev.widescan.text.CaseFolding;

/**
 * The answer a literal must give on a value, computed with {@link String} methods over case-folded copies:
 * the oracle tests hold the engine's unit-by-unit checks and the generator's probes against.
 */
public final class LiteralOracle {
    private LiteralOracle() {
    }

    /** Whether {@code literal} holds for {@code value} (its kind, its case rule). */
    public static boolean matches(String value, Literal literal) {
        String v = literal.caseSensitive() ? value : CaseFolding.fold(value);
        String t = literal.caseSensitive() ? literal.text() : CaseFolding.fold(literal.text());
        return switch (literal.kind()) {
            case CONTAINS -> v.contains(t);
            case STARTS_WITH -> v.startsWith(t);
            case ENDS_WITH -> v.endsWith(t);
            case EQUALS -> v.equals(t);
        };
    }
}
