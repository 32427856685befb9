package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.testkit.CorruptEventFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bind checks' messages in full (EventBlock.checkOffsetsSpan and checkCodes over ColumnIndexChecks):
 * the value or entry index, both offsets and the unit count; the record, code and entry count. Offsets
 * broken at the first and last middle positions and at both ends, in a plain and a dictionary column,
 * codes at the first and last record; every corrupt block is read into an EventBlock that last held a
 * smaller block, so the offsets' scratch array grows on the bind that finds the fault. CRCs are
 * recomputed (a buggy writer, not bit rot), so the check itself must name the fault.
 */
class ColumnIndexMessagesTest {
    @TempDir
    Path dir;

    /** CorruptFileTest's sample: blocks 0 and 1 of 4,096 records, block 2 of 808; Image a dictionary of 7. */
    private Path sample() throws IOException {
        return CorruptFileTest.sample(dir);
    }

    /** The layout of {@code field} in block 1 of a sample written (and deleted) for the purpose. */
    private Column sampleColumn(Field field) throws IOException {
        Path p = sample();
        Column c = column(p, 1, field);
        Files.delete(p);
        return c;
    }

    private record Column(long offsetsAt, long codesAt, int spanned, int[] offsets, int units, int records) {
    }

    private static Column column(Path p, int block, Field field) throws IOException {
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(block, null);
            RecordColumn c = b.column(field);
            Utf16Column values = c.hasEntries() ? c.dictionary() : c.plain();
            long offsetsAt = b.columnFileOffset(field) + values.offsets().address() - c.units().address();
            int[] offsets = new int[values.count() + 1];
            for (int i = 0; i <= values.count(); i++) {
                offsets[i] = values.offset(i);
            }
            return new Column(offsetsAt, offsetsAt + FileLayout.offsetsBytes(values.count()), values.count(), offsets,
                    values.totalUnits(), b.recordCount());
        }
    }

    /** Binds {@code field} of block 1 through an EventBlock that held block 2 (808 records) before. */
    private static FormatException bindFailure(Path p, Field field) throws IOException {
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(2, null);
            b.column(field);
            EventBlock grown = f.readBlock(1, b);
            assertEquals(4_096, grown.recordCount());
            return assertThrows(FormatException.class, () -> grown.column(field));
        }
    }

    private static void assertEndsWith(String expectedEnd, FormatException e, Path p) {
        assertTrue(e.getMessage().endsWith(expectedEnd), "message '" + e.getMessage() + "' should end with '" + expectedEnd + "'");
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("block 1"), e.getMessage());
    }

    @Test
    void aMiddleOffsetNamesItsValueBothOffsetsAndTheUnits() throws IOException {
        for (Field field : new Field[] {Field.CommandLine, Field.Image}) {
            Column c = sampleColumn(field);
            for (int at : new int[] {1, c.spanned / 2, c.spanned - 1}) {
                int previous = c.offsets[at - 1];
                for (int bad : new int[] {c.units + 1, -5, previous - 1, Integer.MAX_VALUE}) {
                    Path p = sample();
                    CorruptEventFiles.writeWithMatchingCrcs(p, 1, field, c.offsetsAt + 4L * at, bad);
                    String what = field == Field.Image ? "dictionary entry " : "value ";
                    assertEndsWith("column " + field + ": " + what + (at - 1) + " has offsets [" + previous + ", " + bad
                            + "), outside its " + c.units + " units: the file is corrupt", bindFailure(p, field), p);
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void theFirstAndLastOffsetsMustSpanTheUnits() throws IOException {
        for (Field field : new Field[] {Field.CommandLine, Field.Image}) {
            Column c = sampleColumn(field);
            int[][] cases = {{0, 1}, {0, -1}, {c.spanned, c.units - 1}, {c.spanned, c.units + 1}};
            for (int[] bad : cases) {
                Path p = sample();
                CorruptEventFiles.writeWithMatchingCrcs(p, 1, field, c.offsetsAt + 4L * bad[0], bad[1]);
                assertEndsWith("column " + field + " has offsets that do not span its " + c.units + " units",
                        bindFailure(p, field), p);
                Files.delete(p);
            }
        }
    }

    @Test
    void aCodeOutsideTheDictionaryNamesItsRecordAndTheEntries() throws IOException {
        Path p = sample();
        Column c = column(p, 1, Field.Image);
        Files.delete(p);
        assertEquals(7, c.spanned);
        int[][] cases = {{0, 7}, {0, -1}, {c.records - 1, 7}, {c.records - 1, Integer.MIN_VALUE}, {2_000, 1_000_000}};
        for (int[] bad : cases) {
            p = sample();
            CorruptEventFiles.writeWithMatchingCrcs(p, 1, Field.Image, c.codesAt + 4L * bad[0], bad[1]);
            assertEndsWith("column Image: record " + bad[0] + " has dictionary code " + Integer.toUnsignedString(bad[1])
                    + ", outside its 7 entries: the file is corrupt", bindFailure(p, Field.Image), p);
            Files.delete(p);
        }
    }

    @Test
    void aOneRecordColumnHasOnlyItsEnds() throws IOException {
        Path p = dir.resolve("one.wsev");
        try (EventFileWriter w = EventFileWriter.create(p, 4_096, ColumnEncodings.PLAIN)) { // not stored as a constant
            w.append(new EventRecord().set(Field.CommandLine, "whoami /all"));
        }
        long offsetsAt;
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(0, null);
            RecordColumn c = b.column(Field.CommandLine);
            assertEquals("whoami /all", c.valueAsString(0));
            offsetsAt = b.columnFileOffset(Field.CommandLine) + c.plain().offsets().address() - c.units().address();
        }
        CorruptEventFiles.writeWithMatchingCrcs(p, 0, Field.CommandLine, offsetsAt + 4, 10);
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(0, null);
            FormatException e = assertThrows(FormatException.class, () -> b.column(Field.CommandLine));
            assertTrue(e.getMessage().endsWith("column CommandLine has offsets that do not span its 11 units"), e.getMessage());
        }
    }
}
