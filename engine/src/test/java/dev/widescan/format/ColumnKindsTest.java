package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format v3's column kinds (plain, dictionary, constant, all-absent) keep every record's absent / empty /
 * value exactly, block by block, whichever kind the writer picks; the writer picks the smallest kind its
 * encodings allow; the reader exposes it ({@link EventBlock#columnKind}, {@link RecordColumn#kind}).
 * Random blocks with a seeded {@link SplittableRandom}: the seed and the case are in every message.
 */
class ColumnKindsTest {
    /** The shapes a column of one block can take, each meant to land on a known kind in a COMPACT file. */
    enum Shape {
        ALL_ABSENT(ColumnKind.ABSENT), ALL_EMPTY(ColumnKind.CONSTANT), ONE_VALUE(ColumnKind.CONSTANT),
        ONE_VALUE_OR_ABSENT(ColumnKind.CONSTANT), EMPTY_OR_ABSENT(ColumnKind.CONSTANT),
        FEW_VALUES(ColumnKind.DICTIONARY), DISTINCT(ColumnKind.PLAIN);

        final ColumnKind compactKind;

        Shape(ColumnKind compactKind) {
            this.compactKind = compactKind;
        }
    }

    private static final long SEED = 0x5EED_F0A3L;

    @TempDir
    Path dir;

    /** Block {@code b}'s shape of each field, and the records. */
    record Case(List<EventRecord> records, List<Map<Field, Shape>> shapes, int blockRecords) {
    }

    static Case randomCase(SplittableRandom rnd) {
        int blockRecords = 64 * (1 + rnd.nextInt(3));
        int blocks = 1 + rnd.nextInt(4);
        List<EventRecord> records = new ArrayList<>();
        List<Map<Field, Shape>> shapes = new ArrayList<>();
        Shape[] all = Shape.values();
        for (int b = 0; b < blocks; b++) {
            Map<Field, Shape> blockShapes = new EnumMap<>(Field.class);
            for (Field f : Field.values()) {
                blockShapes.put(f, all[rnd.nextInt(all.length)]);
            }
            shapes.add(blockShapes);
            String[] constant = new String[Field.count()];
            for (Field f : Field.values()) {
                constant[f.ordinal()] = randomValue(rnd, 1 + rnd.nextInt(40));
            }
            // The last block may be short; a ONE_VALUE_OR_ABSENT block needs at least one value of each.
            int n = b == blocks - 1 ? 2 + rnd.nextInt(blockRecords - 1) : blockRecords;
            for (int i = 0; i < n; i++) {
                EventRecord r = new EventRecord();
                for (Field f : Field.values()) {
                    r.set(f, value(blockShapes.get(f), constant[f.ordinal()], i, rnd));
                }
                records.add(r);
            }
        }
        return new Case(records, shapes, blockRecords);
    }

    private static String value(Shape shape, String constant, int i, SplittableRandom rnd) {
        return switch (shape) {
            case ALL_ABSENT -> null;
            case ALL_EMPTY -> "";
            case ONE_VALUE -> constant;
            case ONE_VALUE_OR_ABSENT -> i == 0 ? constant : i == 1 ? null : rnd.nextBoolean() ? constant : null;
            case EMPTY_OR_ABSENT -> i == 0 ? "" : i == 1 ? null : rnd.nextBoolean() ? "" : null;
            case FEW_VALUES -> i == 0 ? null : i == 1 ? "" : "C:\\Windows\\System32\\tool-number-" + rnd.nextInt(3) + ".exe";
            case DISTINCT -> i % 5 == 0 ? null : i % 7 == 0 ? "" : "value " + i + " " + randomValue(rnd, rnd.nextInt(8));
        };
    }

    /** Any UTF-16 code units, lone surrogates and NUL included. */
    private static String randomValue(SplittableRandom rnd, int length) {
        char[] c = new char[length];
        for (int k = 0; k < length; k++) {
            int pick = rnd.nextInt(10);
            c[k] = pick == 0 ? (char) (0xD800 + rnd.nextInt(0x800)) : pick == 1 ? (char) rnd.nextInt(0x10000)
                    : pick == 2 ? '\0' : (char) ('a' + rnd.nextInt(26));
        }
        return new String(c);
    }

    private Path write(String name, Case c, ColumnEncodings encodings) throws IOException {
        Path p = dir.resolve(name);
        try (EventFileWriter w = EventFileWriter.create(p, c.blockRecords(), encodings)) {
            for (EventRecord r : c.records()) {
                w.append(r);
            }
        }
        return p;
    }

    @Test
    void everyKindReadsBackEveryRecordExactlyAndTheWriterPicksTheSmallestKind() throws IOException {
        SplittableRandom seeds = new SplittableRandom(SEED);
        for (int trial = 0; trial < 60; trial++) {
            long seed = seeds.nextLong();
            Case c = randomCase(new SplittableRandom(seed));
            String where = "seed " + seed + " (trial " + trial + ")";
            for (ColumnEncodings enc : ColumnEncodings.values()) {
                Path p = write(trial + "-" + enc + ".wsev", c, enc);
                try (EventFile f = EventFile.open(p)) {
                    assertEquals(enc.majorVersion(), f.majorVersion(), where);
                    assertEquals(c.shapes().size(), f.blockCount(), where);
                    EventBlock block = null;
                    for (int b = 0; b < f.blockCount(); b++) {
                        block = f.readBlock(b, block);
                        block.verifyAll();
                        for (Field field : Field.values()) {
                            Shape shape = c.shapes().get(b).get(field);
                            ColumnKind expected = switch (enc) {
                                // A short last block may not be worth a dictionary (it must halve the plain layout).
                                case COMPACT -> shape == Shape.FEW_VALUES && block.recordCount() < 64
                                        && block.columnKind(field) == ColumnKind.PLAIN ? ColumnKind.PLAIN : shape.compactKind;
                                case DICTIONARY -> block.columnKind(field) == ColumnKind.DICTIONARY
                                        ? ColumnKind.DICTIONARY : ColumnKind.PLAIN;
                                case PLAIN -> ColumnKind.PLAIN;
                            };
                            String at = where + " " + enc + " block " + b + " " + field + " " + shape;
                            assertEquals(expected, block.columnKind(field), at);
                            RecordColumn col = block.column(field);
                            assertEquals(expected, col.kind(), at);
                            assertColumnHolds(c.records(), (int) block.firstRecord(), field, col, at);
                            if (expected == ColumnKind.ABSENT) {
                                assertEquals(0, block.columnBytes(field), at + ": an all-absent column stores nothing");
                            }
                            if (expected == ColumnKind.CONSTANT) {
                                long bitmap = col.absentBits() == null ? 0 : FileLayout.absentBytes(col.count());
                                assertEquals(FileLayout.pad64(2L * col.totalUnits()) + bitmap, block.columnBytes(field),
                                        at + ": a constant column stores its value once and at most a bitmap");
                            }
                        }
                    }
                    assertEquals(c.records(), EventFileTest.readAll(f), where + " " + enc);
                }
            }
        }
    }

    /** Per record: absent, empty and value, through every per-record accessor. */
    static void assertColumnHolds(List<EventRecord> records, int first, Field field, RecordColumn col, String at) {
        int absent = 0;
        for (int i = 0; i < col.count(); i++) {
            String expected = records.get(first + i).get(field);
            String what = at + " record " + i;
            assertEquals(expected == null, col.isAbsent(i), what + " absent");
            assertEquals(expected == null ? 0 : expected.length(), col.length(i), what + " length");
            assertEquals(expected, col.valueAsString(i), what + " value");
            if (expected != null) {
                for (int k = 0; k < expected.length(); k++) {
                    assertEquals(expected.charAt(k), col.unitAt(col.start(i) + k), what + " unit " + k);
                }
            }
            absent += expected == null ? 1 : 0;
        }
        assertEquals(absent, col.absentCount(), at + " absentCount");
        if (col.kind() == ColumnKind.PLAIN) {
            assertNull(col.dictionary(), at);
            assertEquals(col.count(), col.plain().count(), at);
        } else {
            assertTrue(col.dictionary() != null && col.dictionary().absentBits() == null, at);
            assertThrows(IllegalStateException.class, col::plain, at + ": a matcher must not get records through codes");
        }
        Utf16Column values = col.kind() == ColumnKind.PLAIN ? col.plain() : col.dictionary();
        assertEquals(0, values.units().byteSize() % 64, at + ": matchers load whole vectors");
        assertTrue(values.units().byteSize() >= Math.max(64, 2L * values.totalUnits()), at);
    }

    @Test
    void compactFilesAreSmallerThanVersionTwoOnSparseColumns() throws IOException {
        List<EventRecord> records = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            records.add(new EventRecord().set(Field.CommandLine, "cmd /c echo " + i).set(Field.EventID, "4688")
                    .set(Field.Channel, "Security").set(Field.Image, i % 3 == 0 ? "a.exe" : "b.exe"));
        }
        Case c = new Case(records, List.of(), 4096);
        long v2 = Files.size(write("v2.wsev", c, ColumnEncodings.DICTIONARY));
        long v3 = Files.size(write("v3.wsev", c, ColumnEncodings.COMPACT));
        // 23 all-absent columns at 4 + 1/8 bytes a record (offsets and bitmap) in v2, nothing in v3.
        assertTrue(v2 - v3 > 23L * 4 * 10_000, "v2 " + v2 + " bytes, v3 " + v3 + " bytes");
    }

    @Test
    void constantAndAbsentColumnsInAFileLabelledVersionTwoAreRefused() throws IOException {
        // Two records with different command lines: the first v3-only column is Image, all-absent.
        List<EventRecord> absent = List.of(new EventRecord().set(Field.CommandLine, "a"), new EventRecord().set(Field.CommandLine, "b"));
        // One command line for both: CommandLine, the first column, is constant.
        List<EventRecord> constant = List.of(new EventRecord().set(Field.CommandLine, "a"), new EventRecord().set(Field.CommandLine, "a"));
        for (List<EventRecord> records : List.of(absent, constant)) {
            String expected = records == absent ? "column Image is stored as absent, which format version 2 does not have"
                    : "column CommandLine is stored as constant, which format version 2 does not have";
            Path p = write("relabelled.wsev", new Case(records, List.of(), 64), ColumnEncodings.COMPACT);
            FormatVersionTest.relabel(p, 2);
            try (EventFile f = EventFile.open(p)) {
                FormatException e = assertThrows(FormatException.class, () -> f.readBlock(0, null));
                assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("block 0")
                        && e.getMessage().contains(expected), e.getMessage());
            }
        }
    }

    /** Rewrites a 32-bit field of block 0's directory entry for {@code field} and re-seals the block header CRC. */
    private static void patchDirectory(Path p, Field field, int entryOffset, int value) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE); EventFile f = EventFile.open(p)) {
            java.lang.foreign.MemorySegment file = ch.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0, ch.size(),
                    java.lang.foreign.Arena.ofAuto());
            long block = f.blockOffset(0);
            long entry = block + FileLayout.BLOCK_HEADER_BYTES + (long) f.columnOf(field) * FileLayout.DIRECTORY_ENTRY_BYTES;
            file.set(FileLayout.U32, entry + entryOffset, value);
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(file.asSlice(block, FileLayout.BLOCK_HEADER_CRC_OFFSET).asByteBuffer());
            crc.update(file.asSlice(block + FileLayout.BLOCK_HEADER_BYTES,
                    (long) f.columnCount() * FileLayout.DIRECTORY_ENTRY_BYTES).asByteBuffer());
            file.set(FileLayout.U32, block + FileLayout.BLOCK_HEADER_CRC_OFFSET, (int) crc.getValue());
        }
    }

    @Test
    void aDirectoryEntryThatDisagreesWithItsKindOrACorruptConstantValueIsReported() throws IOException {
        List<EventRecord> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(new EventRecord().set(Field.CommandLine, "cmd " + i).set(Field.EventID, "4688"));
        }
        Case c = new Case(records, List.of(), 128);
        // A constant column that claims 64 bytes of units for its 4 units is fine; claiming 128 is not.
        Path wrongUnits = write("units.wsev", c, ColumnEncodings.COMPACT);
        patchDirectory(wrongUnits, Field.EventID, FileLayout.DIRECTORY_UNITS_BYTES_OFFSET, 128);
        // An all-absent column whose flags also claim an absent bitmap.
        Path wrongFlags = write("flags.wsev", c, ColumnEncodings.COMPACT);
        patchDirectory(wrongFlags, Field.Image, FileLayout.DIRECTORY_FLAGS_OFFSET,
                FileLayout.FLAG_ALL_ABSENT | FileLayout.FLAG_HAS_ABSENT);
        // Two kinds at once.
        Path twoKinds = write("kinds.wsev", c, ColumnEncodings.COMPACT);
        patchDirectory(twoKinds, Field.Image, FileLayout.DIRECTORY_FLAGS_OFFSET, FileLayout.FLAG_ALL_ABSENT | FileLayout.FLAG_CONSTANT);
        for (Object[] t : new Object[][] {{wrongUnits, "EventID"}, {wrongFlags, "Image"}, {twoKinds, "Image"}}) {
            try (EventFile f = EventFile.open((Path) t[0])) {
                FormatException e = assertThrows(FormatException.class, () -> f.readBlock(0, null), t[0].toString());
                assertTrue(e.getMessage().contains("block 0 column " + t[1] + " has a bad directory entry"), e.getMessage());
            }
        }
        // The constant value's bytes are covered by the column CRC.
        Path flipped = write("flip.wsev", c, ColumnEncodings.COMPACT);
        long at;
        try (EventFile f = EventFile.open(flipped)) {
            EventBlock b = f.readBlock(0, null);
            assertEquals(ColumnKind.CONSTANT, b.columnKind(Field.EventID));
            at = b.columnFileOffset(Field.EventID);
        }
        byte[] bytes = Files.readAllBytes(flipped);
        bytes[(int) at] ^= 1;
        Files.write(flipped, bytes);
        try (EventFile f = EventFile.open(flipped)) {
            EventBlock b = f.readBlock(0, null);
            FormatException e = assertThrows(FormatException.class, () -> b.verify(Field.EventID));
            assertTrue(e.getMessage().contains("column EventID: CRC32C mismatch"), e.getMessage());
            b.verify(Field.Image); // all-absent: nothing stored, nothing to mismatch
        }
    }
}
