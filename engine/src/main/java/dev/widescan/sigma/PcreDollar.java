package dev.widescan.sigma;

/**
 * The one place where a Sigma {@code |re} pattern's {@code $} is given its PCRE meaning before RE2 reads it.
 *
 * <p>The spec's regex flavour is PCRE (modifiers appendix, "Regular Expression": anchors {@code ^}, {@code $}).
 * In PCRE, without the {@code m} flag, {@code $} matches at the end of the value <em>and before a newline that
 * ends it</em>; RE2's {@code $} matches at the very end only, so {@code cmd\.exe$} missed
 * {@code "x cmd.exe\n"}, which PCRE (and Splunk, Python's {@code re}) match. Every {@code $} anchor is written
 * {@code (?:\n?$)}: since a Sigma regex only asks whether some match exists, consuming the final newline
 * changes nothing else, and with {@code m} ({@code $} before any newline) the set of values matched is the
 * same as before. Escapes ({@code \$}), character classes ({@code [$]}) and {@code \Q...\E} are left alone.
 */
final class PcreDollar {
    private static final String END = "(?:\\n?$)";

    private PcreDollar() {
    }

    /** {@code regex} with each {@code $} anchor replaced; the same string when it has none. */
    static String toRe2(String regex) {
        if (regex.indexOf('$') < 0) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length() + 8);
        int n = regex.length();
        int i = 0;
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                int to = i + 1 < n && regex.charAt(i + 1) == 'Q' ? quotedEnd(regex, i + 2) : Math.min(n, i + 2);
                out.append(regex, i, to);
                i = to;
            } else if (c == '[') {
                int to = classEnd(regex, i);
                out.append(regex, i, to);
                i = to;
            } else {
                if (c == '$') {
                    out.append(END);
                } else {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
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
