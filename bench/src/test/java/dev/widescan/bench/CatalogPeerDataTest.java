package dev.widescan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import dev.widescan.match.LiteralSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two things the Hyperscan comparison's exact count rests on: Hyperscan's folding, and the literal file. */
class CatalogPeerDataTest {
    private static Literal literal(String text, LiteralKind kind, boolean cased) {
        return new Literal(text, kind, cased);
    }

    @Test
    void asciiFoldingMatchesEachKindAtItsPlace() {
        assertTrue(CatalogPeerData.matchesAsciiFold("C:\\Windows\\CMD.EXE /c", literal("cmd.exe", LiteralKind.CONTAINS, false)));
        assertTrue(CatalogPeerData.matchesAsciiFold("CMD.exe /c", literal("cmd", LiteralKind.STARTS_WITH, false)));
        assertFalse(CatalogPeerData.matchesAsciiFold("x CMD.exe", literal("cmd", LiteralKind.STARTS_WITH, false)));
        assertTrue(CatalogPeerData.matchesAsciiFold("run.PS1", literal(".ps1", LiteralKind.ENDS_WITH, false)));
        assertFalse(CatalogPeerData.matchesAsciiFold("run.ps1 x", literal(".ps1", LiteralKind.ENDS_WITH, false)));
        assertTrue(CatalogPeerData.matchesAsciiFold("WHOAMI", literal("whoami", LiteralKind.EQUALS, false)));
        assertFalse(CatalogPeerData.matchesAsciiFold("whoami ", literal("whoami", LiteralKind.EQUALS, false)));
        assertFalse(CatalogPeerData.matchesAsciiFold("ab", literal("abc", LiteralKind.CONTAINS, false)));
    }

    @Test
    void onlyAsciiLettersFoldAndCasedLiteralsDoNot() {
        // Cyrillic capital ES against small es: widescan folds them, Hyperscan's caseless mode does not.
        assertFalse(CatalogPeerData.matchesAsciiFold("C:\\Users\\\u0421\u0432\u0435\u0442\u0430", literal("\u0441", LiteralKind.CONTAINS, false)));
        assertTrue(CatalogPeerData.matchesAsciiFold("C:\\Users\\\u0441\u0432\u0435\u0442\u0430", literal("\u0441", LiteralKind.CONTAINS, false)));
        assertFalse(CatalogPeerData.matchesAsciiFold("CMD.exe", literal("cmd", LiteralKind.CONTAINS, true)));
        assertTrue(CatalogPeerData.matchesAsciiFold("cmd.exe", literal("cmd", LiteralKind.CONTAINS, true)));
    }

    @Test
    void literalFileHoldsKindCaseAndUtf8Hex(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("literals.hs");
        CatalogPeerData.writeLiterals(new LiteralSet(List.of(
                literal("a\tb", LiteralKind.CONTAINS, false),
                literal("\u2013x", LiteralKind.ENDS_WITH, true))), file);
        assertEquals(List.of("CONTAINS i 610962", "ENDS_WITH c e2809378"), Files.readAllLines(file));
    }
}
