package dev.widescan.sigma;

/**
 * The one place where a Sigma {@code |re} pattern's {@code $} is given its PCRE meaning before RE2 reads it.
 *
 * <p>The spec's regex flavour is PCRE (modifiers appendix, "Regular Expression": anchors {@code ^}, {@code $}).
 * In PCRE, without the {@code m} flag, {@code $} matches at the end of the value <em>and before a newline that
 * ends it</em>; RE2's {@code $} matches at the very end only, so {@code cmd\.exe$} missed
 * {@code "x cmd.exe\n"}, which PCRE (and Splunk, Python's {@code re}) match. A {@code $} anchor that ends the
 * pattern is written {@code (?:\n?$)}: a Sigma regex only asks whether some match exists, and nothing after
 * the anchor reads the newline it may consume, so the values matched are PCRE's (with {@code m}, RE2's
 * {@code $} already is PCRE's, and the optional newline adds no match). Escapes ({@code \$}), character
 * classes ({@code [$]}) and {@code \Q...\E} are left alone.
 *
 * <p>A {@code $} that more of the pattern follows ({@code a$\n}, {@code a$\b}, {@code (a$)+}) has no such
 * rewriting: PCRE there asserts "only a final newline is left" without consuming it, which RE2 (no
 * lookahead) cannot say, and {@code (?:\n?$)} would answer wrongly both ways ({@code a$\n} missed
 * {@code "a\n"}, {@code a$\z} matched it). {@link #endsEveryBranch} tells the loader, which refuses such a
 * pattern unless {@code m} makes RE2's {@code $} PCRE's as written. Every SigmaHQ pattern ends with its {@code $}.
 */
final class PcreDollar {
    private static final String END = "(?:\\n?$)";

    private PcreDollar() {
    }

    /**
     * What RE2 runs for {@code regex} under {@code re2Flags}: the pattern as written with {@code m} (whose
     * {@code $} RE2 and PCRE read alike) and no inline flag that turns {@code m} off; else each {@code $}
     * anchor replaced (the same string when it has none).
     */
    static String toRe2(String regex, int re2Flags) {
        if (regex.indexOf('$') < 0 || multilineThroughout(regex, re2Flags)) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length() + 8);
        int n = regex.length();
        int i = 0;
        while (i < n) {
            int to = tokenEnd(regex, i);
            if (to == i + 1 && regex.charAt(i) == '$') {
                out.append(END);
            } else {
                out.append(regex, i, to);
            }
            i = to;
        }
        return out.toString();
    }

    /** Whether {@link #toRe2}'s pattern means what PCRE means by {@code regex}: see the class comment. */
    static boolean exact(String regex, int re2Flags) {
        return regex.indexOf('$') < 0 || multilineThroughout(regex, re2Flags) || endsEveryBranch(regex);
    }

    /**
     * Whether {@code re2Flags} has {@code m} and no inline group can turn it off ({@code (?-m)}, {@code (?i-m:};
     * found by text, so a literal that merely looks like one only costs the shortcut).
     */
    static boolean multilineThroughout(String regex, int re2Flags) {
        return (re2Flags & com.google.re2j.Pattern.MULTILINE) != 0 && !regex.matches("(?s).*\\(\\?[A-Za-z]*-[A-Za-z]*m.*");
    }

    /**
     * Whether after each {@code $} anchor only this can follow up to the pattern's end: more {@code $}
     * anchors, a quantifier of the anchor, the close of its group (then an optional {@code ?} of the group
     * at most), or another branch ({@code |}, skipped to its group's close). Then no character can be read
     * after the anchor, the condition for {@code (?:\n?$)} to be PCRE's {@code $}. Conservative: a form it
     * does not know counts as reading.
     */
    static boolean endsEveryBranch(String regex) {
        int n = regex.length();
        for (int i = 0; i < n; i = tokenEnd(regex, i)) {
            if (tokenEnd(regex, i) == i + 1 && regex.charAt(i) == '$' && !nothingReadAfter(regex, i + 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean nothingReadAfter(String regex, int from) {
        int n = regex.length();
        boolean afterClose = false;
        int i = from;
        while (i < n) {
            char c = regex.charAt(i);
            int to = tokenEnd(regex, i);
            int quantifier = quantifierEnd(regex, i);
            if (quantifier > i) {
                boolean optional = regex.startsWith("?", i) && (quantifier == i + 1 || regex.startsWith("??", i));
                if (afterClose && !optional) {
                    return false; // the group may run again: its start reads after the anchor
                }
                i = quantifier;
                continue;
            }
            if (c == '$' && to == i + 1) {
                afterClose = false;
            } else if (c == ')') {
                afterClose = true;
            } else if (c == '|') {
                i = closeOfGroup(regex, i + 1);
                continue; // at the close (or the end): the branch taken ends there
            } else {
                return false;
            }
            i = to;
        }
        return true;
    }

    /** The index of the {@code )} that closes the group {@code from} is in, or the end at the top level. */
    private static int closeOfGroup(String regex, int from) {
        int depth = 0;
        int i = from;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            int to = tokenEnd(regex, i);
            if (to == i + 1 && c == '(') {
                depth++;
            } else if (to == i + 1 && c == ')') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
            i = to;
        }
        return regex.length();
    }

    /** The end of a quantifier ({@code *}, {@code +}, {@code ?}, {@code {n}}, {@code {n,}}, {@code {n,m}}, lazy) at {@code i}, else {@code i}. */
    private static int quantifierEnd(String regex, int i) {
        int n = regex.length();
        int j = i;
        char c = regex.charAt(i);
        if (c == '*' || c == '+' || c == '?') {
            j = i + 1;
        } else if (c == '{') {
            int k = i + 1;
            while (k < n && Character.isDigit(regex.charAt(k))) {
                k++;
            }
            if (k == i + 1) {
                return i; // not a repetition: a literal brace in RE2
            }
            if (k < n && regex.charAt(k) == ',') {
                k++;
                while (k < n && Character.isDigit(regex.charAt(k))) {
                    k++;
                }
            }
            if (k >= n || regex.charAt(k) != '}') {
                return i;
            }
            j = k + 1;
        } else {
            return i;
        }
        return j < n && regex.charAt(j) == '?' ? j + 1 : j;
    }

    /**
     * The end of the token at {@code i}: an escape with its character, {@code \Q...\E}, a whole character
     * class, or one character.
     */
    private static int tokenEnd(String regex, int i) {
        int n = regex.length();
        char c = regex.charAt(i);
        if (c == '\\') {
            return i + 1 < n && regex.charAt(i + 1) == 'Q' ? quotedEnd(regex, i + 2) : Math.min(n, i + 2);
        }
        return c == '[' ? classEnd(regex, i) : i + 1;
    }

    /** The index after {@code \E}, or the end: in {@code \Q...\E} every character is literal. */
    private static int quotedEnd(String regex, int from) {
        int e = regex.indexOf("\\E", from);
        return e < 0 ? regex.length() : e + 2;
    }

    /**
     * The index after the class opened at {@code open}: a {@code ]} first (after an optional {@code ^}) is
     * literal, escapes take the next character, {@code [:name:]} is a POSIX class inside it.
     */
    private static int classEnd(String regex, int open) {
        int n = regex.length();
        int j = open + 1;
        if (j < n && regex.charAt(j) == '^') {
            j++;
        }
        if (j < n && regex.charAt(j) == ']') {
            j++;
        }
        while (j < n && regex.charAt(j) != ']') {
            if (regex.charAt(j) == '\\') {
                j += 2;
            } else if (posixClassEnd(regex, j) > 0) {
                j = posixClassEnd(regex, j);
            } else {
                j++;
            }
        }
        return Math.min(n, j + 1);
    }

    /** The index after a {@code [:name:]} or {@code [:^name:]} starting at {@code at}, else -1. */
    private static int posixClassEnd(String regex, int at) {
        if (!regex.startsWith("[:", at)) {
            return -1;
        }
        int k = at + 2;
        if (k < regex.length() && regex.charAt(k) == '^') {
            k++;
        }
        int letters = k;
        while (k < regex.length() && regex.charAt(k) >= 'a' && regex.charAt(k) <= 'z') {
            k++;
        }
        return k > letters && regex.startsWith(":]", k) ? k + 2 : -1;
    }
}
