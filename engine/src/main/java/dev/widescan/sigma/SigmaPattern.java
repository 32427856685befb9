package dev.widescan.sigma;

import java.util.Arrays;

/**
 * A Sigma string value after unescaping: a sequence of UTF-16 code units, each either plain or one of
 * the two wildcards ({@code *} any run of characters, {@code ?} exactly one character: a surrogate pair is one).
 *
 * <p>Escaping follows the Sigma specification ("Escaping" in the rules specification): a backslash
 * escapes the next character only when that character is {@code *}, {@code ?} or a backslash; before
 * any other character, and at the end of the value, a backslash is a plain backslash. So {@code \*} is
 * a plain star, {@code \\*} a backslash then a wildcard, {@code \\\*} a backslash then a plain star,
 * {@code \\\\} two backslashes, and {@code \MpCmdRun.exe} starts with a backslash.
 *
 * <p>Immutable. Wildcards are tracked per position, so a plain {@code *} never acts as a wildcard.
 */
public final class SigmaPattern {
    private final char[] units;
    private final boolean[] wildcard;

    private SigmaPattern(char[] units, boolean[] wildcard) {
        this.units = units;
        this.wildcard = wildcard;
    }

    /** Parses a Sigma value as written in a rule (escapes and wildcards). */
    public static SigmaPattern parse(String raw) {
        char[] u = new char[raw.length()];
        boolean[] w = new boolean[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && isEscapable(raw.charAt(i + 1))) {
                u[n++] = raw.charAt(++i);
            } else {
                w[n] = c == '*' || c == '?';
                u[n++] = c;
            }
        }
        return new SigmaPattern(Arrays.copyOf(u, n), Arrays.copyOf(w, n));
    }

    /** A value without wildcards: every code unit is plain (output of base64 and similar encodings). */
    public static SigmaPattern plain(String text) {
        return new SigmaPattern(text.toCharArray(), new boolean[text.length()]);
    }

    private static boolean isEscapable(char c) {
        return c == '*' || c == '?' || c == '\\';
    }

    public int length() {
        return units.length;
    }

    public char unit(int i) {
        return units[i];
    }

    public boolean isWildcard(int i) {
        return wildcard[i];
    }

    public boolean isStar(int i) {
        return wildcard[i] && units[i] == '*';
    }

    public boolean isQuestion(int i) {
        return wildcard[i] && units[i] == '?';
    }

    public boolean hasWildcards() {
        for (boolean b : wildcard) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** The code units as text, wildcards included as their characters (use only for plain patterns). */
    public String text() {
        return new String(units);
    }

    /** {@code *value*}, adding a star only where there is none (the {@code contains} modifier). */
    public SigmaPattern contains() {
        return startsWith().endsWith();
    }

    /** {@code value*} (the {@code startswith} modifier). */
    public SigmaPattern startsWith() {
        if (units.length > 0 && isStar(units.length - 1)) {
            return this;
        }
        return append(true);
    }

    /** {@code *value} (the {@code endswith} modifier). */
    public SigmaPattern endsWith() {
        if (units.length > 0 && isStar(0)) {
            return this;
        }
        char[] u = new char[units.length + 1];
        boolean[] w = new boolean[units.length + 1];
        u[0] = '*';
        w[0] = true;
        System.arraycopy(units, 0, u, 1, units.length);
        System.arraycopy(wildcard, 0, w, 1, units.length);
        return new SigmaPattern(u, w);
    }

    private SigmaPattern append(boolean star) {
        char[] u = Arrays.copyOf(units, units.length + 1);
        boolean[] w = Arrays.copyOf(wildcard, units.length + 1);
        u[units.length] = '*';
        w[units.length] = star;
        return new SigmaPattern(u, w);
    }

    /** A copy with the plain code unit at {@code i} replaced (windash permutations). */
    public SigmaPattern withPlainUnit(int i, char c) {
        char[] u = units.clone();
        u[i] = c;
        return new SigmaPattern(u, wildcard.clone());
    }

    /** The value re-escaped as it could be written in a rule (messages, JSON output). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(units.length + 4);
        for (int i = 0; i < units.length; i++) {
            char c = units[i];
            if (!wildcard[i] && (c == '*' || c == '?' || c == '\\')) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigmaPattern p && Arrays.equals(units, p.units) && Arrays.equals(wildcard, p.wildcard);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(units) + Arrays.hashCode(wildcard);
    }
}
