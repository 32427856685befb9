package dev.widescan.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.ingest.JsonEvents;
import dev.widescan.match.Matcher;
import dev.widescan.match.MatcherFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The SigmaHQ process_creation catalog from {@code -Dwidescan.shared}: every rule loads or is skipped
 * with a stated reason, and every regression sample is detected by its rule as often as its info.yml
 * says (on the compiled program with the naive test matcher and with the real {@code auto} matcher, and
 * on the reference evaluator).
 */
@Tag("shared")
class SharedSigmaTest {
    static final List<String> RULE_FOLDERS = List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "rules-placeholder");
    /** Reasons a SigmaHQ rule may legitimately be skipped for; anything else (malformed...) is a bug here. */
    static final Set<String> ACCEPTED_REASON_PREFIXES = Set.of("field '", "placeholder not given", "unsupported modifier");

    static RuleLoadResult loaded;
    static int ruleFiles;

    @BeforeAll
    static void load() throws IOException {
        Path sigma = SharedData.folder().resolve("sigma");
        List<Path> folders = RULE_FOLDERS.stream().map(sigma::resolve).toList();
        ruleFiles = 0;
        for (Path f : folders) {
            try (Stream<Path> s = Files.walk(f)) {
                ruleFiles += (int) s.filter(p -> p.toString().endsWith(".yml")).count();
            }
        }
        loaded = RuleLoader.load(folders, true);
        System.out.println("SigmaHQ process_creation rules (" + ruleFiles + " files):");
        System.out.print(loaded.tally());
        loaded.skipped().forEach(s -> System.out.println("  skipped: " + s.reason()));
    }

    @Test
    void theProjectsSeedCopyCompilesExactlyLikeSigmaHQsOriginal() {
        SigmaRule copy = RuleLoader.load(List.of(SharedData.seedRule()), false).rules().get(0);
        SigmaRule original = RuleLoader.load(List.of(SharedData.sharedSeedRule()), false).rules().get(0);
        assertEquals(original.id(), copy.id());
        assertEquals(original.title(), copy.title());
        assertEquals(original.level(), copy.level());
        assertEquals(original.tags(), copy.tags());
        assertEquals(SigmaCompiler.compile(List.of(original)).fieldLiterals(), SigmaCompiler.compile(List.of(copy)).fieldLiterals());
        // Same selections, values, modifiers and condition; only the source line numbers differ (the copy has a header).
        assertEquals(original.detection().toString().replaceAll("line=\\d+", ""), copy.detection().toString().replaceAll("line=\\d+", ""));
    }

    @Test
    void everyRuleLoadsOrIsSkippedWithAReason() {
        assertEquals(ruleFiles, loaded.rules().size() + loaded.skipped().size());
        for (SkippedRule s : loaded.skipped()) {
            assertTrue(ACCEPTED_REASON_PREFIXES.stream().anyMatch(s.category()::startsWith), s.reason());
            assertTrue(s.reason().contains(s.path().getFileName().toString()), "reason names the file: " + s.reason());
        }
        CompiledRuleSet set = SigmaCompiler.compile(loaded.rules());
        assertEquals(loaded.rules().size(), set.ruleCount());
    }

    /** One regression folder: its rule id, its expected match count (null = not stated) and its events. */
    record Sample(Path folder, String ruleId, Integer matchCount, List<Path> eventFiles) {
    }

    static List<Sample> samples() throws IOException {
        Path root = SharedData.folder().resolve("sigma/regression_data");
        List<Sample> out = new ArrayList<>();
        List<Path> infos;
        try (Stream<Path> s = Files.walk(root)) {
            infos = s.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        }
        Load yaml = new Load(LoadSettings.builder().build());
        for (Path info : infos) {
            Map<?, ?> doc = (Map<?, ?>) yaml.loadFromString(Files.readString(info));
            List<?> meta = (List<?>) doc.get("rule_metadata");
            String id = (String) ((Map<?, ?>) meta.get(0)).get("id");
            Integer count = null;
            Object tests = doc.get("regression_tests_info");
            if (tests instanceof List<?> l && !l.isEmpty() && ((Map<?, ?>) l.get(0)).get("match_count") instanceof Integer n) {
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

    @Test
    void everyRegressionSampleIsDetectedByItsRule() throws IOException {
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int i = 0; i < loaded.rules().size(); i++) {
            ruleIndex.put(loaded.rules().get(i).id(), i);
        }
        CompiledRuleSet set = SigmaCompiler.compile(loaded.rules());
        List<Sample> samples = samples();
        assertFalse(samples.isEmpty());
        int stated = 0;
        int events = 0;
        for (Sample s : samples) {
            Integer index = ruleIndex.get(s.ruleId());
            assertTrue(index != null, s.folder() + ": rule " + s.ruleId() + " not loaded");
            assertFalse(s.eventFiles().isEmpty(), s.folder() + ": no .json events");
            int total = 0;
            for (Path json : s.eventFiles()) {
                List<EventRecord> evs = JsonEvents.parseAll(json);
                assertFalse(evs.isEmpty(), json + ": no process-creation event");
                events += evs.size();
                List<Detections.Hit> ref = Detections.reference(loaded.rules(), evs);
                assertEquals(ref, Detections.compiled(set, evs, 64), json + ": compiled (test matcher) != reference");
                assertEquals(ref, withRealMatchers(set, evs), json + ": compiled (auto matcher) != reference");
                long mine = ref.stream().filter(h -> h.rule() == index).count();
                if (s.matchCount() == null) {
                    assertTrue(mine >= 1, json + ": rule " + s.ruleId() + " detects nothing");
                }
                total += (int) mine;
            }
            if (s.matchCount() != null) {
                stated++;
                assertEquals(s.matchCount().intValue(), total, s.folder() + ": rule " + s.ruleId() + " match count");
            }
        }
        System.out.println("regression samples: " + samples.size() + " folders (" + stated + " with match_count), "
                + events + " events, all detected");
    }

    /** The compiled program driven by the package-match factory's automatic strategy. */
    static List<Detections.Hit> withRealMatchers(CompiledRuleSet set, List<EventRecord> events) {
        RuleEvaluator ev = set.newEvaluator();
        RecordColumn[] columns = Detections.columns(events);
        ev.beginBlock(columns, events.size());
        for (int s = 0; s < set.fieldLiterals().size(); s++) {
            FieldLiterals fl = set.fieldLiterals().get(s);
            Matcher m = MatcherFactory.create(MatcherFactory.AUTO, fl.literals());
            Field f = fl.field();
            m.newSearcher().scan(columns[f.ordinal()].plain(), 0, events.size(), ev.sink(s));
        }
        List<Detections.Hit> out = new ArrayList<>();
        ev.evaluateBlock((rule, record) -> out.add(new Detections.Hit(rule, record)));
        return out;
    }

    /**
     * Real events (OTRF, 3,705): the compiled program over all of them, and the reference on every event
     * the compiled program detects anything in (no false positive) plus every 8th event (false negatives
     * by sampling: the reference walks 1,413 rules per event and is the slow, simple one).
     */
    @Test
    void realEventsCompiledEqualsReference() throws IOException {
        Path otrf = SharedData.folder().resolve("events/otrf_security_datasets_process_creation.jsonl");
        List<EventRecord> events = JsonEvents.parseAll(otrf);
        CompiledRuleSet set = SigmaCompiler.compile(loaded.rules());
        List<Detections.Hit> compiled = withRealMatchers(set, events);
        java.util.TreeSet<Integer> checked = new java.util.TreeSet<>();
        compiled.forEach(h -> checked.add(h.record()));
        for (int i = 0; i < events.size(); i += 8) {
            checked.add(i);
        }
        List<EventRecord> subset = checked.stream().map(events::get).toList();
        List<Integer> positions = new ArrayList<>(checked);
        List<Detections.Hit> expected = Detections.reference(loaded.rules(), subset).stream()
                .map(h -> new Detections.Hit(h.rule(), positions.get(h.record()))).toList();
        List<Detections.Hit> actual = compiled.stream().filter(h -> checked.contains(h.record())).toList();
        assertEquals(expected, actual);
        System.out.println("OTRF: " + events.size() + " events, " + compiled.size() + " detections; reference checked on "
                + subset.size() + " events: equal");
    }
}
