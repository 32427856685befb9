package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version 3 readers take version 1 and 2 files (a v1 file is a v2 file without dictionary columns, a v2
 * file a v3 file without constant and all-absent ones): files written by the v1 and v2 writers themselves
 * (golden files in the test resources, made by the code of commits 525f708^ and f1022cb from
 * {@link #goldenRecords()}), and files the current writer labels 1 or 2 because it was told to use only
 * their column kinds. A file that claims an older version but holds a newer kind is refused, naming the
 * column: made by rewriting the version field and re-sealing the CRCs.
 */
class FormatVersionTest {
    @TempDir
    Path dir;

    private static List<EventRecord> records() {
        List<EventRecord> in = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            in.add(new EventRecord().set(Field.CommandLine, "cmd /c echo " + i)
                    .set(Field.Image, i % 2 == 0 ? (i % 3 == 0 ? "C:\\Windows\\System32\\cmd.exe" : "C:\\x.exe") : null)
                    .set(Field.User, i % 3 == 0 ? "" : "NT AUTHORITY\\SYSTEM"));
        }
        return in;
    }

    private Path write(String name, List<EventRecord> records, boolean dictionaries) throws IOException {
        Path p = dir.resolve(name);
        try (EventFileWriter w = EventFileWriter.create(p, 4096, dictionaries)) {
            for (EventRecord r : records) {
                w.append(r);
            }
        }
        return p;
    }

    /** Sets the major version and re-seals the header CRC, its copy in the trailer and the trailer CRC. */
    static void relabel(Path p, int major) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MemorySegment file = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), Arena.ofAuto());
            file.set(FileLayout.U16, FileLayout.HEADER_MAJOR_VERSION_OFFSET, (short) major);
            sealHeader(file, EventFileWriter.headerCrcOffset());
        }
    }

    /**
     * After a test rewrote header bytes: the header's CRC (stored at {@code headerCrcAt}, right after the column
     * names), the trailer's copy of it and the trailer's own CRC made to match again.
     */
    static void sealHeader(MemorySegment file, long headerCrcAt) {
        int headerCrc = FileLayout.crc32c(file, 0, headerCrcAt);
        file.set(FileLayout.U32, headerCrcAt, headerCrc);
        long t = file.byteSize() - FileLayout.TRAILER_BYTES;
        file.set(FileLayout.U32, t + FileLayout.TRAILER_HEADER_CRC_OFFSET, headerCrc);
        file.set(FileLayout.U32, t + FileLayout.TRAILER_CRC_OFFSET, FileLayout.crc32c(file, t, FileLayout.TRAILER_CRC_OFFSET));
    }

    @Test
    void aVersionOneFileReadsBackUnchanged() throws IOException {
        List<EventRecord> in = records();
        Path p = write("v1.wsev", in, false);
        relabel(p, 1);
        try (EventFile f = EventFile.open(p)) {
            assertEquals(1, f.majorVersion());
            assertEquals(in, EventFileTest.readAll(f));
        }
    }

    @Test
    void aVersionOneFileWithADictionaryColumnIsRefused() throws IOException {
        Path p = write("v1dict.wsev", records(), true);
        try (EventFile f = EventFile.open(p)) {
            assertTrue(f.readBlock(0, null).isDictionaryEncoded(Field.Image), "the test needs a dictionary column");
        }
        relabel(p, 1);
        try (EventFile f = EventFile.open(p)) {
            FormatException e = assertThrows(FormatException.class, () -> f.readBlock(0, null));
            assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("block 0")
                    && e.getMessage().contains("column Image is dictionary-encoded, which format version 1 does not have"),
                    e.getMessage());
        }
    }

    /** The records of the golden files (the generator that wrote them had this exact copy). */
    static List<EventRecord> goldenRecords() {
        List<EventRecord> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(20261129L);
        String[] images = {"C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
            "C:\\Program Files\\x\u00e9\\y.exe"};
        for (int i = 0; i < 300; i++) {
            EventRecord r = new EventRecord();
            r.set(Field.CommandLine, "cmd /c echo " + i + " " + Long.toHexString(rnd.nextLong()));
            r.set(Field.Image, rnd.nextInt(5) == 0 ? null : images[rnd.nextInt(images.length)]);
            r.set(Field.User, i % 3 == 0 ? "" : "NT AUTHORITY\\SYSTEM");
            r.set(Field.EventID, "1");
            r.set(Field.Channel, i < 150 ? null : "Microsoft-Windows-Sysmon/Operational");
            r.set(Field.Description, i % 7 == 0 ? "" : null);
            r.set(Field.Computer, i % 2 == 0 ? "" : "\ud83d\ude00host\ud800");
            out.add(r);
        }
        return out;
    }

    private Path golden(int version) throws IOException {
        Path p = dir.resolve("golden-v" + version + ".wsev");
        try (InputStream in = FormatVersionTest.class.getResourceAsStream("golden-v" + version + ".wsev")) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void filesWrittenByTheVersionOneAndTwoWritersReadBackUnchanged() throws IOException {
        List<EventRecord> expected = goldenRecords();
        for (int version = 1; version <= 2; version++) {
            try (EventFile f = EventFile.open(golden(version))) {
                assertEquals(version, f.majorVersion());
                assertEquals(3, f.blockCount(), "128 records a block");
                assertEquals(expected, EventFileTest.readAll(f), "golden v" + version);
                EventBlock b = f.readBlock(1, null);
                b.verifyAll();
                assertEquals(version == 2 ? ColumnKind.DICTIONARY : ColumnKind.PLAIN, b.columnKind(Field.User), "v" + version);
                assertEquals(ColumnKind.PLAIN, b.columnKind(Field.CommandLine), "v" + version);
            }
        }
    }

    @Test
    void theCurrentWriterLabelsItsFileWithTheOldestVersionThatHasItsKinds() throws IOException {
        List<EventRecord> in = goldenRecords();
        for (ColumnEncodings enc : ColumnEncodings.values()) {
            Path p = dir.resolve(enc + ".wsev");
            try (EventFileWriter w = EventFileWriter.create(p, 128, enc)) {
                for (EventRecord r : in) {
                    w.append(r);
                }
            }
            try (EventFile f = EventFile.open(p)) {
                assertEquals(enc.majorVersion(), f.majorVersion(), enc.toString());
                assertEquals(in, EventFileTest.readAll(f), enc.toString());
                if (enc == ColumnEncodings.COMPACT) {
                    EventBlock b = f.readBlock(0, null);
                    assertEquals(ColumnKind.CONSTANT, b.columnKind(Field.EventID));
                    assertEquals(ColumnKind.ABSENT, b.columnKind(Field.Channel), "block 0 holds records 0-127");
                    assertEquals(ColumnKind.ABSENT, b.columnKind(Field.ProcessGuid));
                    assertEquals(ColumnKind.CONSTANT, b.columnKind(Field.Description), "empty or absent");
                }
            }
            if (enc != ColumnEncodings.COMPACT) {
                assertArrayEquals(Files.readAllBytes(golden(enc.majorVersion())), Files.readAllBytes(p),
                        enc + ": the same bytes as the version " + enc.majorVersion() + " writer");
            }
        }
        assertTrue(Files.size(dir.resolve("COMPACT.wsev")) < Files.size(dir.resolve("DICTIONARY.wsev")));
    }
}
