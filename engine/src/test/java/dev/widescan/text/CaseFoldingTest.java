package dev.widescan.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The fold table holds the documented rule for every UTF-16 unit (it is built range by range at class load). */
class CaseFoldingTest {
    @Test
    void everyUnitFoldsAsTheDocumentedRuleSays() {
        for (int c = 0; c < 65536; c++) {
            char expected = Character.toLowerCase(Character.toUpperCase((char) c));
            assertEquals(expected, CaseFolding.fold((char) c), "unit U+" + Integer.toHexString(c));
        }
    }
}
