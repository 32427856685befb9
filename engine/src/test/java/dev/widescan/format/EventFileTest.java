package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileTest {
    @TempDir
    Path dir;

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    static List<EventRecord> edgeCases() {
        List<EventRecord> list = new ArrayList<>();
        list.add(new EventRecord().set(Field.CommandLine, "cmd.exe /c whoami").set(Field.Image, "C:\\Windows\\cmd.exe"));
        list.add(new EventRecord().set(Field.CommandLine, "").set(Field.Image, null).set(Field.User, ""));
        list.add(new EventRecord().set(Field.CommandLine, "a\u0000b\u0000").set(Field.Hashes, "\u0000"));
        list.add(new EventRecord().set(Field.CommandLine, "lone high \uD800 and low \uDC00 and reversed \uDC01\uD801"));
        list.add(new EventRecord().set(Field.CommandLine, "emoji \uD83D\uDE00 end").set(Field.Description, "\uD83D"));
        list.add(new EventRecord().set(Field.CommandLine, repeat('x', 32_767)));
        list.add(new EventRecord().set(Field.CommandLine, repeat('\u00e9', 100_000)).set(Field.ParentCommandLine, "p"));
        list.add(new EventRecord()); // every field absent
        EventRecord all = new EventRecord();
        for (Field f : Field.values()) {
            all.set(f, f.name() + "-value");
        }
        list.add(all);
        return list;
    }

    static Path write(Path file, List<EventRecord> records) throws IOException {
        try (EventFileWriter w = EventFileWriter.create(file)) {
            for (EventRecord r : records) {
                w.append(r);
            }
            assertEquals(records.size(), w.recordCount());
        }
        return file;
    }

    static List<EventRecord> readAll(EventFile f) {
        List<EventRecord> out = new ArrayList<>();
        EventBlock block = null;
        long expectedFirst = 0;
        for (int b = 0; b < f.blockCount(); b++) {
            block = f.readBlock(b, block);
            assertEquals(b, block.index());
            assertEquals(expectedFirst, block.firstRecord());
            block.verifyAll();
            for (int i = 0; i < block.recordCount(); i++) {
                EventRecord r = new EventRecord();
                block.readRecord(i, r);
                out.add(r);
            }
            expectedFirst += block.recordCount();
        }
        assertEquals(f.recordCount(), expectedFirst);
        return out;
    }

    @Test
    void edgeCasesRoundTripExactly() throws IOException {
        List<EventRecord> in = edgeCases();
        try (EventFile f = EventFile.open(write(dir.resolve("edge.wsev"), in))) {
            assertEquals(in, readAll(f));
            assertEquals(f.fileSize(), java.nio.file.Files.size(f.path()));
        }
    }

    @Test
    void absentAndEmptyAreDistinctInTheColumnView() throws IOException {
        List<EventRecord> in = List.of(new EventRecord().set(Field.User, ""), new EventRecord(),
                new EventRecord().set(Field.User, "u"));
        try (EventFile f = EventFile.open(write(dir.resolve("ae.wsev"), in))) {
            EventBlock b = f.readBlock(0, null);
            RecordColumn users = b.column(Field.User);
            assertFalse(users.isAbsent(0));
            assertEquals(0, users.length(0));
            assertTrue(users.isAbsent(1));
            assertEquals(0, users.length(1));
            assertEquals("u", users.valueAsString(2));
            assertNull(b.column(Field.User).absentBits() == null ? "bitmap expected" : null);
            assertTrue(b.column(Field.Image).isAbsent(2));
            assertNull(b.column(Field.CommandLine).valueAsString(0));
        }
    }

    @Test
    void blocksSplitAtRecordLimitAndColumnBudgetAndColumnsAreAligned() throws IOException {
        List<EventRecord> in = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            in.add(new EventRecord().set(Field.CommandLine, "command line number " + i).set(Field.EventID, "1"));
        }
        String big = repeat('B', 300_000);
        for (int i = 0; i < 5; i++) {
            in.add(new EventRecord().set(Field.CommandLine, big + i));
        }
        try (EventFile f = EventFile.open(write(dir.resolve("blocks.wsev"), in))) {
            assertEquals(4096, f.blockRecordCount(0));
            assertEquals(4096, f.blockRecordCount(1));
            assertTrue(f.blockCount() >= 6, "budget of 512 Ki units splits the 300,000-unit values: " + f.blockCount());
            EventBlock block = null;
            for (int b = 0; b < f.blockCount(); b++) {
                EventBlock next = f.readBlock(b, block);
                if (block != null) {
                    assertSame(block, next, "readBlock re-points the reused view");
                }
                block = next;
                for (Field fl : Field.values()) {
                    RecordColumn c = block.column(fl);
                    assertEquals(0, c.units().address() % 64, "units of " + fl + " in block " + b + " are 64-byte aligned");
                    assertEquals(0, c.units().byteSize() % 64);
                    assertTrue(c.units().byteSize() >= 2L * c.totalUnits());
                }
                RecordColumn cmd = block.column(Field.CommandLine);
                for (long off = 2L * cmd.totalUnits(); off < cmd.units().byteSize(); off++) {
                    assertEquals(0, cmd.units().get(java.lang.foreign.ValueLayout.JAVA_BYTE, off), "zero padding");
                }
            }
            assertEquals(in, readAll(f));
            for (long r : new long[] {0, 4095, 4096, 9_000, 9_999, 10_000}) {
                int blk = f.blockOfRecord(r);
                assertTrue(f.blockFirstRecord(blk) <= r && r < f.blockFirstRecord(blk) + f.blockRecordCount(blk), "record " + r);
            }
            int b = f.blockOfRecord(10_004);
            assertEquals(f.blockCount() - 1, b);
        }
    }

    @Test
    void emptyFileHasNoBlocks() throws IOException {
        try (EventFile f = EventFile.open(write(dir.resolve("empty.wsev"), List.of()))) {
            assertEquals(0, f.blockCount());
            assertEquals(0, f.recordCount());
        }
    }

    @Test
    void closedFileRefusesReadsWithoutCrashing() throws IOException {
        EventFile f = EventFile.open(write(dir.resolve("c.wsev"), edgeCases()));
        EventBlock b = f.readBlock(0, null);
        f.close();
        f.close();
        assertThrows(IllegalStateException.class, () -> f.readBlock(0, b));
    }

    /**
     * A scan keeps every file of its archive open (checked, indexed, unmapped) while it reads a few: what an
     * unmapped file holds bounds how many files one scan can take. It keeps no mapping objects (segment,
     * unmapper, file descriptor, session: ~250 bytes) and shares its schema with the files of the same header
     * (~300 bytes more each); 70,000 files took ~1 KB each before, ~570 bytes with these (bench/RESULTS.md §27).
     */
    @Test
    void anUnmappedFileHoldsLittleHeap() throws IOException {
        Path first = write(dir.resolve("f0.wsev"), edgeCases());
        int n = 3_000;
        List<Path> paths = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            paths.add(i == 0 ? first : java.nio.file.Files.copy(first, dir.resolve("f" + i + ".wsev")));
        }
        EventFile[] open = new EventFile[n];
        long before = usedHeapAfterGc();
        for (int i = 0; i < n; i++) {
            open[i] = EventFile.openUnmapped(paths.get(i));
        }
        long perFile = (usedHeapAfterGc() - before) / n;
        IllegalStateException unmapped = assertThrows(IllegalStateException.class, open[7]::mapping);
        assertTrue(unmapped.getMessage().startsWith(paths.get(7) + " is not mapped"), unmapped.getMessage());
        for (EventFile f : open) {
            f.close();
        }
        // the EventFile, its path and identity, trailer and block index: ~370 bytes here; with the mapping
        // objects kept and a schema of its own, ~740
        assertTrue(perFile < 600, perFile + " bytes of heap per unmapped file");
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /**
     * Files of one schema share it (recognised by the header's encoded names, nothing decoded again); a file of
     * another schema opened in between keeps its own, and the first schema's files theirs.
     */
    @Test
    void filesOfAnotherSchemaOpenedInTurnKeepTheirOwn() throws IOException {
        Path a = write(dir.resolve("a.wsev"), edgeCases().subList(0, 3));
        Path b = write(dir.resolve("b.wsev"), edgeCases().subList(0, 3));
        renameColumn(b, "CommandLine", "CommandLinX"); // a column this widescan does not know, same length
        for (int round = 0; round < 2; round++) {
            try (EventFile fa = EventFile.openUnmapped(a); EventFile fb = EventFile.openUnmapped(b);
                 EventFile fa2 = EventFile.openUnmapped(a)) {
                assertTrue(fa.columnOf(Field.CommandLine) >= 0);
                assertEquals(-1, fb.columnOf(Field.CommandLine));
                assertTrue(List.of(fb.columnNames()).contains("CommandLinX"));
                assertFalse(List.of(fa.columnNames()).contains("CommandLinX"));
                assertEquals(fa.columnOf(Field.CommandLine), fa2.columnOf(Field.CommandLine));
                assertEquals(List.of(fa.columnNames()), List.of(fa2.columnNames()));
                assertEquals(List.of(fa.columnNames()).indexOf("CommandLine"), List.of(fb.columnNames()).indexOf("CommandLinX"));
            }
        }
    }

    /** Renames a column in the header (same byte length), with the header's and the trailer's CRCs made to match. */
    private static void renameColumn(Path p, String from, String to) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE); java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment m = ch.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0, ch.size(), arena);
            int columns = m.get(FileLayout.U32, FileLayout.HEADER_COLUMN_COUNT_OFFSET);
            long at = FileLayout.HEADER_FIXED_BYTES;
            for (int c = 0; c < columns; c++) {
                int len = Short.toUnsignedInt(m.get(FileLayout.U16, at));
                String name = new String(m.asSlice(at + 2, len).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                        java.nio.charset.StandardCharsets.UTF_8);
                if (name.equals(from)) {
                    java.lang.foreign.MemorySegment.copy(to.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, m,
                            java.lang.foreign.ValueLayout.JAVA_BYTE, at + 2, len);
                }
                at += 2 + len;
            }
            FormatVersionTest.sealHeader(m, at);
        }
    }

    /**
     * One thread reading a file whole ({@code remap(true)}) reads a file of at most {@code READ_LIMIT} bytes into
     * memory of its own and maps a larger one: both give every record back, both are refused by name once
     * rewritten in place, and the open check reads the small one too.
     */
    @Test
    void aSmallFileIsReadWholeAndALargeOneMapped() throws IOException {
        List<EventRecord> few = edgeCases().subList(0, 5);
        Path small = write(dir.resolve("small.wsev"), few);
        Path large = write(dir.resolve("large.wsev"), edgeCases());
        assertTrue(java.nio.file.Files.size(small) <= EventFile.READ_LIMIT);
        assertTrue(java.nio.file.Files.size(large) > EventFile.READ_LIMIT);
        for (Path p : List.of(small, large)) {
            List<EventRecord> expected = p == small ? few : edgeCases();
            try (EventFile f = EventFile.openUnmapped(p)) {
                assertEquals(expected.size(), f.recordCount());
                f.remap(true);
                assertEquals(p == large, f.mapping().isMapped(), p + ": a mapping only when larger than READ_LIMIT");
                assertEquals(expected, readAll(f));
                f.unmap();
                assertThrows(IllegalStateException.class, () -> f.readBlock(0, null));
                byte[] bytes = java.nio.file.Files.readAllBytes(p);
                bytes[bytes.length - 1] ^= 1; // the trailer's CRC, rewritten in place: same file, same size
                java.nio.file.Files.write(p, bytes);
                FormatException changed = assertThrows(FormatException.class, () -> f.remap(true));
                assertTrue(changed.getMessage().startsWith(p + ": the file changed while scanning (its schema or block index"),
                        changed.getMessage());
                assertFalse(f.isMapped());
            }
        }
    }

    /**
     * {@code unmap} keeps the index and {@code remap} maps the same file again (a scan holds mappings only
     * for the files it is reading); a file replaced or rewritten in between is refused by name, never read
     * in place of the one opened; a closed file stays closed.
     */
    @Test
    void anUnmappedFileIsMappedAgainOnlyIfItIsStillTheFileOpened() throws IOException {
        List<EventRecord> records = edgeCases();
        Path file = write(dir.resolve("a.wsev"), records);
        try (EventFile f = EventFile.open(file)) {
            f.unmap();
            assertFalse(f.isMapped());
            assertEquals(records.size(), f.recordCount()); // the index outlives the mapping
            assertThrows(IllegalStateException.class, () -> f.readBlock(0, null));
            f.remap();
            f.remap(); // mapped already: nothing to do
            assertTrue(f.isMapped());
            assertEquals(records, readAll(f));

            f.unmap();
            List<EventRecord> other = new ArrayList<>(records);
            other.set(0, new EventRecord().set(Field.CommandLine, "cmd.exe /c whoamI").set(Field.Image, "C:\\Windows\\cmd.exe"));
            Path replacement = write(dir.resolve("b.wsev"), other);
            assertEquals(java.nio.file.Files.size(file), java.nio.file.Files.size(replacement), "same size: only identity tells them apart");
            java.nio.file.Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            FormatException replaced = assertThrows(FormatException.class, f::remap);
            assertTrue(replaced.getMessage().startsWith(file + ": the file changed while scanning"), replaced.getMessage());
            assertFalse(f.isMapped());

            f.close();
            assertThrows(IllegalStateException.class, f::remap);
        }
        try (EventFile g = EventFile.open(file)) {
            g.unmap();
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            java.nio.file.Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 64)); // rewritten in place, shorter
            FormatException shorter = assertThrows(FormatException.class, g::remap);
            assertTrue(shorter.getMessage().contains("changed while scanning (now " + (bytes.length - 64) + " bytes"), shorter.getMessage());
            java.nio.file.Files.delete(file);
            FormatException gone = assertThrows(FormatException.class, g::remap);
            assertTrue(gone.getMessage().contains("it is gone"), gone.getMessage());
        }
    }
}
