package dev.widescan.sigma;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser of Sigma conditions, with the spec's precedence (least to most binding):
 * {@code or}, {@code and}, {@code not}, {@code x of pattern}, parentheses.
 *
 * <pre>
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | primary
 *   primary := '(' or ')' | ('1' | 'any' | 'all') 'of' ('them' | pattern) | identifier
 * </pre>
 *
 * Operators are matched case-insensitively; identifiers exactly. {@code them} covers every selection
 * whose name does not start with {@code _}, and so does a pattern unless it starts with {@code _} itself;
 * a pattern's {@code *} matches any run of characters. A
 * pattern or a name that covers no selection is an error, as is a pipe (deprecated aggregations).
 *
 * <p>Hostile conditions are bounded: nesting ({@code not} chains and parentheses) deeper than
 * {@link #MAX_DEPTH} is an error before the recursion could overflow the stack (the compiler and the
 * evaluators walk the tree recursively too), and selection patterns are matched by
 * {@link #globMatches}, which is O(pattern × name) instead of exponential.
 */
final class ConditionParser {
    /** Deepest nesting of parentheses and {@code not}s; SigmaHQ's deepest is under 10. */
    static final int MAX_DEPTH = 128;

    private final Path path;
    private final int line;
    private final String text;
    private final Set<String> selections;
    private final List<String> tokens = new ArrayList<>();
    private int pos;
    private int depth;

    private ConditionParser(Path path, int line, String text, Set<String> selections) {
        this.path = path;
        this.line = line;
        this.text = text;
        this.selections = selections;
    }

    /** {@code selections}: the rule's selection names in file order. */
    static Condition parse(Path path, int line, String text, Set<String> selections) {
        ConditionParser p = new ConditionParser(path, line, text, selections);
        p.tokenize();
        if (p.tokens.isEmpty()) {
            throw p.error("syntax", "empty condition");
        }
        Condition c = p.or();
        if (p.pos < p.tokens.size()) {
            throw p.error("syntax", "unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return c;
    }

    private SigmaRuleException error(String kind, String message) {
        String category = kind.equals("aggregation") ? "aggregation in condition" : "invalid condition";
        String shown = text.length() <= 120 ? text : text.substring(0, 100) + "... (" + text.length() + " characters)";
        return new SigmaRuleException(path, line, category, "condition '" + shown + "': " + message);
    }

    private void tokenize() {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '|') {
                throw error("aggregation", "aggregations ('| count() ...') are not supported (deprecated Sigma 1 syntax; use correlation rules)");
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && "()|".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean acceptOperator(String op) {
        String t = peek();
        if (t != null && t.toLowerCase(Locale.ROOT).equals(op)) {
            pos++;
            return true;
        }
        return false;
    }

    private Condition or() {
        List<Condition> ops = new ArrayList<>();
        ops.add(and());
        while (acceptOperator("or")) {
            ops.add(and());
        }
        return ops.size() == 1 ? ops.get(0) : new Condition.Or(ops);
    }

    private Condition and() {
        List<Condition> ops = new ArrayList<>();
        ops.add(not());
        while (acceptOperator("and")) {
            ops.add(not());
        }
        return ops.size() == 1 ? ops.get(0) : new Condition.And(ops);
    }

    private Condition not() {
        if (acceptOperator("not")) {
            enter();
            Condition c = new Condition.Not(not());
            depth--;
            return c;
        }
        return primary();
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("syntax", "nested deeper than " + MAX_DEPTH + " levels (parentheses and 'not's)");
        }
    }

    private Condition primary() {
        String t = peek();
        if (t == null) {
            throw error("syntax", "unexpected end");
        }
        if (t.equals("(")) {
            pos++;
            enter();
            Condition c = or();
            depth--;
            if (!")".equals(peek())) {
                throw error("syntax", "missing ')'");
            }
            pos++;
            return c;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (pos + 1 < tokens.size() && tokens.get(pos + 1).toLowerCase(Locale.ROOT).equals("of")) {
            boolean all;
            if (lower.equals("all")) {
                all = true;
            } else if (lower.equals("1") || lower.equals("any")) {
                all = false;
            } else {
                throw error("syntax", "'" + t + " of' is not supported: only '1 of' and 'all of'");
            }
            pos += 2;
            String target = peek();
            if (target == null || target.equals("(") || target.equals(")")) {
                throw error("syntax", "'" + t + " of' needs 'them' or a selection pattern");
            }
            pos++;
            return new Condition.Of(all, t + " of " + target, resolve(target));
        }
        if (isOperator(lower) || t.equals(")")) {
            throw error("syntax", "unexpected '" + t + "'");
        }
        pos++;
        if (t.indexOf('*') >= 0) {
            throw error("syntax", "wildcard '" + t + "' outside '1 of'/'all of'");
        }
        if (!selections.contains(t)) {
            throw error("syntax", "'" + t + "' names no selection");
        }
        return new Condition.Ref(t);
    }

    private static boolean isOperator(String lower) {
        return lower.equals("and") || lower.equals("or") || lower.equals("not") || lower.equals("of");
    }

    private List<String> resolve(String target) {
        List<String> names = new ArrayList<>();
        if (target.toLowerCase(Locale.ROOT).equals("them")) {
            for (String s : selections) {
                if (!s.startsWith("_")) {
                    names.add(s);
                }
            }
            if (names.isEmpty()) {
                throw error("syntax", "'them' covers no selection (names starting with '_' are excluded)");
            }
            return names;
        }
        // The spec: a pattern is "same as 1/all of them, but restricted to matching search identifiers", so
        // it skips '_' names as 'them' does (`1 of *filter*` must not pull in `_filter`); a pattern that
        // itself starts with '_' names them on purpose (pySigma's rule, which its filters rely on).
        boolean underscored = target.startsWith("_");
        for (String s : selections) {
            if ((underscored || !s.startsWith("_")) && globMatches(target, s)) {
                names.add(s);
            }
        }
        if (names.isEmpty()) {
            throw error("syntax", "pattern '" + target + "' names no selection"
                    + (underscored ? "" : " (names starting with '_' are left out unless the pattern starts with '_')"));
        }
        return names;
    }

    /**
     * Selection-name patterns: {@code *} any run, everything else exact. The classic two-pointer match:
     * on a mismatch, only the last star is retried one character further, which is enough because a
     * star can absorb anything an earlier one could; O(pattern × name) in the worst case, where the
     * naive recursion was exponential in the number of stars ({@code 1 of *a*a*a...*b}).
     */
    static boolean globMatches(String p, String s) {
        int pi = 0;
        int si = 0;
        int star = -1;
        int resume = 0;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                resume = si;
            } else if (pi < p.length() && p.charAt(pi) == s.charAt(si)) {
                pi++;
                si++;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++resume;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
