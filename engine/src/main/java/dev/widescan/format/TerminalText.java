package dev.widescan.format;

/**
 * Text from inputs (rule titles, rule text quoted in errors, JSON keys, file names) made safe to print on
 * a terminal. Why: messages and the scan summary quoted it as it was, so a rule titled
 * {@code "\e]0;owned\a\e[2J"} set the terminal's title and cleared the screen of whoever scanned with it.
 * Control characters (C0 but tab, DEL, C1) are shown as {@code \xNN} / {@code \u0085}; all else passes,
 * including non-ASCII letters.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code s} with its control characters escaped; {@code s} itself when it has none (the usual case). */
    public static String safe(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isControl(c)) {
                b.append(c);
            } else if (c < 0x100 && c != 0x85) {
                b.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
            } else {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 && c != '\t' || c >= 0x7F && c <= 0x9F;
    }
}
