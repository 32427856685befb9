package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random records (any UTF-16 code units, absent and empty values) survive writer and reader unchanged. */
class EventRecordProperties {

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> anyUnits = Arbitraries.chars().all().list().ofMaxSize(40).map(cs -> {
            StringBuilder sb = new StringBuilder(cs.size());
            cs.forEach(sb::append);
            return sb.toString();
        });
        Arbitrary<String> surrogateHeavy = Arbitraries.chars().range('\uD7F0', '\uE010').list().ofMaxSize(12).map(cs -> {
            StringBuilder sb = new StringBuilder();
            cs.forEach(sb::append);
            return sb.toString();
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just((String) null)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(6, anyUnits),
                net.jqwik.api.Tuple.of(3, surrogateHeavy),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMinLength(500).ofMaxLength(3_000)));
    }

    @Provide
    Arbitrary<EventRecord> records() {
        return values().list().ofSize(Field.count()).map(vs -> {
            EventRecord r = new EventRecord();
            for (int i = 0; i < vs.size(); i++) {
                r.set(Field.ofOrdinal(i), vs.get(i));
            }
            return r;
        });
    }

    @Property(tries = 60)
    void randomRecordsRoundTrip(@ForAll("recordLists") List<EventRecord> records) throws IOException {
        Path dir = Files.createTempDirectory("wsev-prop");
        Path file = dir.resolve("p.wsev");
        try {
            EventFileTest.write(file, records);
            try (EventFile f = EventFile.open(file)) {
                assertEquals(records, EventFileTest.readAll(f));
            }
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    @Provide
    Arbitrary<List<EventRecord>> recordLists() {
        Arbitrary<List<EventRecord>> small = records().list().ofMaxSize(50);
        Arbitrary<List<EventRecord>> crossingBlocks = Combinators.combine(records(), Arbitraries.integers().between(4090, 4200))
                .as((r, n) -> java.util.Collections.nCopies(n, r));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, small), net.jqwik.api.Tuple.of(1, crossingBlocks));
    }
}
