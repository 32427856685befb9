package dev.widescan.sigma;

import dev.widescan.format.Utf16Column;
import dev.widescan.match.HitSink;
import dev.widescan.match.Literal;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.Searcher;
import dev.widescan.text.CaseFolding;

/**
 * Test-only matcher: every literal at every allowed position of every value, compared unit by unit in
 * the column (regionMatches-style), case-insensitively through {@link CaseFolding}. Drives
 * {@link RuleEvaluator} until the real strategies of package match are available.
 */
final class NaiveTestMatcher implements Matcher {
    private final LiteralSet literals;

    NaiveTestMatcher(LiteralSet literals) {
        this.literals = literals;
    }

    @Override
    public String strategyName() {
        return "test-naive";
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
            if (column.isAbsent(v)) {
                continue;
            }
            int start = column.offset(v);
            int len = column.length(v);
            for (int id = 0; id < literals.size(); id++) {
                if (hits(column, start, len, literals.get(id))) {
                    sink.hit(v, id);
                }
            }
        }
    }

    private static boolean hits(Utf16Column c, int start, int len, Literal lit) {
        int n = lit.text().length();
        if (n > len) {
            return false;
        }
        return switch (lit.kind()) {
            case EQUALS -> n == len && regionMatches(c, start, lit);
            case STARTS_WITH -> regionMatches(c, start, lit);
            case ENDS_WITH -> regionMatches(c, start + len - n, lit);
            case CONTAINS -> {
                for (int at = start; at + n <= start + len; at++) {
                    if (regionMatches(c, at, lit)) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    private static boolean regionMatches(Utf16Column c, int at, Literal lit) {
        String t = lit.text();
        for (int i = 0; i < t.length(); i++) {
            char x = c.unitAt(at + i);
            char y = t.charAt(i);
            if (x != y && (lit.caseSensitive() || !CaseFolding.equalsIgnoreCase(x, y))) {
                return false;
            }
        }
        return true;
    }
}
