package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.ingest.JsonEvents;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoadResult;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The scan engine (not just the rule evaluator) over real data from {@code -Dwidescan.shared}: every
 * SigmaHQ regression event, written into one event file, scanned with the whole process_creation
 * catalog on two threads, gives each regression folder's rule exactly its stated match count (or at
 * least one detection per event file where info.yml states none); and on the 3,705 OTRF events the
 * strategies agree line for line.
 */
@Tag("shared")
class SharedScanTest {
    static final List<String> RULE_FOLDERS = List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "rules-placeholder");

    @TempDir
    static Path dir;
    static Path shared;
    static CompiledRuleSet catalog;

    @BeforeAll
    static void load() {
        String s = System.getProperty("widescan.shared", "");
        assumeTrue(!s.isBlank(), "set -Dwidescan.shared=/path/to/shared to run real-data tests");
        shared = Path.of(s);
        RuleLoadResult loaded = RuleLoader.load(RULE_FOLDERS.stream().map(f -> shared.resolve("sigma").resolve(f)).toList(), true);
        catalog = SigmaCompiler.compile(loaded.rules());
    }

    record Sample(Path folder, String ruleId, Integer matchCount, List<Path> eventFiles) {
    }

    @Test
    void regressionEventsScannedWithTheWholeCatalogGiveEveryExpectedDetection() throws IOException {
        List<Sample> samples = samples();
        assertFalse(samples.isEmpty());
        // One event file holding every regression event; remember which sample and json file each record came from.
        List<Integer> sampleOfRecord = new ArrayList<>();
        List<Path> jsonOfRecord = new ArrayList<>();
        Path file = dir.resolve("regression.wsev");
        try (EventFileWriter w = EventFileWriter.create(file)) {
            for (int i = 0; i < samples.size(); i++) {
                for (Path json : samples.get(i).eventFiles()) {
                    for (EventRecord r : JsonEvents.parseAll(json)) {
                        w.append(r);
                        sampleOfRecord.add(i);
                        jsonOfRecord.add(json);
                    }
                }
            }
        }
        List<String[]> detections = scan(file, "auto", 2);
        Map<Integer, Integer> countBySample = new HashMap<>();
        Map<Path, Integer> countByJson = new HashMap<>();
        for (String[] d : detections) {
            int record = Integer.parseInt(d[1]);
            int sample = sampleOfRecord.get(record);
            if (samples.get(sample).ruleId().equals(d[0])) {
                countBySample.merge(sample, 1, Integer::sum);
                countByJson.merge(jsonOfRecord.get(record), 1, Integer::sum);
            }
        }
        int stated = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.matchCount() != null) {
                stated++;
                assertEquals(s.matchCount().intValue(), countBySample.getOrDefault(i, 0).intValue(),
                        s.folder() + ": rule " + s.ruleId() + " match count");
            } else {
                for (Path json : s.eventFiles()) {
                    assertTrue(countByJson.getOrDefault(json, 0) >= 1, json + ": rule " + s.ruleId() + " detects nothing");
                }
            }
        }
        System.out.println("scan of " + sampleOfRecord.size() + " regression events with " + catalog.ruleCount()
                + " rules: " + detections.size() + " detections; " + samples.size() + " folders detected by their rule ("
                + stated + " with their exact match_count)");
    }

    @Test
    void otrfEventsGiveTheSameDetectionsWithEveryStrategyAndThreadCount() throws IOException {
        Path file = dir.resolve("otrf.wsev");
        try (EventFileWriter w = EventFileWriter.create(file)) {
            for (EventRecord r : JsonEvents.parseAll(shared.resolve("events/otrf_security_datasets_process_creation.jsonl"))) {
                w.append(r);
            }
        }
        List<String[]> auto = scan(file, "auto", 2);
        assertFalse(auto.isEmpty(), "the catalog detects something in the OTRF events");
        for (String strategy : new String[] {"aho-corasick", "large-set", "naive"}) {
            List<String[]> other = scan(file, strategy, 1);
            assertEquals(render(auto), render(other), strategy + " vs auto");
        }
        System.out.println("OTRF: " + auto.size() + " detections, identical across strategies");
    }

    private static String render(List<String[]> ds) {
        StringBuilder sb = new StringBuilder();
        ds.forEach(d -> sb.append(d[0]).append(' ').append(d[1]).append('\n'));
        return sb.toString();
    }

    /** (rule_id, record) of every detection, in output (file, record) order. */
    static List<String[]> scan(Path file, String strategy, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Archive archive = Archive.open(List.of(file))) {
            new Scanner(catalog, new ScanOptions(strategy, threads, true, true, false))
                    .scan(archive, out, new PrintStream(OutputStream.nullOutputStream()));
        }
        List<String[]> result = new ArrayList<>();
        JsonFactory f = new JsonFactory();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String rule = null;
            String record = null;
            try (JsonParser p = f.createParser(line)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("rule_id")) {
                        rule = p.getText();
                    } else if (name.equals("record")) {
                        record = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            }
            result.add(new String[] {rule, record});
        }
        return result;
    }

    static List<Sample> samples() throws IOException {
        Path root = shared.resolve("sigma/regression_data");
        List<Path> infos;
        try (Stream<Path> s = Files.walk(root)) {
            infos = s.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        }
        Load yaml = new Load(LoadSettings.builder().build());
        List<Sample> out = new ArrayList<>();
        for (Path info : infos) {
            Map<?, ?> doc = (Map<?, ?>) yaml.loadFromString(Files.readString(info));
            String id = (String) ((Map<?, ?>) ((List<?>) doc.get("rule_metadata")).get(0)).get("id");
            Integer count = null;
            if (doc.get("regression_tests_info") instanceof List<?> l && !l.isEmpty()
                    && ((Map<?, ?>) l.get(0)).get("match_count") instanceof Integer n) {
                count = n;
            }
            List<Path> json;
            try (Stream<Path> s = Files.list(info.getParent())) {
                json = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            out.add(new Sample(info.getParent(), id, count, json));
        }
        return out;
    }
}
