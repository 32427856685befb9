package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * A view's codes are a copy made when it is re-pointed (RecordColumn's codeArray): each re-point reads
 * its own codes, a record past the view's count is refused even where the copy's array is longer (a
 * view re-pointed from a larger block), and the bind check reads codes as unsigned. A value's units are
 * copied on demand (valueUnits), once per record and re-point.
 */
class RecordColumnCopiesTest {
    @Test
    void everyRePointReadsItsOwnCodesAndNoRecordPastItsCount() {
        RecordColumn view = new RecordColumn();
        Utf16Column entries = Utf16Column.of("a.exe", "b.exe", "c.exe");
        view.wrapDictionary(entries, codes(2, 0, 1, 2), null, 4);
        assertEquals(2, view.code(0));
        assertEquals(2, view.code(3));
        assertEquals(-1, view.firstCodeNotBelow(3));
        assertEquals("c.exe", view.dictionary().valueAsString(view.code(3)));

        view.wrapDictionary(entries, codes(1, 1), null, 2);
        assertEquals(1, view.code(0));
        assertEquals(1, view.code(1));
        assertThrows(IndexOutOfBoundsException.class, () -> view.code(2), "record 2 of a 2-record view (the array still holds 4)");
        assertThrows(IndexOutOfBoundsException.class, () -> view.code(-1));
        assertEquals(0, view.firstCodeNotBelow(1));

        view.wrapPlain(Utf16Column.of("x", "y"));
        assertThrows(IndexOutOfBoundsException.class, () -> view.code(0), "a plain column has no codes, not the last dictionary's");
    }

    @Test
    void theBindCheckReadsCodesAsUnsigned() {
        RecordColumn view = new RecordColumn().wrapDictionary(Utf16Column.of("x", "y"), codes(0, 1, -1), null, 3);
        assertEquals(2, view.firstCodeNotBelow(2), "0xFFFFFFFF is no entry");
        assertEquals(1, view.firstCodeNotBelow(1));
    }

    private static MemorySegment codes(int... codes) {
        ByteBuffer b = ByteBuffer.allocate(4 * codes.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int c : codes) {
            b.putInt(c);
        }
        return MemorySegment.ofArray(b.array());
    }

    @Test
    void aValuesCopyIsRemadeForAnotherRecordAndAfterARePoint() {
        RecordColumn view = RecordColumn.of("powershell -enc", "cmd", null, "");
        assertEquals("powershell -enc", new String(view.valueUnits(0), 0, view.length(0)));
        assertEquals("cmd", new String(view.valueUnits(1), 0, view.length(1)));
        assertEquals(0, view.length(2), "absent: nothing to copy");
        assertEquals("", new String(view.valueUnits(3), 0, view.length(3)));
        assertEquals("powershell -enc", new String(view.valueUnits(0), 0, view.length(0)));
        view.wrapPlain(Utf16Column.of("WHOAMI", "x".repeat(1_000)));
        assertEquals("WHOAMI", new String(view.valueUnits(0), 0, view.length(0)), "record 0 again, after a re-point");
        assertEquals("x".repeat(1_000), new String(view.valueUnits(1), 0, view.length(1)), "longer than the first array");
        Utf16Column entries = Utf16Column.of("a.exe", "b.exe");
        view.wrapDictionary(entries, codes(1, 0), null, 2);
        assertEquals("b.exe", new String(view.valueUnits(0), 0, view.length(0)), "a dictionary record reads its entry");
    }

    @Test
    void offsetsAndAbsentBitsAreCopiedAtEveryRePoint() {
        RecordColumn view = RecordColumn.of("ab", null, "cde", null);
        assertEquals(true, view.isAbsent(1));
        assertEquals(false, view.isAbsent(2));
        assertEquals(2, view.start(2));
        assertEquals(5, view.end(2));
        assertEquals(2, view.absentCount());
        assertThrows(IndexOutOfBoundsException.class, () -> view.isAbsent(4), "record 4 of 4");
        assertThrows(IndexOutOfBoundsException.class, () -> view.start(4));

        view.wrapPlain(Utf16Column.of("x", "yy", "zzz", "w", "v"));
        for (int r = 0; r < 5; r++) {
            assertEquals(false, view.isAbsent(r), "no bitmap after the re-point, record " + r);
        }
        assertEquals(0, view.absentCount());
        assertEquals(3, view.start(2));
        assertEquals(6, view.end(2));
        assertEquals(6, view.offsetAt(3));
        assertEquals(-1, view.firstOffsetOutOfOrder(view.totalUnits()));
        assertEquals(3, view.firstOffsetOutOfOrder(5), "offset 3 (6 units) passes 5");

        Utf16Column entries = Utf16Column.of("a.exe", "bb.exe");
        view.wrapDictionary(entries, codes(1, 0, 1), null, 3);
        assertEquals(5, view.start(0), "record 0 is entry 1");
        assertEquals(11, view.end(0));
        assertEquals(0, view.start(1));
        assertThrows(IndexOutOfBoundsException.class, () -> view.offsetAt(3), "two entries have three offsets");
    }
}
