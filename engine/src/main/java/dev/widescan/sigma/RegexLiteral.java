package dev.widescan.sigma;

import dev.widescan.text.CaseFolding;

/**
 * A literal every match of a regular expression must contain, found conservatively, so that
 * {@link RegexCheck} can skip the regex engine on values that lack it.
 *
 * <p>Why: regex-only Sigma selections (obfuscation patterns such as {@code \+.*\+.*\+}, IP-in-URL
 * patterns such as {@code ://[0-9]{1,3}\.}) cannot be gated by the literal matchers, so their rules run
 * on every record, and RE2/J's NFA costs microseconds a value: with the SigmaHQ catalog such checks took
 * three quarters of a scan. A containment test of a few units rejects nearly every value first, in the
 * spirit of the literal prefilters of Hyperscan and ripgrep.
 *
 * <p>How, and why it is safe: only the top level of the pattern is read. A run of plain characters
 * (ASCII, or an escaped ASCII punctuation character) that no quantifier makes optional must appear, in
 * order and contiguous, in every match. Anything else ends a run: classes, groups (skipped whole, their
 * content is never required), {@code .}, anchors, escapes such as {@code \s}; a quantifier takes back the
 * character it applies to ({@code ?}, {@code *}, <code>{0,n}</code>) or ends the run after it
 * ({@code +}, <code>{n,m}</code>). A top-level {@code |} means no literal is required. The longest run
 * wins. The literal is returned folded ({@link CaseFolding}) and the test folds the input too: a superset
 * of both case-sensitive and {@code (?i)} matching, so the check can only let through values the regex
 * then rejects, never reject a value the regex would match.
 */
final class RegexLiteral {
    private final String regex;
    private int i;
    private final StringBuilder run = new StringBuilder();
    private String best = "";

    private RegexLiteral(String regex) {
        this.regex = regex;
    }

    /** The folded literal every match of {@code regex} contains, or null when none was found. */
    static char[] required(String regex) {
        RegexLiteral r = new RegexLiteral(regex);
        if (!r.parse()) {
            return null;
        }
        return r.best.isEmpty() ? null : CaseFolding.fold(r.best).toCharArray();
    }

    /** Reads the top level; false on a top-level alternation (then nothing is required). */
    private boolean parse() {
        int n = regex.length();
        boolean lastIsRunChar = false;
        while (i < n) {
            char c = regex.charAt(i);
            switch (c) {
                case '|' -> {
                    return false;
                }
                case '\\' -> {
                    char next = i + 1 < n ? regex.charAt(i + 1) : 'a';
                    if (next < 128 && !Character.isLetterOrDigit(next) && next > ' ') {
                        run.append(next);
                        lastIsRunChar = true;
                        i += 2;
                    } else {
                        endRun();
                        lastIsRunChar = false;
                        skipEscape(next);
                    }
                }
                case '?', '*' -> {
                    takeBack(lastIsRunChar);
                    lastIsRunChar = false;
                    i++;
                    skipLazy();
                }
                case '+' -> {
                    endRun();
                    lastIsRunChar = false;
                    i++;
                    skipLazy();
                }
                case '{' -> {
                    int min = repetitionMin();
                    if (min < 0) { // not a repetition: RE2 reads '{' literally, but no guess is made here
                        endRun();
                        lastIsRunChar = false;
                        i++;
                    } else {
                        if (min == 0) {
                            takeBack(lastIsRunChar);
                        } else {
                            endRun();
                        }
                        lastIsRunChar = false;
                        skipLazy();
                    }
                }
                case '(' -> {
                    endRun();
                    lastIsRunChar = false;
                    skipGroup();
                }
                case '[' -> {
                    endRun();
                    lastIsRunChar = false;
                    skipClass();
                }
                case '.', '^', '$', ')', ']', '}' -> {
                    endRun();
                    lastIsRunChar = false;
                    i++;
                }
                default -> {
                    if (c < 128 && c >= ' ') {
                        run.append(c);
                        lastIsRunChar = true;
                    } else {
                        endRun();
                        lastIsRunChar = false;
                    }
                    i++;
                }
            }
        }
        endRun();
        return true;
    }

    /** A quantifier made the run's last character optional: drop it and end the run. */
    private void takeBack(boolean lastIsRunChar) {
        if (lastIsRunChar) {
            run.setLength(run.length() - 1);
        }
        endRun();
    }

    private void endRun() {
        if (run.length() > best.length()) {
            best = run.toString();
        }
        run.setLength(0);
    }

    private void skipLazy() {
        if (i < regex.length() && regex.charAt(i) == '?') {
            i++;
        }
    }

    /** At '{': the minimum count of a valid {n}, {n,} or {n,m} (position moved past it), or -1 (unmoved). */
    private int repetitionMin() {
        int j = i + 1;
        int n = regex.length();
        int digits = j;
        while (j < n && Character.isDigit(regex.charAt(j))) {
            j++;
        }
        if (j == digits || j - digits > 6) {
            return -1;
        }
        int min = Integer.parseInt(regex.substring(digits, j));
        if (j < n && regex.charAt(j) == ',') {
            j++;
            while (j < n && Character.isDigit(regex.charAt(j))) {
                j++;
            }
        }
        if (j >= n || regex.charAt(j) != '}') {
            return -1;
        }
        i = j + 1;
        return min;
    }

    /**
     * Past an escape that is not one plain character ({@code \s}, {@code \b}, {@code \x41},
     * {@code \x{263a}}, {@code \pL}, {@code \p{Greek}}, {@code \123}, {@code \Q...\E}): whatever it
     * matches, none of its characters may be taken as literal ones.
     */
    private void skipEscape(char kind) {
        int n = regex.length();
        i += 2;
        switch (kind) {
            case 'x' -> {
                if (i < n && regex.charAt(i) == '{') {
                    skipPast('}');
                } else {
                    i = Math.min(n, i + 2);
                }
            }
            case 'p', 'P' -> {
                if (i < n && regex.charAt(i) == '{') {
                    skipPast('}');
                } else {
                    i = Math.min(n, i + 1);
                }
            }
            case 'Q' -> {
                int end = regex.indexOf("\\E", i);
                i = end < 0 ? n : end + 2;
            }
            default -> {
                if (Character.isDigit(kind)) {
                    while (i < n && Character.isDigit(regex.charAt(i))) {
                        i++;
                    }
                }
            }
        }
    }

    private void skipPast(char close) {
        int end = regex.indexOf(close, i);
        i = end < 0 ? regex.length() : end + 1;
    }

    /** At '[': past the class's closing ']' (a ']' first in the class is a member; escapes are skipped). */
    private void skipClass() {
        int n = regex.length();
        i++;
        if (i < n && regex.charAt(i) == '^') {
            i++;
        }
        if (i < n && regex.charAt(i) == ']') {
            i++;
        }
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[' && i + 1 < n && regex.charAt(i + 1) == ':') { // [[:alpha:]]
                int end = regex.indexOf(":]", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ']') {
                i++;
                return;
            } else {
                i++;
            }
        }
    }

    /** At '(': past the matching ')', skipping escapes and classes inside. */
    private void skipGroup() {
        int n = regex.length();
        int depth = 0;
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                skipClass();
            } else {
                i++;
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return;
                }
            }
        }
    }
}
