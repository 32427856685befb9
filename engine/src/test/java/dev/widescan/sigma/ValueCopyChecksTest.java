package dev.widescan.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.format.Utf16Column;
import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import dev.widescan.match.LiteralOracle;
import dev.widescan.testkit.SeededProperty;
import dev.widescan.text.CaseFolding;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The checks that read a value through {@link RecordColumn#valueUnits} (a copy per record and re-point,
 * shared by the checks of one column) against String answers: two columns read alternately for the same
 * record, the same two {@link RecordColumn} objects re-pointed block after block (plain, then dictionary,
 * then plain again, with the same record indexes), absent and empty values, {@code |cased} and folded
 * literals of every kind, and wildcards whose {@code ?} takes a surrogate pair as one character. Both the
 * shared prototypes (no memo) and thread copies (memo per record or per entry) answer.
 */
class ValueCopyChecksTest {
    private static final String VALUE_UNITS = "abAB\u212Ak.\\ \u00e9\u00c9\u0130i\ud83d\ude00\ud800\udc00";
    private static final String PATTERN_UNITS = "abAB\u212Ak. \u00e9i"; // no backslash: the oracle reads no escapes

    @Test
    void literalAndGlobAnswersEqualTheStringAnswersAcrossColumnsAndRePoints() {
        SeededProperty.forAll(40, r -> {
            Field[] fields = {Field.CommandLine, Field.Image};
            List<Case> cases = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                Field f = fields[r.nextInt(2)];
                if (r.nextBoolean()) {
                    Literal literal = new Literal(SeededProperty.string(r, VALUE_UNITS, 1, 3),
                            LiteralKind.values()[r.nextInt(4)], r.nextInt(3) == 0);
                    cases.add(new Case(f, literal, null, false));
                } else {
                    cases.add(new Case(f, null, randomPattern(r), r.nextInt(3) == 0));
                }
            }
            cases.add(new Case(Field.Image, null, "?\ud83d\ude00*", false));
            cases.add(new Case(Field.CommandLine, null, "*?", true));
            List<ColumnCheck> prototypes = new ArrayList<>();
            List<ColumnCheck> threads = new ArrayList<>();
            for (Case c : cases) {
                ColumnCheck check = c.literal != null ? new LiteralCheck(c.field, c.literal)
                        : new GlobCheck(c.field, SigmaPattern.parse(c.pattern), c.cased);
                prototypes.add(check);
                threads.add(check.forThread());
            }
            RecordColumn[] columns = new RecordColumn[Field.count()];
            RecordColumn commandLine = new RecordColumn();
            RecordColumn image = new RecordColumn();
            columns[Field.CommandLine.ordinal()] = commandLine;
            columns[Field.Image.ordinal()] = image;
            for (int block = 0; block < 4; block++) {
                int records = 1 + r.nextInt(6);
                String[] cl = point(commandLine, r, records, block % 2 == 1);
                String[] im = point(image, r, records, block % 2 == 0);
                for (int record = 0; record < records; record++) {
                    for (int k = 0; k < cases.size(); k++) {
                        Case c = cases.get(k);
                        String value = (c.field == Field.CommandLine ? cl : im)[record];
                        boolean expected = value != null && c.expected(value);
                        String where = "block " + block + ", record " + record + ", " + c + " on '" + value + "'";
                        assertEquals(expected, prototypes.get(k).test(columns, record), where);
                        assertEquals(expected, threads.get(k).test(columns, record), where + " (thread copy)");
                    }
                }
            }
        });
    }

    private record Case(Field field, Literal literal, String pattern, boolean cased) {
        boolean expected(String value) {
            if (literal != null) {
                return LiteralOracle.matches(value, literal);
            }
            StringBuilder regex = new StringBuilder();
            String p = cased ? pattern : CaseFolding.fold(pattern);
            int plainFrom = 0;
            for (int i = 0; i <= p.length(); i++) {
                if (i == p.length() || p.charAt(i) == '*' || p.charAt(i) == '?') {
                    if (i > plainFrom) {
                        regex.append(Pattern.quote(p.substring(plainFrom, i)));
                    }
                    if (i < p.length()) {
                        regex.append(p.charAt(i) == '*' ? ".*" : "."); // '.': one code point, as Sigma's '?'
                    }
                    plainFrom = i + 1;
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(cased ? value : CaseFolding.fold(value)).matches();
        }
    }

    private static String randomPattern(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = r.nextInt(1, 6); i < n; i++) {
            int shape = r.nextInt(4);
            sb.append(shape == 0 ? "*" : shape == 1 ? "?" : SeededProperty.string(r, PATTERN_UNITS, 1, 2));
        }
        return sb.toString();
    }

    /** Re-points {@code column} at {@code records} random values (null = absent), as a dictionary or plain. */
    private static String[] point(RecordColumn column, SplittableRandom r, int records, boolean dictionary) {
        String[] entries = new String[1 + r.nextInt(3)];
        for (int e = 0; e < entries.length; e++) {
            entries[e] = r.nextInt(5) == 0 ? "" : SeededProperty.string(r, VALUE_UNITS, 1, 12);
        }
        String[] values = new String[records];
        int[] codes = new int[records];
        for (int i = 0; i < records; i++) {
            codes[i] = r.nextInt(entries.length);
            values[i] = r.nextInt(6) == 0 ? null : entries[codes[i]];
        }
        if (!dictionary) {
            column.wrapPlain(Utf16Column.of(values));
            return values;
        }
        long[] absent = new long[(records + 63) / 64];
        for (int i = 0; i < records; i++) {
            if (values[i] == null) {
                absent[i >>> 6] |= 1L << i;
            }
        }
        column.wrapDictionary(Utf16Column.of(entries), MemorySegment.ofArray(codes), MemorySegment.ofArray(absent), records);
        return values;
    }
}
