package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A file past 4 GiB (long offsets everywhere, one FFM mapping) written and read back at its last record.
 * Long values keep the record count small so that it is written at disk speed: 28-37 s on the shared
 * 2-core VM, hence tagged "large": the README's test command ({@code mvn verify}) leaves it out, CI runs
 * it ({@code .ci/run}: {@code mvn -pl engine test -Dgroups=large -Dwidescan.test.excludedGroups=none}).
 */
@Tag("large")
class LargeFileTest {
    private static final long FOUR_GIB = 4L << 30;

    @Test
    void fileLargerThanFourGibReadsBackItsLastRecord() throws IOException {
        Path dir = Files.createTempDirectory("wsev-large");
        Path file = dir.resolve("large.wsev");
        String big = "L".repeat(1 << 20); // 2 MiB of UTF-16 per record, one record per block
        int records = 2_100;
        try {
            try (EventFileWriter w = EventFileWriter.create(file)) {
                EventRecord r = new EventRecord().set(Field.CommandLine, big);
                for (int i = 0; i < records; i++) {
                    w.append(r.set(Field.Image, "image-" + i));
                }
            }
            assertTrue(Files.size(file) > FOUR_GIB + (64 << 20), "file is " + Files.size(file) + " bytes");
            try (EventFile f = EventFile.open(file)) {
                assertEquals(records, f.recordCount());
                int last = f.blockOfRecord(records - 1L);
                assertTrue(f.blockOffset(last) > FOUR_GIB, "last block starts past 4 GiB");
                EventBlock b = f.readBlock(last, null);
                b.verifyAll();
                EventRecord r = new EventRecord();
                b.readRecord((int) (records - 1 - b.firstRecord()), r);
                assertEquals("image-" + (records - 1), r.get(Field.Image));
                assertEquals(big, r.get(Field.CommandLine));
                assertEquals(0, b.column(Field.CommandLine).units().address() % 64);
                EventBlock mid = f.readBlock(f.blockOfRecord(1_050), b);
                mid.readRecord((int) (1_050 - mid.firstRecord()), r);
                assertEquals("image-1050", r.get(Field.Image));
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
