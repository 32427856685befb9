package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.testkit.CorruptEventFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptFileTest {
    @TempDir
    Path dir;

    private Path sample() throws IOException {
        return sample(dir);
    }

    /** 9,000 records in {@code dir}/s.wsev: blocks 0 and 1 of 4,096, block 2 of 808; Image has 7 distinct values (a dictionary). */
    static Path sample(Path dir) throws IOException {
        List<EventRecord> in = new ArrayList<>();
        for (int i = 0; i < 9_000; i++) {
            in.add(new EventRecord().set(Field.CommandLine, "cmd /c echo " + i).set(Field.Image, "img" + (i % 7)));
        }
        return EventFileTest.write(dir.resolve("s.wsev"), in);
    }

    private static void flip(Path p, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x10);
        }
    }

    private static void assertMessage(Throwable t, String... parts) {
        for (String part : parts) {
            assertTrue(t.getMessage().contains(part), "message '" + t.getMessage() + "' should contain '" + part + "'");
        }
    }

    @Test
    void flippedByteInAColumnIsReportedWithFileBlockAndField() throws IOException {
        Path p = sample();
        long at;
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(1, null);
            at = b.column(Field.CommandLine).units().address() - f.mapping().address() + 10;
        }
        flip(p, at);
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(1, null);
            b.verify(Field.Image); // other columns still verify
            FormatException e = assertThrows(FormatException.class, () -> b.verify(Field.CommandLine));
            assertMessage(e, p.toString(), "block 1", "CommandLine", "CRC32C", "expected", "actual");
            assertThrows(FormatException.class, b::verifyAll);
            f.readBlock(0, b).verifyAll();
        }
    }

    @Test
    void flippedByteInABlockDirectoryIsReportedAtReadBlock() throws IOException {
        Path p = sample();
        long blockStart;
        try (EventFile f = EventFile.open(p)) {
            blockStart = f.blockOffset(2);
        }
        flip(p, blockStart + FileLayout.BLOCK_HEADER_BYTES + 3);
        try (EventFile f = EventFile.open(p)) {
            FormatException e = assertThrows(FormatException.class, () -> f.readBlock(2, null));
            assertMessage(e, p.toString(), "block 2", "CRC32C");
        }
    }

    /**
     * A dictionary code past the dictionary, in a file whose CRCs were recomputed to match (a buggy
     * writer, not bit rot): binding the column names the block, column, record and code, instead of
     * reading outside the dictionary.
     */
    @Test
    void dictionaryCodeOutsideTheDictionaryIsNamed() throws IOException {
        List<EventRecord> in = new ArrayList<>();
        for (int i = 0; i < 9_000; i++) {
            in.add(new EventRecord().set(Field.CommandLine, "cmd /c echo " + i).set(Field.Image, "C:\\img" + (i % 3) + ".exe"));
        }
        Path p = EventFileTest.write(dir.resolve("d.wsev"), in);
        long codes;
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(1, null);
            assertTrue(b.isDictionaryEncoded(Field.Image));
            RecordColumn image = b.column(Field.Image);
            codes = b.columnFileOffset(Field.Image) + image.dictionary().offsets().address() - image.units().address()
                    + FileLayout.offsetsBytes(image.dictionary().count());
        }
        CorruptEventFiles.writeWithMatchingCrcs(p, 1, Field.Image, codes + 4L * 5, 0x7FFFFFF0);
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(1, null);
            b.verify(Field.Image);
            FormatException e = assertThrows(FormatException.class, () -> b.column(Field.Image));
            assertMessage(e, p.toString(), "block 1", "Image", "record 5", "dictionary code 2147483632", "3 entries");
            assertThrows(FormatException.class, () -> b.column(Field.Image), "a failed bind never hands out the view");
        }
    }

    /**
     * A directory entry moved onto the previous column's region, CRCs recomputed (a buggy writer): it passed
     * every per-entry check, and Image then read CommandLine's bytes as its values, exit 0. Reading the
     * block now names both columns.
     */
    /**
     * Regions out of column order but disjoint (two whole directory entries swapped, header CRC recomputed)
     * are a valid block: the one-pass check in column order hands it to the sorting check, which accepts it.
     */
    @Test
    void columnRegionsOutOfColumnOrderButDisjointAreRead() throws IOException {
        Path p = sample();
        String image;
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(1, null);
            image = b.column(Field.Image).valueAsString(0);
        }
        CorruptEventFiles.swapDirectoryEntries(p, 1, Field.CommandLine, Field.Image);
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(1, null);
            b.verifyAll();
            assertEquals(image, b.column(Field.CommandLine).valueAsString(0), "CommandLine now reads Image's region");
        }
    }

    @Test
    void overlappingColumnRegionsAreNamedWhenTheBlockIsRead() throws IOException {
        Path p = sample();
        long delta;
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(1, null);
            delta = -Math.min(b.columnBytes(Field.CommandLine), 64);
            assertTrue(b.columnFileOffset(Field.Image) + delta >= b.columnFileOffset(Field.CommandLine), "Image follows CommandLine");
        }
        CorruptEventFiles.moveRegionWithMatchingCrcs(p, 1, Field.Image, delta);
        try (EventFile f = EventFile.open(p)) {
            f.readBlock(0, null).verifyAll();
            FormatException e = assertThrows(FormatException.class, () -> f.readBlock(1, null));
            assertMessage(e, p.toString(), "block 1", "columns CommandLine and Image have overlapping regions");
        }
    }

    /**
     * Offsets whose last entry is not the column's unit count (CRCs recomputed to match: a buggy writer):
     * the block still opens and its other columns read, and binding that column names it. The check is
     * made when a column is bound, not for every column when the block is read (which touched columns a
     * scan never reads).
     */
    @Test
    void offsetsThatDoNotSpanTheUnitsAreNamedWhenTheColumnIsRead() throws IOException {
        Path p = sample();
        long lastOffset;
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(1, null);
            RecordColumn commandLine = b.column(Field.CommandLine);
            lastOffset = b.columnFileOffset(Field.CommandLine) + commandLine.plain().offsets().address()
                    - commandLine.units().address() + 4L * b.recordCount();
        }
        CorruptEventFiles.writeWithMatchingCrcs(p, 1, Field.CommandLine, lastOffset, 1);
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = f.readBlock(1, null);
            b.verify(Field.CommandLine);
            b.column(Field.Image).valueAsString(0);
            FormatException e = assertThrows(FormatException.class, () -> b.column(Field.CommandLine));
            assertMessage(e, p.toString(), "block 1", "CommandLine", "offsets that do not span");
        }
    }

    /**
     * A middle offset past the units, or smaller than the one before, with the ends right and the CRCs
     * recomputed (a buggy writer): binding the column names file, block, column and value, in a plain and
     * in a dictionary column. Checking only the ends let a reader run off the units: the scan and dump
     * ended in an IndexOutOfBoundsException (exit 1, stack trace).
     */
    @Test
    void aMiddleOffsetOutsideTheUnitsIsNamedWhenTheColumnIsRead() throws IOException {
        int[][] cases = {{5, 99_999_999}, {5, -5}, {5, 1}};
        for (Field field : new Field[] {Field.CommandLine, Field.Image}) {
            for (int[] bad : cases) {
                Path p = sample();
                long offsets;
                try (EventFile f = EventFile.open(p)) {
                    EventBlock b = f.readBlock(1, null);
                    RecordColumn column = b.column(field);
                    Utf16Column values = b.isDictionaryEncoded(field) ? column.dictionary() : column.plain();
                    assertTrue(values.count() > bad[0] + 1 && (values.offset(bad[0] - 1) > bad[1] || bad[1] > values.totalUnits()),
                            field + ": the planted offset must break the order");
                    offsets = b.columnFileOffset(field) + values.offsets().address() - column.units().address();
                }
                CorruptEventFiles.writeWithMatchingCrcs(p, 1, field, offsets + 4L * bad[0], bad[1]);
                try (EventFile f = EventFile.open(p)) {
                    EventBlock b = f.readBlock(1, null);
                    b.verify(field);
                    FormatException e = assertThrows(FormatException.class, () -> b.column(field), field + " " + bad[1]);
                    assertMessage(e, p.toString(), "block 1", field.name(), (field == Field.Image ? "dictionary entry " : "value ") + (bad[0] - 1) + " has offsets", "the file is corrupt");
                }
                Files.delete(p);
            }
        }
    }

    @Test
    void truncatedFileIsRejectedClearly() throws IOException {
        Path p = sample();
        long size = Files.size(p);
        for (long cut : new long[] {size - 1, size - 64, size / 2, 100, 64, 3, 0}) {
            Path t = dir.resolve("t" + cut + ".wsev");
            Files.copy(p, t);
            try (FileChannel ch = FileChannel.open(t, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            FormatException e = assertThrows(FormatException.class, () -> EventFile.open(t).close(), "cut at " + cut);
            assertMessage(e, t.toString());
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("bad magic"), e.getMessage());
        }
    }

    @Test
    void writerThatNeverClosedLeavesADetectablyIncompleteFile() throws IOException {
        Path p = dir.resolve("unfinished.wsev");
        EventFileWriter w = EventFileWriter.create(p);
        for (int i = 0; i < 5_000; i++) {
            w.append(new EventRecord().set(Field.CommandLine, "x" + i));
        }
        // no close(): the first block is on disk, the footer is not
        FormatException e = assertThrows(FormatException.class, () -> EventFile.open(p).close());
        assertMessage(e, p.toString(), "truncated or incomplete");
        w.abort();
        assertTrue(Files.notExists(p));
    }

    @Test
    void foreignFileAndFutureVersionAreNamed() throws IOException {
        Path text = dir.resolve("text.wsev");
        Files.writeString(text, "{\"EventID\": 1}\n".repeat(20));
        assertMessage(assertThrows(FormatException.class, () -> EventFile.open(text).close()), text.toString(), "bad magic");

        Path p = sample();
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.seek(FileLayout.HEADER_MAJOR_VERSION_OFFSET);
            raf.write(4);
        }
        assertMessage(assertThrows(FormatException.class, () -> EventFile.open(p).close()),
                p.toString(), "unsupported format version 4.0");
    }

    @Test
    void corruptFooterAndHeaderAreDetected() throws IOException {
        Path p = sample();
        long size = Files.size(p);
        Path footer = dir.resolve("footer.wsev");
        Files.copy(p, footer);
        flip(footer, size - 64 - 64 + 20); // inside the footer's entries
        assertMessage(assertThrows(FormatException.class, () -> EventFile.open(footer).close()), "footer CRC32C");

        Path header = dir.resolve("header.wsev");
        Files.copy(p, header);
        flip(header, 40); // inside a column name
        assertMessage(assertThrows(FormatException.class, () -> EventFile.open(header).close()), "header CRC32C");
    }

    @Test
    void missingFileIsAnIoErrorNamingIt() {
        Path p = dir.resolve("nope.wsev");
        IOException e = assertThrows(IOException.class, () -> EventFile.open(p).close());
        assertMessage(e, p.toString());
    }
}
