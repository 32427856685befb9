package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version 2 readers take version 1 files (a v1 file is a v2 file without dictionary columns), and a file
 * that claims version 1 but holds a dictionary column is refused, naming the column: made here by
 * rewriting the version field of files the current writer produced and re-sealing their CRCs.
 */
class FormatVersionTest {
    @TempDir
    Path dir;

    private static List<EventRecord> records() {
        List<EventRecord> in = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            in.add(new EventRecord().set(Field.CommandLine, "cmd /c echo " + i)
                    .set(Field.Image, i % 2 == 0 ? "C:\\Windows\\System32\\cmd.exe" : null)
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
    private static void relabel(Path p, int major) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MemorySegment file = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), Arena.ofAuto());
            file.set(FileLayout.U16, 8, (short) major);
            int at = EventFileWriter.headerCrcOffset();
            int headerCrc = FileLayout.crc32c(file, 0, at);
            file.set(FileLayout.U32, at, headerCrc);
            long t = file.byteSize() - FileLayout.TRAILER_BYTES;
            file.set(FileLayout.U32, t + 28, headerCrc);
            file.set(FileLayout.U32, t + FileLayout.TRAILER_CRC_AT, FileLayout.crc32c(file, t, FileLayout.TRAILER_CRC_AT));
        }
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
}
