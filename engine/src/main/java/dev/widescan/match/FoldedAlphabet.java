package dev.widescan.match;

import dev.widescan.text.CaseFolding;

/**
 * The alphabet of widescan's Aho-Corasick automata (`aho-corasick`, `large-set`): input units mapped, fold
 * included, to a few classes, so that a state's row is {@link #stride} transitions wide and
 * case-insensitivity costs nothing at scan time.
 *
 * <p>Why these classes: every folded ASCII unit a literal uses gets its own class, all other ASCII units share
 * class 0 ("other"). Non-ASCII literal units (3,711 catalog literals have some) would each need a class and a
 * column in every state, so they are hashed into at most {@link #NON_ASCII_CLASSES} shared classes instead:
 * the automaton then matches a superset (units sharing a class are confused), and a literal with a non-ASCII
 * unit, like a case-sensitive one, must be confirmed exactly when reported ({@link #needsConfirm}). Rows stay
 * {@code stride × 4} bytes, so the shallow states that almost every step visits stay in L1/L2.
 */
final class FoldedAlphabet {
    static final int NON_ASCII_CLASSES = 24;

    /** Folded unit to class (indexed by folded units only: the automaton's own alphabet). */
    final byte[] foldedClass = new byte[65536];
    /** Any input unit to the class of its fold: the scan's one table load per unit. */
    final byte[] classOf = new byte[65536];
    /** Classes in all: the width of a state's row. */
    final int stride;

    /** The alphabet of the automaton over {@code keys} (folded literal texts, see {@link #key}). */
    FoldedAlphabet(char[][] keys) {
        int classes = 1;
        for (char[] key : keys) {
            for (char c : key) {
                if (c < 128 && foldedClass[c] == 0) {
                    foldedClass[c] = (byte) classes++;
                }
            }
        }
        boolean anyNonAscii = false;
        for (char[] key : keys) {
            for (char c : key) {
                if (c >= 128) {
                    foldedClass[c] = (byte) (classes + ((c * 0x9E37) >>> 11) % NON_ASCII_CLASSES);
                    anyNonAscii = true;
                }
            }
        }
        stride = anyNonAscii ? classes + NON_ASCII_CLASSES : classes;
        for (int u = 0; u < 65536; u++) {
            classOf[u] = foldedClass[CaseFolding.fold((char) u)];
        }
    }

    /** Literal {@code id}'s text as the automaton spells it: folded. */
    static char[] key(FoldedLiterals folded, int id) {
        return CaseFolding.fold(new String(folded.units[id])).toCharArray();
    }

    /** Whether a report of literal {@code id} (automaton key {@code key}) must be confirmed exactly: cased, or a non-ASCII unit. */
    static boolean needsConfirm(FoldedLiterals folded, int id, char[] key) {
        if (!folded.caseless[id]) {
            return true;
        }
        for (char c : key) {
            if (c >= 128) {
                return true;
            }
        }
        return false;
    }
}
