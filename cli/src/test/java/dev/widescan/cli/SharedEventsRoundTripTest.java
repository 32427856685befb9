package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.ingest.JsonEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real event of ../shared/events: ingest -> dump -> ingest gives the same records (-Dwidescan.shared). */
@Tag("shared")
class SharedEventsRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Path> sharedFiles() throws IOException {
        String shared = System.getProperty("widescan.shared", "");
        if (shared.isBlank()) {
            return Stream.of((Path) null);
        }
        try (Stream<Path> s = Files.list(Path.of(shared, "events"))) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sharedFiles")
    void everyEventRoundTrips(Path jsonl) throws IOException {
        Assumptions.assumeTrue(jsonl != null, "set -Dwidescan.shared to run");
        long lines = Files.lines(jsonl).filter(l -> !l.isBlank()).count();
        List<EventRecord> direct = JsonEvents.parseAll(jsonl);
        assertEquals(lines, direct.size(), "every event of " + jsonl + " is a process creation");

        Path file = dir.resolve("a.wsev");
        var ingest = CliRun.run("ingest", "-o", file.toString(), jsonl.toString());
        assertEquals(0, ingest.code(), ingest.err());
        var dump = CliRun.run("dump", file.toString());
        assertEquals(0, dump.code(), dump.err());
        Path dumped = dir.resolve("dump.jsonl");
        Files.writeString(dumped, dump.out(), StandardCharsets.UTF_8);
        List<EventRecord> again = JsonEvents.parseAll(dumped);
        assertEquals(direct, again);
        for (EventRecord r : direct) {
            assertTrue(r.has(Field.EventID) && r.has(Field.Channel) && r.has(Field.Image), r.toString());
        }
    }
}
