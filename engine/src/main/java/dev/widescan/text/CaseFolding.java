package dev.widescan.text;

/**
 * The one case-insensitivity rule of widescan, for every strategy, the Sigma layer and the reference.
 *
 * <p>Two UTF-16 code units are equal ignoring case when {@code fold(a) == fold(b)}, with
 * {@code fold(c) = Character.toLowerCase(Character.toUpperCase(c))}. That is exactly the per-character
 * test of {@code String.regionMatches(true, ...)} (equal, or equal upper cases, or equal lower cases of
 * the upper cases), turned into a canonical form so that folding a literal once and each input unit once
 * is enough. It is per code unit: surrogates fold to themselves, so supplementary-plane letters
 * (Deseret, Adlam...) match only in their exact case; ASCII folds to lower case.
 *
 * <p>The table costs 128 KiB and is shared; lookups are one array load.
 */
public final class CaseFolding {
    private static final char[] FOLD = new char[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            FOLD[c] = Character.toLowerCase(Character.toUpperCase((char) c));
        }
    }

    private CaseFolding() {
    }

    public static char fold(char c) {
        return FOLD[c];
    }

    public static String fold(CharSequence s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = FOLD[s.charAt(i)];
        }
        return new String(out);
    }

    public static boolean equalsIgnoreCase(char a, char b) {
        return a == b || FOLD[a] == FOLD[b];
    }
}
