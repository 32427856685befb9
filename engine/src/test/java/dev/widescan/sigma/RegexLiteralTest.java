package dev.widescan.sigma;

import dev.widescan.testkit.SeededProperty;
import java.util.SplittableRandom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import dev.widescan.format.RecordColumn;
import dev.widescan.format.Utf16Column;
import dev.widescan.text.CaseFolding;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The required literal of a regex ({@link RegexLiteral}) is in every match: examples from the SigmaHQ
 * catalog and the syntax's corners, and a property over random patterns and texts checked against
 * RE2/J itself (the prefilter may only ever let through more than the regex, never less).
 */
class RegexLiteralTest {
    private static String lit(String regex) {
        char[] l = RegexLiteral.required(regex);
        return l == null ? null : new String(l);
    }

    @Test
    void catalogShapes() {
        assertEquals("+", lit("\\+.*\\+.*\\+.*\\+.*\\+"));
        assertEquals("://", lit("://[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}"));
        assertEquals("http", lit("https?://0[0-9]{3,11}"));  // ties "://0": the first longest run wins
        assertEquals("-o", lit("\\s-O\\s"));
        assertEquals("ipconfig", lit("ipconfig\\s+/all"));
        assertEquals("interface show interface", lit("netsh\\s+interface show interface"));
        assertEquals(" interface show interface", lit("netsh\\s+ interface show interface"));
        assertEquals("$verbosepreference.tostring(", lit("\\$VerbosePreference\\.ToString\\("));
        assertEquals("0x", lit("0x[a-fA-F0-9]{8}"));
        assertEquals("powershell", lit("cmd.{0,5}(?:/c|/r).+powershell.+(?:\\$\\{?input\\}?|noexit).+\\\""));
    }

    @Test
    void quantifiersTakeBackOrEndTheRun() {
        assertEquals("http", lit("https?://"));   // "://" ties "http": the first longest wins
        assertEquals("ab", lit("abc*d"));
        assertEquals("ab", lit("abc{0,3}d"));
        assertEquals("abc", lit("abc{2}d"));
        assertEquals("abc", lit("abc+d"));
        assertEquals("ab", lit("abc*?d"));
        assertEquals("abcd", lit("x?abcd"));
    }

    @Test
    void whatIsNeverRequired() {
        assertEquals(null, lit("abc|defgh"));                // top-level alternation
        assertEquals("z", lit("(?:abcdef|x)z"));             // group content is never required
        assertEquals(null, lit("[abcdef]+"));
        assertEquals(null, lit("\\x41\\x42\\x43"));          // hex escapes are not taken literally
        assertEquals("z", lit("\\123z"));                    // nor octal ones: \123 is one character
        assertEquals(null, lit("\\pL\\p{Greek}"));
        assertEquals("b", lit("\\Qaaaa\\Eb"));
        assertEquals(null, lit("é+ü"));                      // non-ASCII is left to the regex
        assertEquals("k", lit("(?i)k"));                     // folded; the check folds the input too
        assertEquals("ab", lit("[]x]ab"));
        assertEquals("ab", lit("[^\\]x]ab"));
    }

    private static final String[] ATOMS = {"a", "b", "A", "k", "K", "-", " ", ":", "/", ".", "\\.", "\\+", "\\s",
        "\\w", "\\d", "[ab]", "[^a]", "(ab)", "(?:a|b)", "(?i)", "(?i:ab)", "^", "$", "\\b", "\\x61", "\\141",
        "\\pL", "\\Qa.\\E", "{", "}", "[]a]", "\u212A"};
    private static final String[] QUANTIFIED = {"?", "*", "+", "{0,2}", "{1}", "{2,}", "*?", "+?"};

    /** 1..8 atoms (a plain atom or a quantified "a"), redrawn until RE2/J compiles the pattern. */
    static String pattern(SplittableRandom r) {
        while (true) {
            StringBuilder sb = new StringBuilder();
            for (int i = r.nextInt(1, 9); i > 0; i--) {
                sb.append(r.nextBoolean() ? SeededProperty.pick(r, ATOMS) : "a" + SeededProperty.pick(r, QUANTIFIED));
            }
            if (compiles(sb.toString())) {
                return sb.toString();
            }
        }
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void everyMatchContainsTheRequiredLiteral() {
        SeededProperty.forAll(3000, r -> everyMatchContainsTheRequiredLiteralCase(pattern(r),
                SeededProperty.string(r, "aAbkK\u212A-: /.1", 0, 14), r.nextBoolean()));
    }

    private void everyMatchContainsTheRequiredLiteralCase(String regex, String text, boolean caseless) {
        Pattern p = Pattern.compile(regex, caseless ? Pattern.CASE_INSENSITIVE : 0);
        char[] required = RegexLiteral.required(regex);
        if (required != null && p.matcher(text).find()) {
            assertTrue(CaseFolding.fold(text).contains(new String(required)),
                    "/" + regex + "/ matches '" + text + "' which lacks '" + new String(required) + "'");
        }
    }

    /**
     * {@link RegexCheck} (prefilter, then RE2/J; on a dictionary column, one answer per entry per block)
     * answers exactly as RE2/J on every value: with the literal in other case (KELVIN SIGN), without it,
     * empty, absent; then the same column again under new codes, which must not reuse the old answers.
     */
    @Test
    void theCheckAnswersAsRe2OnPlainAndDictionaryColumns() {
        String[] values = {"curl http://10.0.0.1/x", "CURL HTTP://10.0.0.1", "no url here", "",
            null, "\u212Aernel32 ://9", "ftp://host", "a+b+c"};
        for (String regex : List.of("://[0-9]+", "(?i)\u212Aernel32", "\\+.*\\+", "(?i)HTTP://1")) {
            Pattern re2 = Pattern.compile(regex);
            assertTrue(RegexLiteral.required(regex) != null, regex + " should have a prefilter");
            ColumnCheck check = new RegexCheck(dev.widescan.format.Field.CommandLine, regex, 0).forThread();
            RecordColumn[] columns = new RecordColumn[dev.widescan.format.Field.count()];
            int field = dev.widescan.format.Field.CommandLine.ordinal();
            columns[field] = RecordColumn.of(values);
            for (int r = 0; r < values.length; r++) {
                assertEquals(values[r] != null && re2.matcher(values[r]).find(), check.test(columns, r), regex + " on plain value " + r);
            }
            // Two blocks with different dictionaries: a memo kept across blocks would answer block 2 with
            // block 1's entries.
            String[][] dictionaries = {{values[0], values[2], values[5], values[6], values[7], ""},
                {"", values[7], values[6], values[5], values[2], values[0]}};
            int[] codes = {0, 1, 2, 3, 4, 5, 0, 2};
            for (String[] dictionary : dictionaries) {
                columns[field] = new RecordColumn().wrapDictionary(Utf16Column.of(dictionary),
                        MemorySegment.ofArray(codes.clone()), null, codes.length);
                for (int r = 0; r < codes.length; r++) {
                    assertEquals(re2.matcher(dictionary[codes[r]]).find(), check.test(columns, r),
                            regex + " on dictionary value " + r + " (entry " + codes[r] + ")");
                }
            }
        }
    }
}
