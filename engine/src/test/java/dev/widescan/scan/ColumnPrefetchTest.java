package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every madvise mode runs over every block (the last one has no next block to advise) and changes no value read. */
class ColumnPrefetchTest {
    @TempDir
    Path dir;

    @Test
    void everyModeAdvisesEveryBlockAndTheValuesReadTheSame() throws IOException {
        Path p = dir.resolve("a.wsev");
        List<String> expected = new ArrayList<>();
        try (EventFileWriter w = EventFileWriter.create(p, 64)) {
            for (int i = 0; i < 1_000; i++) {
                String cmd = "cmd /c echo " + i;
                expected.add(cmd);
                w.append(new EventRecord().set(Field.CommandLine, cmd).set(Field.EventID, "1"));
            }
        }
        for (ColumnPrefetch.Mode mode : ColumnPrefetch.Mode.values()) {
            ColumnPrefetch prefetch = new ColumnPrefetch(new Field[] {Field.CommandLine, Field.EventID, Field.Image}, mode);
            List<String> read = new ArrayList<>();
            try (EventFile f = EventFile.open(p)) {
                assertTrue(f.blockCount() > 10, "blocks: " + f.blockCount());
                EventBlock b = null;
                for (int i = 0; i < f.blockCount(); i++) {
                    b = f.readBlock(i, b);
                    prefetch.beforeScan(f, b);
                    for (int r = 0; r < b.recordCount(); r++) {
                        read.add(b.column(Field.CommandLine).valueAsString(r));
                    }
                }
            }
            assertEquals(expected, read, mode.toString());
        }
        assertEquals(ColumnPrefetch.Mode.POPULATE, ColumnPrefetch.mode("Populate"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnPrefetch.mode("huge"));
        assertTrue(e.getMessage().contains("widescan.scan.madvise must be none, populate or willneed: huge"), e.getMessage());
    }
}
