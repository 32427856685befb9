package dev.widescan.bench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build-time extractor on a tiny self-made Sigma tree (the real catalog is not needed). */
class CatalogLiteralExtractorTest {
    @TempDir
    Path dir;

    private static final String RULE = """
            title: Test rule %d
            id: 00000000-0000-0000-0000-00000000000%d
            status: test
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    CommandLine|contains:
                        - 'VirtualAlloc'
                        - 'Rundll32 %d'
                    CommandLine|startswith|cased: 'Start%d'
                    Image|endswith: '\\\\evil.exe'
                condition: selection
            level: high
            """;

    @Test
    void writesTheCompiledCommandLineLiterals() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("sigma/rules/windows"));
        Files.writeString(rules.resolve("a.yml"), RULE.formatted(1, 1, 1, 1));
        Files.writeString(rules.resolve("b.yml"), RULE.formatted(2, 2, 2, 2));
        Path out = dir.resolve("out");
        int[] counts = CatalogLiteralExtractor.extract(dir.resolve("sigma"), out);
        assertEquals(2, counts[1]);
        List<Literal> all;
        try (Reader r = Files.newBufferedReader(out.resolve(CatalogLiteralExtractor.ALL_FILE), StandardCharsets.UTF_8)) {
            all = LiteralFile.read(r, "all");
        }
        // VirtualAlloc is shared by both rules and deduplicated; case-insensitive literals arrive folded.
        assertEquals(5, counts[0]);
        assertEquals(5, all.size());
        assertTrue(all.contains(new Literal("virtualalloc", LiteralKind.CONTAINS, false)), all.toString());
        assertTrue(all.contains(new Literal("rundll32 2", LiteralKind.CONTAINS, false)), all.toString());
        assertTrue(all.contains(new Literal("Start1", LiteralKind.STARTS_WITH, true)), all.toString());
        assertTrue(all.stream().noneMatch(l -> l.text().contains("evil")), "Image literals are not CommandLine ones");
        assertTrue(Files.exists(out.resolve(CatalogLiteralExtractor.SUBSET_FILE)));
    }

    @Test
    void subsetIsEvenlySpreadAndCapped() {
        List<Literal> many = new ArrayList<>();
        for (int i = 0; i < 11_022; i++) {
            many.add(Literal.contains("l" + i));
        }
        List<Literal> subset = CatalogLiteralExtractor.subset(many);
        assertEquals(500, subset.size());
        assertEquals("l0", subset.get(0).text());
        assertEquals("l22", subset.get(1).text());
        assertEquals(many.subList(0, 3), CatalogLiteralExtractor.subset(many.subList(0, 3)));
    }

    @Test
    void missingRuleFoldersAreAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatalogLiteralExtractor.extract(dir.resolve("nowhere"), dir.resolve("out")));
        assertTrue(e.getMessage().contains("none of the rule folders"), e.getMessage());
    }
}
