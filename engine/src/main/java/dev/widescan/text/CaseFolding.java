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
 * <p>The table costs 128 KiB and is shared; lookups are one array load. Its inverse ("which units fold to
 * this one", {@link #preimages}) is built on first use, for matcher build steps: the exceptions to
 * "an ASCII letter folds with its other case only" (KELVIN SIGN to k, LONG S to s, dotted and dotless I to
 * i) are read from it, never written out by hand.
 */
public final class CaseFolding {
    private static final char[] FOLD = new char[65536];

    /**
     * Units per call of {@link #foldRange}. The table is built by a method called per range, not by one loop in
     * the initializer: a loop in {@code <clinit>} runs interpreted until on-stack replacement (60,000 back
     * branches), while a method is compiled by C1 after a few calls; the table's build went from ~25 to ~15 ms
     * of CPU at every start (bench/RESULTS.md §24).
     */
    private static final int RANGE = 256;

    static {
        for (int from = 0; from < 65536; from += RANGE) {
            foldRange(from);
        }
    }

    private static void foldRange(int from) {
        for (int c = from; c < from + RANGE; c++) {
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

    /**
     * Every unit {@code u} with {@code fold(u) == fold(c)}, ascending: what a case-insensitive match of
     * {@code c} accepts in the input ({@code 'k'}: K, k and KELVIN SIGN U+212A).
     */
    public static char[] preimages(char c) {
        char folded = FOLD[c];
        return java.util.Arrays.copyOfRange(Inverse.UNITS, Inverse.START[folded], Inverse.START[folded + 1]);
    }

    /**
     * True when every unit that folds with {@code c} is ASCII: then an ASCII letter matches exactly its two
     * cases (one compare after OR 0x20) and any other ASCII unit only itself. False for i, k and s, whose
     * fold classes hold U+0130/U+0131, U+212A and U+017F, and for every non-ASCII unit.
     */
    public static boolean foldsWithinAscii(char c) {
        if (c >= 128) {
            return false;
        }
        char folded = FOLD[c];
        return Inverse.UNITS[Inverse.START[folded + 1] - 1] < 128;
    }

    /** The inverse of the fold table: units grouped by their fold, ascending (a counting sort, built once). */
    private static final class Inverse {
        static final int[] START = new int[65537];
        static final char[] UNITS = new char[65536];

        static {
            for (int c = 0; c < 65536; c++) {
                START[FOLD[c] + 1]++;
            }
            for (int f = 0; f < 65536; f++) {
                START[f + 1] += START[f];
            }
            int[] fill = START.clone();
            for (int c = 0; c < 65536; c++) {
                UNITS[fill[FOLD[c]]++] = (char) c;
            }
        }
    }
}
