package dev.widescan.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.widescan.ingest.EventJson;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.ingest.JsonEvents;
import dev.widescan.sigma.ReferenceEvaluator;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaRule;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample (samples/events.jsonl) ingests to the documented records, and the seed rule file in
 * rules/seed detects exactly the records samples/events.expected.json lists (samples/README.md says why).
 */
class SampleEventsTest {
    @TempDir
    Path dir;

    @Test
    void seedRuleDetectsExactlyTheDocumentedSampleRecords() throws Exception {
        List<EventRecord> events = JsonEvents.parseAll(Path.of("samples/events.jsonl"));
        Map<String, List<Long>> expected = readExpected(Path.of("samples/events.expected.json"));
        assertEquals(expected.get("records_total").get(0), events.size());
        SigmaRule seed = RuleLoader.load(List.of(Path.of("rules/seed")), false).rules().get(0);
        assertEquals(SeedFilterCases.SEED_RULE_ID, seed.id());
        assertEquals(seed.detection(), SeedRule.load().detection(), "bundled seed rule == rules/seed file");
        List<Long> detected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (ReferenceEvaluator.matches(seed, events.get(i))) {
                detected.add((long) i);
            }
        }
        assertEquals(expected.get("seed_detections"), detected);
        for (long f : expected.get("filter_cases")) {
            assertFalse(detected.contains(f), "filter case " + f + " must not be detected");
        }
        long shapes4688 = events.stream().filter(e -> "4688".equals(e.get(Field.EventID))).count();
        assertTrue(shapes4688 > 10, "4688 events: " + shapes4688);
    }

    /** What gen writes as JSONL is what ingest reads back, field for field (Sysmon and 4688 events). */
    @Test
    void generatedJsonlIngestsToTheSameRecords() throws Exception {
        List<EventRecord> generated = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EventJson json = new EventJson(bytes)) {
            new CorpusGenerator(new GeneratorSettings(3_000, 9, 0.02, Profile.UNICODE, false), List.of(SeedRule.load()))
                    .generate(r -> {
                        generated.add(r.copy());
                        json.write(r);
                    }, null);
        }
        Path file = dir.resolve("g.jsonl");
        Files.write(file, bytes.toByteArray());
        List<EventRecord> read = JsonEvents.parseAll(file);
        assertEquals(generated.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(generated.get(i), read.get(i), "record " + i);
        }
    }

    private static Map<String, List<Long>> readExpected(Path p) throws Exception {
        Map<String, List<Long>> out = new TreeMap<>();
        try (JsonParser json = new JsonFactory().createParser(p.toFile())) {
            String key = null;
            List<Long> current = null;
            for (JsonToken t = json.nextToken(); t != null; t = json.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> key = json.currentName();
                    case START_ARRAY -> current = new ArrayList<>();
                    case END_ARRAY -> out.put(key, current);
                    case VALUE_NUMBER_INT -> {
                        if (current != null) {
                            current.add(json.getLongValue());
                        } else {
                            out.put(key, List.of(json.getLongValue()));
                        }
                    }
                    default -> { }
                }
                if (t == JsonToken.END_ARRAY) {
                    current = null;
                }
            }
        }
        return out;
    }
}
