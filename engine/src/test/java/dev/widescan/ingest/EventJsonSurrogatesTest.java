package dev.widescan.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Every UTF-16 surrogate unit is written as its own backslash-u escape, lower-case hex, paired or not
 * (the escapes are made on first use and cached, shared by every thread): each of the 2,048 units against
 * the escape written out here, first from several threads at once, then again from the cache.
 */
class EventJsonSurrogatesTest {
    @Test
    void everySurrogateUnitIsEscapedByItself() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(EventJsonSurrogatesTest::checkAll));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        checkAll();
    }

    @Test
    void pairsAndTextAroundThem() {
        assertEquals("{\"CommandLine\":\"a\\ud83d\\ude00b \\udfff\\ud800\"}",
                EventJson.toJson(new EventRecord().set(Field.CommandLine, "a\ud83d\ude00b \udfff\ud800")));
    }

    private static void checkAll() {
        for (int c = 0xD800; c < 0xE000; c++) {
            String json = EventJson.toJson(new EventRecord().set(Field.CommandLine, "x" + (char) c));
            assertEquals("{\"CommandLine\":\"x\\u" + String.format(Locale.ROOT, "%04x", c) + "\"}", json);
        }
    }
}
