package dev.widescan.match;

import dev.widescan.text.CaseFolding;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A one-load pre-check of up to four units of a literal, in the manner of Hyperscan's FDR confirm: before
 * a full caseless compare, one 64-bit little-endian word of input is tested against three longs per
 * literal ({@code word, or, and} at {@code 3 * id}): literal {@code id} may stand where its window meets
 * the input word {@code w} only if {@code ((w | or) & and) == word}.
 *
 * <p>Why it never rejects a true hit: ORing 0x20 folds an ASCII letter; positions where other units may
 * fold to the literal's unit ({@link CaseFolding#foldsWithinAscii} false: i, k, s and any non-ASCII unit) and
 * positions past the literal's end are masked out. Cased literals compare their units exactly.
 *
 * <p>Used by Teddy (window = the fingerprinted units of each candidate) and by the anchored matcher
 * (window = the literal's most telling end, since the other is often a shared {@code .exe} or
 * {@code C:\Windows\}).
 */
final class QuickCheck {
    static final int UNITS = 4;
    static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private QuickCheck() {
    }

    /** The three longs per literal for windows starting {@code windowOffset[id]} units into literal {@code id}. */
    static long[] build(FoldedLiterals literals, int[] windowOffset) {
        long[] quick = new long[3 * literals.size()];
        for (int id = 0; id < literals.size(); id++) {
            char[] lit = literals.units[id];
            int offset = windowOffset[id];
            for (int k = 0; k < Math.min(UNITS, lit.length - offset); k++) {
                char c = lit[offset + k];
                long or = 0;
                long and = 0xFFFF;
                if (literals.caseless[id]) {
                    if (!CaseFolding.foldsWithinAscii(c)) {
                        and = 0;
                    } else if (c >= 'a' && c <= 'z') {
                        or = 0x20;
                    }
                }
                quick[3 * id] |= ((c | or) & and) << (16 * k);
                quick[3 * id + 1] |= or << (16 * k);
                quick[3 * id + 2] |= and << (16 * k);
            }
        }
        return quick;
    }

    /** False only when literal {@code id} cannot have its window at the input word {@code word}. */
    static boolean mayMatch(long[] quick, int id, long word) {
        return ((word | quick[3 * id + 1]) & quick[3 * id + 2]) == quick[3 * id];
    }
}
