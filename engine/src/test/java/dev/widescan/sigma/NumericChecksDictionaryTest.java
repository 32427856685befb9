package dev.widescan.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NumberCheck} and {@link TimePartCheck} read each record's value through its dictionary code (no
 * per-entry memo): on a dictionary-encoded column they must answer as on the same values stored plain, in
 * every block, also when a second block reuses the codes for other values. Review (session 14): confirmed.
 */
class NumericChecksDictionaryTest {
    @Test
    void dictionaryAnswersEqualPlainAnswersAcrossBlocks() {
        List<ColumnCheck> checks = List.of(
                new NumberCheck(Field.ProcessId, new ValuePredicate.Compare(new BigDecimal("10"), ValuePredicate.Compare.Order.GT)),
                new NumberCheck(Field.ProcessId, new ValuePredicate.Compare(new BigDecimal("-0.5"), ValuePredicate.Compare.Order.LTE)),
                new TimePartCheck(Field.ProcessId, new ValuePredicate.TimePart(ValuePredicate.TimePart.Unit.HOUR, 8)));
        String[][] dictionaries = {
            {"11", "010", "-1", "", "2024-05-02 08:15:01.101", "x"},
            {"2024-05-02T08:00Z", "-0.50", "9", "1e2", "0011", "2024-13-02 08:15"}};
        int[] codes = {0, 1, 2, 3, 4, 5, 3, 0, 5};
        int field = Field.ProcessId.ordinal();
        RecordColumn[] columns = new RecordColumn[Field.count()];
        int yes = 0;
        for (int block = 0; block < dictionaries.length; block++) {
            String[] dictionary = dictionaries[block];
            String[] plain = new String[codes.length];
            for (int r = 0; r < codes.length; r++) {
                plain[r] = dictionary[codes[r]];
            }
            for (ColumnCheck check : checks) {
                columns[field] = RecordColumn.of(plain);
                boolean[] expected = new boolean[codes.length];
                for (int r = 0; r < codes.length; r++) {
                    expected[r] = check.test(columns, r);
                    yes += expected[r] ? 1 : 0;
                }
                columns[field] = new RecordColumn().wrapDictionary(Utf16Column.of(dictionary),
                        MemorySegment.ofArray(codes.clone()), null, codes.length);
                for (int r = codes.length - 1; r >= 0; r--) {
                    assertEquals(expected[r], check.test(columns, r), check + ", block " + block + ", record " + r + " ('" + plain[r] + "')");
                }
            }
        }
        assertEquals(8, yes, "answers both ways, or the test proves little (month 13 is no date)");
    }
}
