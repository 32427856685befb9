package dev.widescan.cli;

import dev.widescan.corpus.ExpectedSidecar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.widescan.cli.WidescanCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator and the fast scan agree: a generated archive with a few thousand seed-rule hits (and
 * filter cases that must not be reported), scanned through the CLI, gives exactly the records the
 * generator's sidecar lists; 1 thread and 2 threads give the same lines in the same order.
 */
class GeneratedArchiveScanTest {
    @TempDir
    static Path dir;
    static Path archive;
    static List<Long> expectedRecords;

    @BeforeAll
    static void generate() throws IOException {
        archive = dir.resolve("archive.wsev");
        assertEquals(0, cli("gen", "-o", archive.toString(), "--events", "60000", "--seed", "11", "--hit-rate", "0.05",
                "--expected-records"));
        expectedRecords = expected(ExpectedSidecar.pathFor(archive));
        assertTrue(expectedRecords.size() > 2000, "a few thousand hits: " + expectedRecords.size());
    }

    @Test
    void scanFindsExactlyTheGeneratedHitsWithOneAndTwoThreads() throws IOException {
        Path rule = Path.of("..", "corpus", "rules", "seed");
        Path one = dir.resolve("one.jsonl");
        Path two = dir.resolve("two.jsonl");
        assertEquals(0, cli("scan", "-r", rule.toString(), "--threads", "1", "--no-progress", "-o", one.toString(), archive.toString()));
        assertEquals(0, cli("scan", "-r", rule.toString(), "--threads", "2", "--no-progress", "-o", two.toString(), archive.toString()));
        assertEquals(expectedRecords, records(one));
        assertEquals(Files.readString(one), Files.readString(two));
    }

    private static int cli(String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return WidescanCli.commandLine().execute(args);
        } finally {
            System.setErr(old);
        }
    }

    /** The record numbers listed in the sidecar's "records" array, in order. */
    private static List<Long> expected(Path sidecar) throws IOException {
        List<Long> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(sidecar.toFile())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("record")) {
                    p.nextToken();
                    out.add(p.getLongValue());
                }
            }
        }
        return out;
    }

    private static List<Long> records(Path detections) throws IOException {
        List<Long> out = new ArrayList<>();
        JsonFactory f = new JsonFactory();
        for (String line : Files.readAllLines(detections, StandardCharsets.UTF_8)) {
            try (JsonParser p = f.createParser(line)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("record")) {
                        out.add(p.getLongValue());
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        return out;
    }
}
