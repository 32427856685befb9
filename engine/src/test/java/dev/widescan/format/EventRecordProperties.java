package dev.widescan.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.widescan.testkit.SeededProperty;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random records (any UTF-16 code units, absent and empty values) survive writer and reader unchanged. */
class EventRecordProperties {

    /** A value: absent, empty, any UTF-16 units, surrogate-heavy, or long (weights 3:2:6:3:1). */
    static String value(SplittableRandom r) {
        int pick = r.nextInt(15);
        if (pick < 3) {
            return null;
        }
        if (pick < 5) {
            return "";
        }
        if (pick < 11) {
            return units(r, r.nextInt(41), Character.MIN_VALUE, Character.MAX_VALUE);
        }
        if (pick < 14) {
            return units(r, r.nextInt(13), '\uD7F0', '\uE010');
        }
        return units(r, r.nextInt(500, 3_001), ' ', '\uFFFD');
    }

    private static String units(SplittableRandom r, int length, char from, char to) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) r.nextInt(from, to + 1));
        }
        return sb.toString();
    }

    static EventRecord record(SplittableRandom r) {
        EventRecord record = new EventRecord();
        for (int i = 0; i < Field.count(); i++) {
            record.set(Field.ofOrdinal(i), value(r));
        }
        return record;
    }

    /** Mostly small lists; one in ten a single record repeated across a block boundary (4,090..4,200). */
    static List<EventRecord> recordList(SplittableRandom r) {
        if (r.nextInt(10) == 0) {
            return java.util.Collections.nCopies(r.nextInt(4090, 4201), record(r));
        }
        List<EventRecord> out = new java.util.ArrayList<>();
        for (int i = r.nextInt(51); i > 0; i--) {
            out.add(record(r));
        }
        return out;
    }

    @Test
    void randomRecordsRoundTrip() {
        SeededProperty.forAll(60, r -> randomRecordsRoundTripCase(recordList(r)));
    }

    private void randomRecordsRoundTripCase(List<EventRecord> records) throws IOException {
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
    @Test
    void repetitiveRecordsRoundTripInBothLayouts() {
        SeededProperty.forAll(25, r -> {
            List<EventRecord> pool = new java.util.ArrayList<>();
            for (int i = r.nextInt(1, 7); i > 0; i--) {
                pool.add(record(r));
            }
            List<Integer> picks = new java.util.ArrayList<>();
            for (int i = r.nextInt(1, 5_001); i > 0; i--) {
                picks.add(r.nextInt(1001));
            }
            repetitiveRecordsRoundTripCase(pool, picks);
        });
    }

    private void repetitiveRecordsRoundTripCase(List<EventRecord> pool, List<Integer> picks) throws IOException {
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
}
