package dev.widescan.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * A thread's {@link GlobCheck} remembers each dictionary entry's answer for the block: the answers must
 * equal the plain-column answers, and a second block with a different dictionary under the same codes
 * must not be answered from the first block's memo.
 */
class GlobCheckDictionaryTest {
    @Test
    void dictionaryAnswersEqualPlainAnswersAcrossBlocks() {
        SigmaPattern pattern = SigmaPattern.parse("*temp*.ps?");
        ColumnCheck check = new GlobCheck(Field.CommandLine, pattern, false).forThread();
        int field = Field.CommandLine.ordinal();
        RecordColumn[] columns = new RecordColumn[Field.count()];
        String[][] dictionaries = {
            {"C:\\Temp\\a.ps1", "C:\\x\\a.ps1", "c:\\TEMP\\b.psm", ""},
            {"", "c:\\TEMP\\b.psm", "C:\\x\\a.ps1", "C:\\Temp\\a.ps1"}};
        int[] codes = {0, 1, 2, 3, 0, 2, 1};
        for (int block = 0; block < dictionaries.length; block++) {
            String[] dictionary = dictionaries[block];
            String[] plain = new String[codes.length];
            for (int r = 0; r < codes.length; r++) {
                plain[r] = dictionary[codes[r]];
            }
            columns[field] = RecordColumn.of(plain);
            boolean[] expected = new boolean[codes.length];
            for (int r = 0; r < codes.length; r++) {
                expected[r] = check.test(columns, r);
            }
            columns[field] = new RecordColumn().wrapDictionary(Utf16Column.of(dictionary),
                    MemorySegment.ofArray(codes.clone()), null, codes.length);
            for (int r = 0; r < codes.length; r++) {
                assertEquals(expected[r], check.test(columns, r), "block " + block + ", record " + r + " ('" + plain[r] + "')");
            }
            assertEquals(block == 0, expected[0], "block " + block + " record 0 is '" + plain[0] + "'");
        }
    }
}
