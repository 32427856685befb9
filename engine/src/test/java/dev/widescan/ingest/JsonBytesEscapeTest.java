package dev.widescan.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.testkit.SeededProperty;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonBytes#appendField}'s escaping (a value's bytes copied to a reused array, then read four units
 * at a time) against Jackson's bytes for the same value ({@link EventJson}): each unit class at every
 * position of values of 0 to 9 units (the four-unit reads' edges), values over 64 KiB units, and one
 * {@link JsonBytes} reused from the longest value down to the empty one, so that bytes of an earlier,
 * longer value left in the reused array would show.
 */
class JsonBytesEscapeTest {
    /** One unit of each class that escapes or encodes differently, with the boundaries between them. */
    private static final char[] UNITS = {'a', 'Z', '0', ' ', '/', '"', '\\', '\u0000', '\b', '\t', '\n', '\f', '\r',
        '\u001f', '\u007e', '\u007f', '\u0080', '\u00e9', '\u07ff', '\u0800', '\u2028', '\u2029', '\ud7ff', '\ud800',
        '\udbff', '\udc00', '\udfff', '\ue000', '\ufeff', '\uffff'};

    @Test
    void everyUnitClassAtEveryPositionOfShortValues() {
        List<String> values = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (int length = 0; length <= 9; length++) {
            for (char u : UNITS) {
                for (int at = 0; at < Math.max(1, length); at++) {
                    char[] v = "abcdefghi".substring(0, length).toCharArray();
                    if (length > 0) {
                        v[at] = u;
                    }
                    values.add(new String(v));
                }
            }
            pairs.add("\ud83d\ude00".repeat(length)); // valid pairs, still escaped unit by unit
        }
        assertSameAsJackson(pairs);
        assertSameAsJackson(values);
        List<String> longestFirst = new ArrayList<>(values);
        java.util.Collections.reverse(longestFirst);
        assertSameAsJackson(longestFirst); // a shorter value after a longer one: the reused array holds its bytes
    }

    @Test
    void randomValuesLongAndShortInOneReusedBuffer() {
        SeededProperty.forAll(6, r -> {
            List<String> values = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                int length = k == 0 ? 65_536 + r.nextInt(40_000) : r.nextInt(k < 4 ? 3_000 : 10);
                char[] v = new char[length];
                for (int i = 0; i < length; i++) {
                    v[i] = r.nextInt(3) == 0 ? UNITS[r.nextInt(UNITS.length)] : (char) ('a' + r.nextInt(26));
                }
                values.add(new String(v));
            }
            values.sort((a, b) -> b.length() - a.length()); // longest first: later values reuse the array
            assertSameAsJackson(values);
        });
    }

    /** Each value written as a one-field event by one reused {@link JsonBytes}, against Jackson's event. */
    private static void assertSameAsJackson(List<String> values) {
        RecordColumn column = RecordColumn.of(values.toArray(String[]::new));
        JsonBytes out = new JsonBytes(16);
        for (int i = 0; i < values.size(); i++) {
            out.reset();
            out.appendField(true, Field.CommandLine, column, i);
            out.appendEnd(false);
            byte[] expected = EventJson.toJson(new EventRecord().set(Field.CommandLine, values.get(i))).getBytes(StandardCharsets.UTF_8);
            String v = values.get(i);
            assertArrayEquals(expected, Arrays.copyOf(out.array(), out.size()),
                    "value " + i + " of " + v.length() + " units: " + (v.length() > 40 ? v.substring(0, 40) + "..." : v));
        }
    }
}
