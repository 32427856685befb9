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

    /**
     * Records drawn from a small pool (absent, empty, surrogates included), so that columns repeat and
     * are dictionary-encoded: both layouts read back the very same records, absent still distinct from
     * empty, and the dictionary layout is actually used.
     */
    @Property(tries = 25)
    void repetitiveRecordsRoundTripInBothLayouts(@ForAll("pools") List<EventRecord> pool,
                                                  @ForAll("picks") List<Integer> picks) throws IOException {
        List<EventRecord> records = new java.util.ArrayList<>(picks.size());
        for (int pick : picks) {
            records.add(pool.get(pick % pool.size()));
        }
        Path dir = Files.createTempDirectory("wsev-dict");
        Path dict = dir.resolve("d.wsev");
        Path plain = dir.resolve("p.wsev");
        try {
            write(dict, records, true);
            write(plain, records, false);
            try (EventFile d = EventFile.open(dict); EventFile p = EventFile.open(plain)) {
                assertEquals(records, EventFileTest.readAll(d));
                assertEquals(records, EventFileTest.readAll(p));
                int dictionaryColumns = 0;
                int plainDictionaryColumns = 0;
                EventBlock db = null;
                EventBlock pb = null;
                for (int b = 0; b < d.blockCount(); b++) {
                    db = d.readBlock(b, db);
                    pb = p.readBlock(b, pb);
                    for (Field f : Field.values()) {
                        // A pool of one record makes every column constant (format v3), not dictionary-encoded.
                        dictionaryColumns += db.columnKind(f) != ColumnKind.PLAIN ? 1 : 0;
                        plainDictionaryColumns += pb.columnKind(f) != ColumnKind.PLAIN ? 1 : 0;
                    }
                }
                assertEquals(0, plainDictionaryColumns);
                if (records.size() >= 1_000 && someFieldIsLongInEveryRecord(pool)) {
                    // At least 4 units (8 bytes + a 4-byte offset) per value against a 4-byte code: under half.
                    org.junit.jupiter.api.Assertions.assertTrue(dictionaryColumns > 0, "a pool of " + pool.size() + " records repeated");
                }
            }
        } finally {
            Files.deleteIfExists(dict);
            Files.deleteIfExists(plain);
            Files.delete(dir);
        }
    }

    private static boolean someFieldIsLongInEveryRecord(List<EventRecord> pool) {
        for (Field f : Field.values()) {
            boolean long4 = true;
            for (EventRecord r : pool) {
                long4 &= r.get(f) != null && r.get(f).length() >= 4;
            }
            if (long4) {
                return true;
            }
        }
        return false;
    }

    private static void write(Path file, List<EventRecord> records, boolean dictionaries) throws IOException {
        try (EventFileWriter w = EventFileWriter.create(file, 4096, dictionaries)) {
            for (EventRecord r : records) {
                w.append(r);
            }
        }
    }

    @Provide
    Arbitrary<List<EventRecord>> pools() {
        return records().list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Integer>> picks() {
        return Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(5_000);
    }

    @Provide
    Arbitrary<List<EventRecord>> recordLists() {
        Arbitrary<List<EventRecord>> small = records().list().ofMaxSize(50);
        Arbitrary<List<EventRecord>> crossingBlocks = Combinators.combine(records(), Arbitraries.integers().between(4090, 4200))
                .as((r, n) -> java.util.Collections.nCopies(n, r));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, small), net.jqwik.api.Tuple.of(1, crossingBlocks));
    }
}
