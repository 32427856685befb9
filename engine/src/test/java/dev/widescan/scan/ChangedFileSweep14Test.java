package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QA session 14 (docs/QA-BAD-INPUT.md): files changed between the scan's open and its read of them, through
 * {@link Archive#mapped} and {@link Archive#mappedConfined} (read into memory when small, mapped when large).
 */
class ChangedFileSweep14Test {
    @TempDir
    Path dir;

    private Path file(String name, int records) throws IOException {
        Path p = dir.resolve(name);
        try (EventFileWriter w = EventFileWriter.create(p, 64)) {
            for (int r = 0; r < records; r++) {
                w.append(new EventRecord().set(Field.CommandLine, "cmd /c whoami " + r).set(Field.EventID, "1"));
            }
        }
        return p;
    }

    /** A FIFO put where an opened file was: opening it waited for a writer for ever, and the scan hung. */
    @Test
    void aFileReplacedByAFifoIsNamedAsChangedWithoutWaiting() throws Exception {
        Path p = file("a.wsev", 10);
        try (Archive archive = Archive.open(List.of(p))) {
            Files.delete(p);
            Process mkfifo = new ProcessBuilder("mkfifo", p.toString()).start();
            assertTrue(mkfifo.waitFor() == 0, "mkfifo");
            for (boolean confined : new boolean[] {true, false}) {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                Thread t = Thread.ofPlatform().daemon().start(() -> {
                    try {
                        if (confined) {
                            archive.mappedConfined(0);
                        } else {
                            archive.mapped(0);
                        }
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                });
                t.join(10_000);
                if (t.isAlive()) {
                    Files.write(p, new byte[0], StandardOpenOption.WRITE); // a writer: lets the stuck open return
                    t.join(10_000);
                    fail("opening the FIFO waited for a writer");
                }
                assertTrue(thrown.get() instanceof FormatException, String.valueOf(thrown.get()));
                assertTrue(thrown.get().getMessage().startsWith(p + ": the file changed while scanning (it is now a device, FIFO or socket"),
                        thrown.get().getMessage());
            }
        }
    }

    @Test
    void aFileReplacedByAFolderIsNamedAsSuch() throws Exception {
        Path p = file("a.wsev", 10);
        try (Archive archive = Archive.open(List.of(p))) {
            Files.delete(p);
            Files.createDirectory(p);
            FormatException e = assertThrows(FormatException.class, () -> archive.mappedConfined(0));
            assertTrue(e.getMessage().startsWith(p + ": the file changed while scanning (it is now a folder"), e.getMessage());
            assertFalse(archive.file(0).isMapped());
        }
    }
}
