package dev.widescan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.widescan.format.EventFileWriter;
import dev.widescan.ingest.EventJson;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.ingest.JsonEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real data (-Dwidescan.shared): the whole SigmaHQ catalog (every rules* folder, unsupported rules
 * skipped as the CLI skips them) over the real events of ../shared/events, ingested into event files
 * of small blocks so that each spreads over several partitions, gives through Spark on local[2]
 * exactly the engine's detections; and the events read through the source are {@code widescan dump}'s.
 */
@Tag("shared")
class SharedCatalogSparkTest {
    static final List<String> RULE_FOLDERS = List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "rules-placeholder");
    static final int BLOCK_RECORDS = 256;

    @TempDir
    static Path dir;
    static Path shared;
    static List<Path> files = new ArrayList<>();
    static SparkSession spark;

    @BeforeAll
    static void setUp() throws IOException {
        String s = System.getProperty("widescan.shared", "");
        assumeTrue(!s.isBlank(), "set -Dwidescan.shared=/path/to/shared to run real-data tests");
        shared = Path.of(s);
        for (String name : List.of("otrf_security_datasets_process_creation", "sigmahq_regression_process_creation")) {
            Path out = dir.resolve(name + ".wsev");
            try (EventFileWriter w = EventFileWriter.create(out, BLOCK_RECORDS)) {
                for (EventRecord r : JsonEvents.parseAll(shared.resolve("events").resolve(name + ".jsonl"))) {
                    w.append(r);
                }
            }
            files.add(out);
        }
        spark = SparkTestSupport.session(256 * 1024);
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void wholeCatalogDetectionsEqualTheEngineScanOnRealEvents() {
        List<Path> rules = RULE_FOLDERS.stream().map(f -> shared.resolve("sigma").resolve(f)).toList();
        List<String> expected = SparkTestSupport.engineDetections(rules, true, files);
        assertTrue(expected.size() > 100, "the catalog detects in the real events: " + expected.size());
        List<String> ruleNames = rules.stream().map(Path::toString).toList();
        var detections = spark.read().format("widescan")
                .option("rules", String.join(",", ruleNames))
                .option("skip-unsupported", true)
                .load(files.stream().map(Path::toString).toArray(String[]::new));
        int partitions = detections.rdd().getNumPartitions();
        assertTrue(partitions >= 4, "the OTRF file spreads over several partitions: " + partitions);
        assertEquals(expected, SparkTestSupport.sparkDetections(detections));
        System.out.println("SigmaHQ catalog on Spark local[2]: " + expected.size() + " detections in " + partitions
                + " partitions, identical to the engine's scan");
    }

    @Test
    void realEventsReadThroughTheSourceEqualDump() throws IOException {
        for (Path f : files) {
            List<Row> rows = new ArrayList<>(spark.read().format("widescan").load(f.toString()).collectAsList());
            rows.sort(Comparator.comparingLong(r -> r.getLong(r.fieldIndex("record"))));
            List<String> dumped = SparkTestSupport.dump(f);
            assertEquals(dumped.size(), rows.size(), f + " records");
            EventRecord e = new EventRecord();
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                e.clear();
                for (Field field : Field.values()) {
                    e.set(field, row.getString(row.fieldIndex(field.name())));
                }
                // dump's JsonGenerator puts its root-value separator (a space) before every line after the first.
                assertEquals(dumped.get(i).stripLeading(), EventJson.toJson(e), f + " record " + i);
            }
            assertTrue(Files.size(f) > 0);
        }
    }
}
