package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import dev.widescan.text.CaseFolding;

/**
 * The yardstick: decode each value to a {@code String}, fold it, and ask {@code String.contains},
 * {@code startsWith}, {@code endsWith} or {@code equals} once per literal. It allocates two strings per
 * value on purpose: it is what a straightforward Java Sigma engine does, and every benchmark report
 * divides by it. It is also the reference the differential tests compare every other strategy with, so
 * it stays as obvious as possible.
 */
public final class NaiveMatcher implements Matcher {
    public static final String NAME = "naive";

    private final LiteralSet literals;
    private final String[] texts;
    private final boolean anyCaseless;

    public NaiveMatcher(LiteralSet literals) {
        this.literals = literals;
        texts = new String[literals.size()];
        boolean caseless = false;
        for (int id = 0; id < texts.length; id++) {
            Literal literal = literals.get(id);
            texts[id] = literal.caseSensitive() ? literal.text() : CaseFolding.fold(literal.text());
            caseless |= !literal.caseSensitive();
        }
        anyCaseless = caseless;
    }

    @Override
    public String strategyName() {
        return NAME;
    }

    @Override
    public LiteralSet literals() {
        return literals;
    }

    @Override
    public Searcher newSearcher() {
        return this::scan;
    }

    private void scan(Utf16Column column, int fromValue, int toValue, HitSink sink) {
        for (int v = fromValue; v < toValue; v++) {
            String raw = column.valueAsString(v);
            if (raw == null) {
                continue;
            }
            String folded = anyCaseless ? CaseFolding.fold(raw) : null;
            for (int id = 0; id < texts.length; id++) {
                Literal literal = literals.get(id);
                String value = literal.caseSensitive() ? raw : folded;
                if (matches(value, texts[id], literal.kind())) {
                    sink.hit(v, id);
                }
            }
        }
    }

    private static boolean matches(String value, String text, LiteralKind kind) {
        return switch (kind) {
            case CONTAINS -> value.contains(text);
            case STARTS_WITH -> value.startsWith(text);
            case ENDS_WITH -> value.endsWith(text);
            case EQUALS -> value.equals(text);
        };
    }
}
