package dev.widescan.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import dev.widescan.format.RecordColumn;
import dev.widescan.text.CaseFolding;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two regex stages against RE2/J, the definition of {@code |re}: the lazy DFA ({@link RegexDfa}) finds
 * a match exactly when RE2/J does (or hands the value back), and every value RE2/J matches contains one
 * of the required factors ({@link RegexFactors}). Patterns: the catalog's own (copied below) and random
 * ones built from the syntax the catalog uses; values: command-line-like strings, mutations that plant
 * the pattern's factors, and the tricky units (Kelvin sign, long s, newline, non-ASCII, surrogates).
 */
class RegexConfirmPropertiesTest {
    static final List<String> CATALOG = List.of(
            " [0-7]{7,13}", "\"(?:\\{\\d\\})+\"\\s*-f",
            "(?:[Pp]rogram[Dd]ata|%(?:[Ll]ocal)?[Aa]pp[Dd]ata%|\\\\[Aa]pp[Dd]ata\\\\(?:[Ll]ocal(?:[Ll]ow)?|[Rr]oaming))\\\\[^\\\\]{1,256}$",
            "(?i)(?:set).*&&\\s?set.*(?:environment|invoke|\\$\\{?input).*&&.*\"",
            "(?i)\\$\\{`?e`?n`?v`?:`?p`?a`?t`?h`?\\}", "(?i)\\s(-u|--user)\\s*:",
            "(?i)echo.*clip.*&&.*(?:Clipboard|i`?n`?v`?o`?k`?e`?)", "-k\\s\\w{1,64}(?:\\s?(?:-p|-s))?", ".{1000,}",
            "0x[a-fA-F0-9]{8}", "://[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}", ":[^ \\\\]", ":[^\\\\]",
            "[-/–][Ee^]{1,2}[ncodema^]*\\s[A-Za-z0-9+/=]{15,}", "[A-F0-9]{8}-[A-F0-9]{4}-[A-F0-9]{4}-[A-F0-9]{4}-[A-F0-9]{12}",
            "[Rr][Uu][Nn][Dd][Ll][Ll]32(?:\\.[Ee][Xx][Ee])? \\S+?\\w:\\S+?:", "\\$env:ComSpec\\[(?:\\s*\\d{1,3}\\s*,){2}",
            "\\*mdr\\*\\W\\s*\\)\\.Name", "\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+",
            "\\.[a-zA-Z0-9]{1,4} \\.", "\\\\[a-zA-Z0-9]{1,32}\\.[a-zA-Z0-9]{1,6}\\.[ \"']{1}", "\\^.*\\^.*\\^.*\\^.*\\^",
            "\\n\\n\\n\\n\\n\\n", "\\s-[FTd]\\s", "\\s-\\s*<", "\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}", "\\w+`(?:\\w+|-|.)`[\\w+|\\s]",
            "\\{[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}\\}",
            "cmd.{0,5}(?:/c|/r)(?:\\s|)\\\"set\\s[a-zA-Z]{3,6}.*(?:\\{\\d\\}){1,}\\\\\\\"\\s+?\\-f(?:.*\\)){1,}.*\\\"",
            "cmd.{0,5}(?:/c|/r).+powershell.+(?:\\$\\{?input\\}?|noexit).+\\\"",
            "https?://(?:(?:25[0-5]|(?:2[0-4]|1\\d|[1-9])?\\d)(?:\\.|\\b)){4}", "https?://(?:0[0-9]{1,11}\\.){3}0[0-9]{1,11}",
            "net\\s+user\\s+", "ping\\s+-n.{6,64}echo EEEE\\s?>\\s?", "query\\ssession", "[a-zA-Z]:\\\\",
            "(?i)\\.exe[\\\"\\']?\\s+[^\\\"]{0,64}werfaultsecure\\.exe[\\\"\\']?\\s+\\d{2,10}",
            "\\s['\"]?C:\\\\Windows\\\\(?:System32|SysWOW64|WinSxS)");

    private static final String[] ATOMS = {"a", "b", "k", "K", "s", "-", " ", ":", "/", ".", "\\.", "\\+", "\\s", "\\S",
        "\\w", "\\W", "\\d", "[ab]", "[^a]", "[a-c]", "[^\\\\]", "(ab)", "(?:a|b)", "(?:a|)", "(?i)", "(?i:ab)", "(?-i:k)",
        "^", "$", "\\b", "\\x61", "\\Qa.\\E", "{", "}", "[]a]", "\u212A", "é", "(?s:.)", "\\A", "\\z", "[[:alpha:]]",
        "\\pL", "x{2}", "b{1,3}", "(?:ab){2,}", "a*?", "k+", "s?", "[K-M]", "\\n", "(?U)a+"};
    private static final char[] UNITS = {'a', 'b', 'A', 'B', 'k', 'K', '\u212A', 's', 'S', '\u017F', '-', ' ', ':', '/',
        '.', '+', '\n', '\t', '1', '9', 'é', 'É', '\\', '\'', '"', 'x', 'c', '\uD83D', '\uDE00', '_', '{', '}'};

    @Test
    void dfaAndFactorsAgreeWithRe2OnCatalogAndRandomPatterns() {
        long seed = 0x5EED_2026L;
        SplittableRandom random = new SplittableRandom(seed);
        List<String> patterns = new ArrayList<>(CATALOG);
        while (patterns.size() < CATALOG.size() + 1500) {
            StringBuilder p = new StringBuilder();
            int n = 1 + random.nextInt(6);
            for (int k = 0; k < n; k++) {
                p.append(ATOMS[random.nextInt(ATOMS.length)]);
                if (random.nextInt(4) == 0) {
                    p.append(new String[] {"*", "+", "?", "{0,2}", "{1}", "{2,}", "*?"}[random.nextInt(7)]);
                }
            }
            if (compiles(p.toString())) {
                patterns.add(p.toString());
            }
        }
        int viaDfa = 0;
        int cases = 0;
        for (int pi = 0; pi < patterns.size(); pi++) {
            String regex = patterns.get(pi);
            for (int flags : new int[] {0, Pattern.CASE_INSENSITIVE, Pattern.DOTALL}) {
                Pattern re2 = Pattern.compile(regex, flags);
                RegexDfa dfa = RegexDfa.compile(regex, flags);
                List<String> factors = RegexFactors.of(regex);
                viaDfa += dfa != null ? 1 : 0;
                List<String> values = values(random, regex, factors);
                RecordColumn column = RecordColumn.of(values.toArray(String[]::new));
                for (int v = 0; v < values.size(); v++) {
                    String value = values.get(v);
                    boolean expected = re2.matcher(value).find();
                    String where = "seed " + seed + ", pattern #" + pi + " /" + regex + "/ flags " + flags
                            + ", value '" + value + "'";
                    if (dfa != null) {
                        int found = dfa.find(column, v);
                        if (found != RegexDfa.FALLBACK) {
                            assertEquals(expected, found == RegexDfa.YES, "DFA vs RE2/J: " + where);
                        } else {
                            assertTrue(hasSurrogate(value), "fallback without a surrogate: " + where);
                        }
                    }
                    if (expected && !factors.isEmpty()) {
                        String folded = CaseFolding.fold(value);
                        assertTrue(factors.stream().anyMatch(folded::contains), "no factor of " + factors + " in a match: " + where);
                    }
                    cases++;
                }
            }
        }
        assertTrue(viaDfa > patterns.size() * 2, "the DFA should take most patterns, took " + viaDfa);
        assertTrue(cases > 100_000, "cases " + cases);
    }

    private static List<String> values(SplittableRandom random, String regex, List<String> factors) {
        List<String> out = new ArrayList<>();
        out.add("");
        out.add("C:\\Windows\\System32\\cmd.exe /c \"set x=1&&set y=2&&echo \"");
        for (int k = 0; k < 40; k++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(12);
            for (int j = 0; j < n; j++) {
                if (!factors.isEmpty() && random.nextInt(5) == 0) {
                    String f = factors.get(random.nextInt(factors.size()));
                    s.append(random.nextBoolean() ? f : f.toUpperCase(java.util.Locale.ROOT));
                } else if (random.nextInt(6) == 0) {
                    s.append(regex, 0, random.nextInt(regex.length() + 1)); // pieces of the pattern text itself
                } else {
                    s.append(UNITS[random.nextInt(UNITS.length)]);
                }
            }
            out.add(s.toString());
        }
        return out;
    }

    private static boolean hasSurrogate(String s) {
        return s.chars().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF);
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Factors come out in the pattern's own order (a class's members as written), in every JVM: they become
     * literal ids, and a tuning profile made by one process must fingerprint the same in the next. A set
     * iterated in a per-JVM salted order (Set.copyOf) shuffled the catalog's CommandLine literals between runs.
     */
    @Test
    void factorsKeepTheClassOrder() {
        assertEquals(List.of("-c1", "-c2", "-c3", "-c4", "-c5", "/c1", "/c2", "/c3", "/c4", "/c5"),
                RegexFactors.of("[-/]c[12345]"));
        assertEquals(List.of("zqrs", "yqrs", "xqrs", "wqrs", "vqrs"), RegexFactors.of("[zyxwv]qrs"));
    }

    @Test
    void factorsOfCatalogPatterns() {
        assertEquals(List.of("rundll32"), RegexFactors.of("[Rr][Uu][Nn][Dd][Ll][Ll]32(?:\\.[Ee][Xx][Ee])? \\S+?\\w:\\S+?:"));
        assertEquals(List.of("http://0", "https://0"), RegexFactors.of("https?://(?:0[0-9]{1,11}\\.){3}0[0-9]{1,11}"));
        assertEquals(List.of("http://", "https://"), RegexFactors.of("https?://[0-9]{1,3}\\.0[0-9]{3,7}"));
        assertTrue(RegexFactors.of("(?i)\\.exe[\\\"\\']?\\s+[^\\\"]{0,64}werfaultsecure\\.exe[\\\"\\']?\\s+\\d{2,10}")
                .contains("werfaultsecure.exe"));
        assertEquals(25, RegexFactors.of("\\s-O\\s").size()); // 5 x 5 whitespace pairs around "-o"
        assertEquals(List.of(), RegexFactors.of(".{1000,}"));
        assertEquals(List.of(), RegexFactors.of("a*"));
        assertEquals(List.of(), RegexFactors.of("(a|)"));
        assertEquals(List.of(), RegexFactors.of("\\1")); // not understood: no factor, the check stays ungated
    }

    @Test
    void theDfaTakesTheCatalogPatternsAndLeavesTheRestToRe2() {
        for (String regex : CATALOG) {
            if (!regex.contains("\\b") && !regex.contains("–")) {
                assertNotNull(RegexDfa.compile(regex, 0), regex);
            }
        }
        assertEquals(82, RegexNfa.parse("\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}", 0).minimumLength());
        assertEquals(0, RegexNfa.parse("a*", 0).minimumLength());
        assertEquals(1, RegexNfa.parse("^(?:ab|c)$", 0).minimumLength());
        assertEquals(1000, RegexNfa.parse(".{1000,}", 0).minimumLength());
        assertNull(RegexDfa.compile("\\bword\\b", 0));
        assertNull(RegexDfa.compile("(?i)é", 0));
        assertNull(RegexDfa.compile("^a", Pattern.MULTILINE));
        assertNull(RegexDfa.compile("\\pL", 0));
    }
}
