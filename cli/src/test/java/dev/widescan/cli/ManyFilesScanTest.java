package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventFile;
import dev.widescan.scan.Archive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive of small and large files: each small file (at most {@link Archive#SMALL_FILE_BLOCKS} blocks) is
 * scanned whole by one thread through a mapping of its own, each large one block by block by all threads.
 * Whatever the thread count, and under a limit of two files mapped at once, the scan gives exactly the
 * detections of the files scanned one by one, in the same order (file, then record).
 */
class ManyFilesScanTest {
    @TempDir
    Path dir;

    @Test
    void smallAndLargeFilesGiveTheSameDetectionsInTheSameOrderAtAnyThreadCount() throws IOException {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Path rules = Path.of("..", "corpus", "rules", "seed");
        gen(archive.resolve("a-large.wsev"), 30_000, 1);
        for (int i = 0; i < 9; i++) {
            gen(archive.resolve("b-small" + i + ".wsev"), 300 + 700 * i, 2 + i);
        }
        gen(archive.resolve("c-large.wsev"), 25_000, 20);
        int large = 0;
        int small = 0;
        long expected = 0;
        try (var files = Files.list(archive)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".wsev")).sorted().toList()) {
                try (EventFile f = EventFile.open(p)) {
                    if (f.blockCount() > Archive.SMALL_FILE_BLOCKS) {
                        large++;
                    } else {
                        small++;
                    }
                }
                CliRun alone = CliRun.run("scan", "-r", rules.toString(), "--no-progress", "--threads", "1", p.toString());
                assertEquals(ExitCodes.OK, alone.code(), alone.err());
                expected += alone.out().lines().count();
            }
        }
        assertEquals(2, large, "two files of more than " + Archive.SMALL_FILE_BLOCKS + " blocks");
        assertEquals(9, small);
        assertTrue(expected > 20, "the seed rule fires in every file: " + expected);
        byte[] reference = null;
        for (String limit : new String[] {null, String.valueOf(Archive.MAP_HEADROOM + 2)}) {
            String previous = System.getProperty(Archive.MAX_MAP_COUNT_PROPERTY);
            if (limit != null) {
                System.setProperty(Archive.MAX_MAP_COUNT_PROPERTY, limit);
            }
            try {
                for (String threads : new String[] {"1", "2", "3"}) {
                    if (limit != null && threads.equals("3")) {
                        continue; // three threads may hold three files
                    }
                    CliRun r = CliRun.run("scan", "-r", rules.toString(), "--no-progress", "--sorted", "--threads", threads, archive.toString());
                    assertEquals(ExitCodes.OK, r.code(), threads + " threads, limit " + limit + ": " + r.err());
                    assertEquals(expected, r.out().lines().count(), r.err());
                    if (reference == null) {
                        reference = r.stdout();
                    } else {
                        assertArrayEquals(reference, r.stdout(), threads + " threads, limit " + limit + ": the same lines in the same order");
                    }
                }
            } finally {
                if (previous == null) {
                    System.clearProperty(Archive.MAX_MAP_COUNT_PROPERTY);
                } else {
                    System.setProperty(Archive.MAX_MAP_COUNT_PROPERTY, previous);
                }
            }
        }
    }

    private static void gen(Path out, int events, int seed) {
        CliRun r = CliRun.run("gen", "-o", out.toString(), "--events", String.valueOf(events), "--seed", String.valueOf(seed),
                "--hit-rate", "0.01");
        assertEquals(ExitCodes.OK, r.code(), r.err());
    }
}
