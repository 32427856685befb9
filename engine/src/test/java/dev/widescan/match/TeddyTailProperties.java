package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.format.Utf16Column;
import dev.widescan.testkit.SeededProperty;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Teddy kernel's last, partial block (TeddyTemplate: the units past the last whole vector copied to a
 * zero-padded scratch array) at every width and lookup, against the naive baseline.
 *
 * <p>Why a test of its own: the differential tests build columns with {@code Utf16Column.of}, whose units
 * are padded to 64 bytes (32 units). A 128- or 256-bit block (16 or 32 units) then never crosses the
 * segment's end, and a 512-bit block does so only over padding zeros, so a tail copy one unit short went
 * unnoticed by all of them. Here the units segment ends exactly where the last value does (as the kernel
 * warm-up's columns, or a file column whose units fill its 64-byte padding), with totals at a block
 * boundary of each width and one unit either side; the last value ends with a literal (hits in the very
 * last units), values hold non-ASCII units (the pack saturates them) and one range starts in the last
 * value, i.e. inside the last partial block.
 */
class TeddyTailProperties {

    @Test
    void theLastPartialBlockAgreesWithNaiveAtEveryWidth() {
        SeededProperty.forAll(40, r -> {
            AdversarialCases cases = new AdversarialCases(r.nextLong());
            LiteralSet literals = cases.literalSet(1 + r.nextInt(6), List.of());
            int blockUnits = SeededProperty.pick(r, 16, 32, 64);
            int total = blockUnits * (1 + r.nextInt(4)) + r.nextInt(-1, 2);
            Utf16Column column = unpaddedColumn(cases, literals, total);
            assertEquals(total, (int) (column.units().byteSize() >>> 1), "the units end with the last value");
            int n = column.count();
            int[][] ranges = {{0, n}, {n - 1, n}, {r.nextInt(n), n}, {0, 1 + r.nextInt(n)}};
            for (int[] range : ranges) {
                EveryTeddyKernel.agreeWithNaive(literals, column, range[0], range[1], total + " units");
            }
        });
    }

    /**
     * Values drawn by {@link AdversarialCases} while they fit, then a last value that fills the column to
     * exactly {@code total} units and ends with one of the literals' texts when it fits; the units segment
     * is cut at {@code total} units (no padding).
     */
    private static Utf16Column unpaddedColumn(AdversarialCases cases, LiteralSet literals, int total) {
        String lastText = literals.get(cases.nextInt(literals.size())).text();
        int reserve = lastText.length() <= total ? lastText.length() : 0;
        List<String> values = new ArrayList<>();
        int units = 0;
        for (String v : cases.values(40, literals, 90)) {
            int length = v == null ? 0 : v.length();
            if (units + length > total - reserve) {
                break;
            }
            values.add(v);
            units += length;
        }
        values.add(cases.randomText(total - reserve - units) + (reserve > 0 ? lastText : ""));
        Utf16Column padded = Utf16Column.of(values.toArray(String[]::new));
        return new Utf16Column().wrap(padded.units().asSlice(0, 2L * total), padded.offsets(), padded.absentBits(),
                padded.count());
    }
}
