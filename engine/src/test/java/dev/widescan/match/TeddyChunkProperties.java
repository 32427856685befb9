package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import dev.widescan.testkit.SeededProperty;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Teddy kernel's chunks (TeddyTemplate scans {@link TeddyKernel.TeddySearcher#CHUNK_BLOCKS} blocks, then
 * verifies their candidates, carrying the last lanes of every window position from chunk to chunk) at every
 * width and lookup, against the naive baseline.
 *
 * <p>Why a test of its own: the differential tests' values are short, so their columns rarely reach a
 * second chunk (1,024 units at 128 bits, 4,096 at 512). Here columns span several chunks, literals are
 * planted across every multiple of 1,024 units (a chunk boundary of every width when the range starts at
 * value 0) at every offset, and ranges also start inside a chunk, so that a carry dropped or a candidate
 * block's bucket bits taken from the wrong slot at a chunk's edge shows as a missed or extra hit.
 */
class TeddyChunkProperties {
    private static final int SMALLEST_CHUNK = 16 * TeddyKernel.TeddySearcher.CHUNK_BLOCKS;

    @Test
    void hitsAcrossChunkEdgesAgreeWithNaiveAtEveryWidth() {
        SeededProperty.forAll(25, r -> {
            AdversarialCases cases = new AdversarialCases(r.nextLong());
            LiteralSet literals = cases.literalSet(1 + r.nextInt(8), List.of());
            int total = SMALLEST_CHUNK * (2 + r.nextInt(6)) + r.nextInt(-40, 40);
            StringBuilder text = new StringBuilder(cases.randomText(total));
            for (int edge = SMALLEST_CHUNK; edge < total; edge += SMALLEST_CHUNK) {
                String planted = literals.get(r.nextInt(literals.size())).text();
                // starts up to its length before the edge: every split of the literal over the edge in time
                int start = Math.max(0, Math.min(total - planted.length(), edge - r.nextInt(planted.length() + 1)));
                text.replace(start, start + planted.length(), planted);
            }
            Utf16Column column = Utf16Column.of(cutIntoValues(text.toString(), r.nextInt(3), r));
            int n = column.count();
            int[][] ranges = {{0, n}, {r.nextInt(n), n}, {0, 1 + r.nextInt(n)}};
            for (int[] range : ranges) {
                EveryTeddyKernel.agreeWithNaive(literals, column, range[0], range[1], total + " units");
            }
        });
    }

    /**
     * The text as one value (style 0), as values of a few hundred units (1: a hit planted over a cut is
     * lost for every strategy alike), or as values of 1 to 3 units between long ones (2: many value ends
     * inside each block).
     */
    private static String[] cutIntoValues(String text, int style, java.util.SplittableRandom r) {
        if (style == 0) {
            return new String[] {text};
        }
        List<String> values = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int length = style == 1 ? 1 + r.nextInt(600) : (values.size() % 2 == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(3000));
            int end = Math.min(text.length(), at + length);
            values.add(text.substring(at, end));
            at = end;
        }
        return values.toArray(String[]::new);
    }
}
