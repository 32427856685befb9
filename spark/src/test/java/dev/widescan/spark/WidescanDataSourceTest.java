package dev.widescan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.ingest.EventJson;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data source on local[2] against the engine itself: two generated archives (small blocks, so each
 * file is cut into several partitions) give through Spark exactly the detections of the engine's
 * Scanner (file, record, rule), mapped or copied as from a remote file system; the events read through
 * the source are {@code widescan dump}'s lines; pruned columns are not even read; a corrupt block fails
 * the query with the engine's message naming file and block.
 */
class WidescanDataSourceTest {
    @TempDir
    static Path dir;
    static Path first;
    static Path second;
    static SparkSession spark;

    @BeforeAll
    static void setUp() throws IOException {
        first = generate("first.wsev", 9_000, 3);
        second = generate("second.wsev", 6_000, 4);
        spark = SparkTestSupport.session(1024 * 1024);
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    static Path generate(String name, long events, long seed) throws IOException {
        return WidescanDataSourceTestFiles.generate(dir.resolve(name), events, seed);
    }

    private Dataset<Row> detections(boolean mapLocal, Path... files) {
        List<String> paths = new ArrayList<>();
        for (Path f : files) {
            paths.add(f.toString());
        }
        return spark.read().format("widescan")
                .option("rules", SparkTestSupport.seedRules().toString())
                .option("map-local", mapLocal)
                .load(paths.toArray(new String[0]));
    }

    @Test
    void eachFileIsCutIntoSeveralBlockRangePartitions() {
        int partitions = spark.read().format("widescan").load(first.toString(), second.toString()).rdd().getNumPartitions();
        assertTrue(partitions >= 6, "two files of 24 and 16 blocks over 1 MiB partitions: " + partitions + " partitions");
    }

    @Test
    void theDetectionPlanHasNoShuffle() {
        String plan = detections(true, first, second).select("file", "record", "rule_id").queryExecution().executedPlan().toString();
        assertTrue(plan.contains("BatchScan") && !plan.contains("Exchange"), plan);
    }

    @Test
    void seedRuleDetectionsEqualTheEngineScanOverTwoFiles() {
        List<String> expected = SparkTestSupport.engineDetections(List.of(SparkTestSupport.seedRules()), false, List.of(first, second));
        assertTrue(expected.size() > 200, "the generated files hold hits: " + expected.size());
        assertEquals(expected, SparkTestSupport.sparkDetections(detections(true, first, second)));
    }

    @Test
    void placeholderValuesReachTheExecutorsAndAMissingOneFailsOnTheDriver() throws IOException {
        Path rule = dir.resolve("placeholder-rule.yml");
        java.nio.file.Files.writeString(rule, """
                title: an API named by a placeholder
                id: 8d1f5c2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        CommandLine|contains|expand: '%api%'
                    condition: selection
                """);
        List<String> expected = SparkTestSupport.engineDetections(List.of(rule), false,
                java.util.Map.of("api", List.of("VirtualAlloc", "kernel32")), List.of(first));
        assertTrue(expected.size() > 10, "the generated file holds hits: " + expected.size());
        Dataset<Row> withValues = spark.read().format("widescan").option("rules", rule.toString())
                .option("placeholders", "[\"api=VirtualAlloc\", \"api=kernel32\"]").load(first.toString());
        assertEquals(expected, SparkTestSupport.sparkDetections(withValues));
        Exception missing = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> spark.read().format("widescan").option("rules", rule.toString()).load(first.toString()).count());
        assertTrue(String.valueOf(missing.getMessage()).contains("placeholder %api% has no value"), String.valueOf(missing.getMessage()));
        Exception malformed = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> spark.read().format("widescan").option("rules", rule.toString()).option("placeholders", "[\"api\"]")
                        .load(first.toString()).count());
        assertTrue(String.valueOf(malformed.getMessage()).contains("placeholder 'api': expected NAME=VALUE"), String.valueOf(malformed.getMessage()));
    }

    @Test
    void copiedBlockRangesGiveTheSameDetectionsAsMappedFiles() {
        List<String> expected = SparkTestSupport.engineDetections(List.of(SparkTestSupport.seedRules()), false, List.of(first, second));
        assertEquals(expected, SparkTestSupport.sparkDetections(detections(false, first, second)));
    }

    @Test
    void detectionRowsCarryTheRuleAndTheDetectedEvent() throws IOException {
        Row r = detections(true, first).orderBy("record").first();
        assertEquals("ba3f5c1b-6272-4119-9dbd-0bc8d21c2702", r.getString(r.fieldIndex("rule_id")));
        assertEquals("Potential WinAPI Calls Via CommandLine", r.getString(r.fieldIndex("rule_title")));
        assertEquals("Nasreddine Bencherchali (Nextron Systems)", r.getString(r.fieldIndex("rule_author")));
        assertEquals(null, r.getString(r.fieldIndex("rule_license")), "the seed rule states no licence of its own");
        assertEquals("high", r.getString(r.fieldIndex("level")));
        String commandLine = r.getString(r.fieldIndex("CommandLine"));
        long record = r.getLong(r.fieldIndex("record"));
        try (EventFile f = EventFile.open(first)) {
            EventBlock b = f.readBlock(f.blockOfRecord(record), null);
            assertEquals(b.column(Field.CommandLine).valueAsString((int) (record - b.firstRecord())), commandLine, "record " + record);
        }
    }

    @Test
    void eventsReadThroughTheSourceEqualDump() throws IOException {
        for (Path f : List.of(first, second)) {
            for (boolean mapLocal : new boolean[] {true, false}) {
                List<Row> rows = new ArrayList<>(spark.read().format("widescan").option("map-local", mapLocal).load(f.toString())
                        .collectAsList());
                // Partitions come back in plan order (block ranges in file order); sorting guards the check, not the source.
                rows.sort(java.util.Comparator.comparingLong(r -> r.getLong(r.fieldIndex("record"))));
                List<String> lines = new ArrayList<>(rows.size());
                EventRecord e = new EventRecord();
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    assertEquals(i, row.getLong(row.fieldIndex("record")), f + " record order");
                    assertEquals(f.toString(), row.getString(row.fieldIndex("file")));
                    e.clear();
                    for (Field field : Field.values()) {
                        e.set(field, row.getString(row.fieldIndex(field.name())));
                    }
                    lines.add(EventJson.toJson(e));
                }
                List<String> dumped = SparkTestSupport.dump(f);
                assertEquals(dumped.size(), lines.size(), f + " (map-local " + mapLocal + ") records");
                for (int i = 0; i < dumped.size(); i++) {
                    // dump's JsonGenerator puts its root-value separator (a space) before every line after the first.
                    assertEquals(dumped.get(i).stripLeading(), lines.get(i), f + " (map-local " + mapLocal + ") record " + i);
                }
            }
        }
    }

    @Test
    void prunedColumnsAreNotReadSoTheirDamageGoesUnseen() throws IOException {
        Path damaged = damagedCopy(first, "company-damaged.wsev", Field.Company, 5);
        Dataset<Row> events = spark.read().format("widescan").load(damaged.toString());
        // CommandLine only: block 5's Company column is never read, so its CRC is never checked.
        assertEquals(9_000, events.select("CommandLine", "record").collectAsList().size());
        assertEquals(9_000, events.count());
        Exception e = assertThrows(Exception.class, () -> events.select("Company").collectAsList());
        JobFailure f = JobFailure.of(e);
        assertEquals(JobFailure.BAD_INPUT, f.exitCode(), f.message());
        assertTrue(f.message().contains(damaged.toString()) && f.message().contains("block 5") && f.message().contains("Company"),
                f.message());
    }

    @Test
    void aCorruptBlockFailsTheScanWithTheEngineMessageNamingFileAndBlock() throws IOException {
        Path damaged = damagedCopy(second, "commandline-damaged.wsev", Field.CommandLine, 7);
        for (boolean mapLocal : new boolean[] {true, false}) {
            Exception e = assertThrows(Exception.class, () -> detections(mapLocal, first, damaged).collectAsList());
            JobFailure f = JobFailure.of(e);
            assertEquals(JobFailure.BAD_INPUT, f.exitCode(), f.message());
            assertTrue(f.message().startsWith(damaged + ": block 7") && f.message().contains("CommandLine"),
                    "map-local " + mapLocal + ": " + f.message());
        }
    }

    @Test
    void aTruncatedFileFailsPlanningWithTheEngineMessage() throws IOException {
        Path cut = dir.resolve("cut.wsev");
        byte[] bytes = Files.readAllBytes(second);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2 / 64 * 64));
        for (boolean mapLocal : new boolean[] {true, false}) {
            Exception e = assertThrows(Exception.class, () -> detections(mapLocal, cut).collectAsList());
            JobFailure f = JobFailure.of(e);
            assertEquals(JobFailure.BAD_INPUT, f.exitCode(), f.message());
            assertTrue(f.message().startsWith(cut + ": truncated"), "map-local " + mapLocal + ": " + f.message());
        }
    }

    /** A copy of {@code file} with one byte flipped in the middle of {@code field}'s column in block {@code block}. */
    static Path damagedCopy(Path file, String name, Field field, int block) throws IOException {
        Path out = dir.resolve(name);
        Files.copy(file, out);
        WidescanDataSourceTestFiles.flipByteInColumn(out, field, block);
        return out;
    }
}
