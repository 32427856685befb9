package dev.widescan.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The inverse of the fold: {@link CaseFolding#preimages} and {@link CaseFolding#foldsWithinAscii}. */
class CaseFoldingPreimagesTest {

    @Test
    void theCrossScriptExceptionsAreFoundNotListed() {
        assertArrayEquals(new char[] {'K', 'k', '\u212A'}, CaseFolding.preimages('k'));
        assertArrayEquals(new char[] {'S', 's', '\u017F'}, CaseFolding.preimages('S'));
        assertArrayEquals(new char[] {'I', 'i', '\u0130', '\u0131'}, CaseFolding.preimages('i'));
        assertArrayEquals(new char[] {'5'}, CaseFolding.preimages('5'));
        for (char c : new char[] {'i', 'k', 's', 'I', 'K', 'S', '\u00e9', '\u212A'}) {
            assertFalse(CaseFolding.foldsWithinAscii(c), "unit " + (int) c);
        }
        for (char c : new char[] {'a', 'Z', 'e', 'x', '\\', '5', ' ', '"'}) {
            assertTrue(CaseFolding.foldsWithinAscii(c), "unit " + (int) c);
        }
    }

    /** Every preimage set equals the brute-force one, for seeded random units and every ASCII unit. */
    @Test
    void preimagesAreExactlyTheUnitsThatFoldAlike() {
        long seed = 20261129L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 1_500; n++) {
            char c = (char) (n < 128 ? n : random.nextInt(65536));
            StringBuilder expected = new StringBuilder();
            for (int u = 0; u < 65536; u++) {
                if (CaseFolding.fold((char) u) == CaseFolding.fold(c)) {
                    expected.append((char) u);
                }
            }
            assertEquals(expected.toString(), new String(CaseFolding.preimages(c)), "seed " + seed + ", unit " + (int) c);
            boolean ascii = expected.chars().allMatch(u -> u < 128);
            assertEquals(c < 128 && ascii, CaseFolding.foldsWithinAscii(c), "seed " + seed + ", unit " + (int) c);
        }
    }
}
