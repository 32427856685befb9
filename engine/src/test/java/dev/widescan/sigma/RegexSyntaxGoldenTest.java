package dev.widescan.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link RegexFactors} and {@link RegexNfa} read patterns through the one {@link RegexSyntax} reader; before
 * that each had its own reader. The golden files hold what the two old readers made of each pattern
 * (factor set, NFA arrays, class sets, required run, under five flag sets), hashed: computed by the old
 * code side by side with the new on the same patterns, so any change of either consumer's answer on the
 * catalog's patterns, the required-run shapes, 30,000 seeded random patterns (valid, invalid and
 * one-consumer-only syntax) or SigmaHQ's {@code |re} patterns fails here, naming the pattern or block.
 */
class RegexSyntaxGoldenTest {
    @Test
    void bothConsumersAnswerAsTheirOldReadersDid() throws IOException {
        List<String> patterns = RegexSyntaxGolden.patterns(RegexSyntaxGolden.RANDOM);
        assertGolden("regex-golden.txt", patterns, RegexSyntaxGolden.SINGLE);
    }

    @Test
    @Tag("shared")
    void sigmaHqPatternsAnswerAsTheirOldReadersDid() throws IOException {
        List<String> patterns = RegexSyntaxGolden.sharedPatterns(SharedData.folder().resolve("sigma"));
        assertGolden("regex-golden-shared.txt", patterns, patterns.size());
    }

    private static void assertGolden(String resource, List<String> patterns, int single) throws IOException {
        List<String> expected;
        try (InputStream in = RegexSyntaxGoldenTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> actual = RegexSyntaxGolden.lines(patterns, single, RegexSyntaxGolden::describe);
        assertEquals(expected.size(), actual.size(), resource + ": number of patterns or blocks");
        for (int k = 0; k < expected.size(); k++) {
            String line = actual.get(k);
            String range = line.substring(0, line.indexOf(' '));
            int from = Integer.parseInt(range.split("-")[0]);
            String first = patterns.get(from);
            assertEquals(expected.get(k), line, () -> resource + ": pattern(s) " + range + " changed, first " + first
                    + " now " + RegexSyntaxGolden.describe(first));
        }
    }

    @Test
    void theTreeKeepsWhatOnlyOneConsumerAccepts() {
        // \b: an empty match for the factors, outside the NFA's exact subset
        assertEquals(List.of("word"), RegexFactors.of("\\bword\\b"));
        assertNull(RegexNfa.parse("\\bword\\b", 0));
        // a** (RE2 rejects it): the factors repeat twice, the NFA refuses
        assertInstanceOf(RegexSyntax.Repeat.class,
                ((RegexSyntax.Repeat) ((RegexSyntax.Concat) RegexSyntax.parse("a**", 0)).items().get(0)).item());
        assertNull(RegexNfa.parse("a**", 0));
        // counts over 1000: factors yes, NFA no
        assertEquals(List.of("abcabc"), RegexFactors.of("(?:abc){2,1001}"));
        assertNull(RegexNfa.parse("(?:abc){2,1001}", 0));
        // flags are scoped by the reader: (?i) lasts to the end of its group, (?s) reaches '.'
        RegexSyntax.Concat c = (RegexSyntax.Concat) RegexSyntax.parse("(?:(?i)a)b(?s:.).", 0);
        RegexSyntax.Concat group = (RegexSyntax.Concat) c.items().get(0);
        assertTrue(((RegexSyntax.Char) group.items().get(1)).fold());
        assertEquals(new RegexSyntax.Char('b', false, false), c.items().get(1));
        assertEquals(new RegexSyntax.Any(true), ((RegexSyntax.Concat) c.items().get(2)).items().get(0));
        assertEquals(new RegexSyntax.Any(false), c.items().get(3));
        // ^ under (?m): an empty match for the factors, refused by the NFA
        assertEquals(new RegexSyntax.Anchor('^', true), ((RegexSyntax.Concat) RegexSyntax.parse("^", RegexSyntax.MULTI_LINE)).items().get(0));
        assertNull(RegexNfa.parse("^abc", Pattern.MULTILINE));
        assertEquals(List.of("abc"), RegexFactors.of("(?m)^abc"));
        // what neither accepts
        for (String bad : new String[] {"(a", "a)", "*a", "(?i)*", "[a", "[z-a]", "\\Qab\\E+", "\\1", "a{3,2}", "(?P<n"}) {
            assertNull(RegexSyntax.parse(bad, 0), bad);
        }
    }

    /**
     * The one place the old factor reader differed from RE2's syntax: after a non-ASCII hex escape in a
     * class it read the next '-' as a character, so {@code [\x{80}-é-a]} (RE2: the range U+0080-é, '-'
     * and 'a') made it give up. The shared reader reads the range as RE2 does; the class stays one unknown
     * character, so the factors around it are found, and every RE2/J match still contains one of them.
     */
    @Test
    void aRangeFromANonAsciiHexEscapeIsReadAsRe2ReadsIt() {
        String regex = "[\\x{80}-é-a]{2,}rundll32? ";
        Pattern re2 = Pattern.compile(regex);
        assertEquals(List.of("rundll3"), RegexFactors.of(regex));
        for (String value : new String[] {"ééRUNDLL32 ", "\u0080arundll3 ", "--rundll32 x"}) {
            if (re2.matcher(value).find()) {
                assertTrue(value.toLowerCase().contains("rundll3"), value);
            }
        }
        assertTrue(re2.matcher("--rundll32 x").find());
        assertNotNull(RegexNfa.parse(regex, 0));
    }
}
