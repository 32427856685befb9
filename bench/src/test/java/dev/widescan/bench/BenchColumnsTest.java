package dev.widescan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.format.Utf16Column;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -p data=PATH}: the user's column, record by record, dictionary blocks expanded, absent kept, capped. */
class BenchColumnsTest {
    @TempDir
    Path dir;

    @Test
    void aUsersEventFileGivesItsColumnInRecordOrder() throws IOException {
        SplittableRandom rnd = new SplittableRandom(9);
        List<String> commandLines = new ArrayList<>();
        List<String> images = new ArrayList<>();
        Path file = dir.resolve("user.wsev");
        try (EventFileWriter w = EventFileWriter.create(file, 128, true)) {
            for (int i = 0; i < 1000; i++) {
                String cl = rnd.nextInt(20) == 0 ? null : "cmd /c " + rnd.nextInt(1_000_000);
                String image = "C:\\img" + rnd.nextInt(3) + ".exe";
                commandLines.add(cl);
                images.add(image);
                w.append(new EventRecord().set(Field.CommandLine, cl).set(Field.Image, image));
            }
        }
        Utf16Column column = BenchColumns.fromEventFile(file, BenchColumns.dataField(""), Long.MAX_VALUE);
        assertEquals(1000, column.count());
        for (int i = 0; i < 1000; i++) {
            assertEquals(commandLines.get(i), column.valueAsString(i), "record " + i);
        }
        Utf16Column image = BenchColumns.fromEventFile(file, BenchColumns.dataField("Image"), Long.MAX_VALUE);
        for (int i = 0; i < 1000; i++) {
            assertEquals(images.get(i), image.valueAsString(i), "dictionary-encoded Image, record " + i);
        }
        Utf16Column capped = BenchColumns.fromEventFile(file, Field.Image, 100);
        assertTrue(capped.count() < 20 && capped.totalUnits() >= 100, "cap: " + capped.count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchColumns.dataField("Commandline"));
        assertTrue(e.getMessage().contains("CommandLine"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchColumns.fromEventFile(file, Field.Hashes, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("user.wsev") && e.getMessage().contains("Hashes"), e.getMessage());
    }
}
