package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventFile;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive maps a file only while its blocks are read ({@link Archive#mapped}, unmapped by the last
 * {@link Archive#blockDone}), so its file count is not bounded by the kernel's {@code vm.max_map_count};
 * only more files mapped at once than that limit is refused. The property stands in for a small limit.
 */
class ArchiveMappingTest {
    @TempDir
    Path dir;
    private String previous;

    @BeforeEach
    void smallLimit() {
        previous = System.getProperty(Archive.MAX_MAP_COUNT_PROPERTY);
        System.setProperty(Archive.MAX_MAP_COUNT_PROPERTY, String.valueOf(Archive.MAP_HEADROOM + 2)); // 2 files at once
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty(Archive.MAX_MAP_COUNT_PROPERTY);
        } else {
            System.setProperty(Archive.MAX_MAP_COUNT_PROPERTY, previous);
        }
    }

    private List<Path> files(int n) throws IOException {
        return files(n, 2, "day");
    }

    private List<Path> files(int n, int blocks, String name) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve(name + i + ".wsev");
            try (EventFileWriter w = EventFileWriter.create(p, 64)) { // 64 records a block
                for (int r = 0; r < 64 * blocks; r++) {
                    w.append(new EventRecord().set(Field.CommandLine, "cmd /c whoami " + i + " " + r).set(Field.EventID, "1"));
                }
            }
            paths.add(p);
        }
        return paths;
    }

    @Test
    void filesAreMappedWhileTheirBlocksAreReadAndNoMoreAtOnceThanTheLimit() throws IOException {
        try (Archive archive = Archive.open(files(4))) {
            assertEquals(8, archive.totalBlocks());
            for (int i = 0; i < 4; i++) {
                assertFalse(archive.file(i).isMapped(), "checked, indexed and unmapped when the archive opens");
                assertEquals(128, archive.file(i).recordCount());
            }
            EventFile first = archive.mapped(0);
            assertTrue(first.isMapped());
            assertSame(first, archive.mapped(0)); // mapped once
            assertEquals(64, first.readBlock(1, null).recordCount());
            archive.mapped(1);
            ArchiveLimitException third = assertThrows(ArchiveLimitException.class, () -> archive.mapped(2));
            assertTrue(third.getMessage().startsWith("more than 2 event files mapped at once") && third.getMessage().contains("vm.max_map_count"),
                    third.getMessage());
            assertFalse(archive.file(2).isMapped());
            archive.blockDone(0);
            assertTrue(first.isMapped(), "one of its blocks is still to be done");
            archive.blockDone(0);
            assertFalse(first.isMapped(), "unmapped after its last block");
            assertThrows(IllegalStateException.class, () -> archive.mapped(0)); // done: closed for good
            assertEquals(64, archive.mapped(2).readBlock(0, null).recordCount()); // its place is free again
        }
    }

    @Test
    void aFileReplacedAfterTheArchiveOpenedIsNamedWhenItsBlocksAreRead() throws IOException {
        List<Path> paths = files(3);
        try (Archive archive = Archive.open(paths)) {
            Path other = dir.resolve("other.wsev");
            try (EventFileWriter w = EventFileWriter.create(other, 64)) { // a file of another size at its path
                w.append(new EventRecord().set(Field.CommandLine, "cmd /c whoami").set(Field.EventID, "1"));
            }
            Files.move(other, paths.get(2), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            FormatException e = assertThrows(FormatException.class, () -> archive.mapped(2));
            assertTrue(e.getMessage().startsWith(paths.get(2) + ": the file changed while scanning"), e.getMessage());
            assertFalse(archive.file(2).isMapped());
            archive.mapped(0);
            archive.mapped(1); // within the limit of 2: the failed mapping did not count
            assertTrue(archive.file(0).isMapped() && archive.file(1).isMapped());
        }
    }

    /**
     * Work units: a file of at most {@link Archive#SMALL_FILE_BLOCKS} blocks is one unit, read whole by one
     * thread through a mapping confined to it (no other thread can read it, and unmapping it stops none);
     * a larger file is one unit a block, shared. Units keep block order, which the sorted output relies on.
     */
    @Test
    void smallFilesAreUnitsOfTheirOwnReadThroughAConfinedMapping() throws Exception {
        List<Path> paths = new ArrayList<>(files(1, Archive.SMALL_FILE_BLOCKS, "small"));
        paths.addAll(files(1, Archive.SMALL_FILE_BLOCKS + 1, "large"));
        paths.addAll(files(1, 1, "tiny"));
        try (Archive archive = Archive.open(paths)) {
            int small = Archive.SMALL_FILE_BLOCKS;
            assertEquals(1 + (small + 1) + 1, archive.unitCount());
            assertEquals(0, archive.unitStart(0));
            assertTrue(archive.isWholeFile(0));
            for (int u = 1; u <= small + 1; u++) {
                assertEquals(small + u - 1, archive.unitStart(u));
                assertFalse(archive.isWholeFile(u));
            }
            assertTrue(archive.isWholeFile(small + 2));
            assertEquals(archive.totalBlocks(), archive.unitStart(archive.unitCount()));

            EventFile first = archive.mappedConfined(0);
            assertEquals(64, first.readBlock(0, null).recordCount());
            Thread other = new Thread(() -> assertThrows(WrongThreadException.class, () -> first.readBlock(1, null).column(Field.CommandLine).plain().units().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0)));
            java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
            other.setUncaughtExceptionHandler((t, e) -> failed.set(e));
            other.start();
            other.join();
            assertEquals(null, failed.get(), "the confined mapping is this thread's alone");
            for (int b = 0; b < small; b++) {
                archive.blockDone(0);
            }
            assertFalse(first.isMapped(), "unmapped by this thread at its last block");
        }
    }
}
