package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** madvise through FFM on ranges of a mapped event file: accepted by Linux, harmless, and the file reads the same. */
class MappedAdviceTest {
    @TempDir
    Path dir;

    @Test
    void linuxAcceptsEveryAdviceOnColumnRangesAndTheFileReadsTheSame() throws IOException {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "madvise is Linux's");
        assertTrue(MappedAdvice.available(), "madvise found through the native linker");
        List<EventRecord> in = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            in.add(new EventRecord().set(Field.CommandLine, "cmd /c echo " + i).set(Field.EventID, "1"));
        }
        Path p = dir.resolve("a.wsev");
        try (EventFileWriter w = EventFileWriter.create(p)) {
            for (EventRecord r : in) {
                w.append(r);
            }
        }
        try (EventFile f = EventFile.open(p)) {
            EventBlock b = null;
            for (int i = 0; i < f.blockCount(); i++) {
                b = f.readBlock(i, b);
                long at = b.columnFileOffset(Field.CommandLine);
                long bytes = b.columnBytes(Field.CommandLine);
                for (int advice : new int[] {MappedAdvice.POPULATE_READ, MappedAdvice.WILLNEED}) {
                    // Column regions start at 64-byte, not page, boundaries: the range is widened to pages.
                    assertTrue(MappedAdvice.advise(f, at, bytes, advice), "block " + i + " advice " + advice);
                }
                assertFalse(MappedAdvice.advise(f, at, 0, MappedAdvice.WILLNEED), "an empty range is not advised");
            }
            assertTrue(MappedAdvice.advise(f, f.fileSize() - 100, 1L << 40, MappedAdvice.WILLNEED),
                    "a range past the end is clamped to the mapping");
            assertEquals(in, EventFileTest.readAll(f));
        }
    }
}
