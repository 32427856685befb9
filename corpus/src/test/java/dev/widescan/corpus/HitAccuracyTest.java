package dev.widescan.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.sigma.ReferenceEvaluator;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar's expected count equals what the reference evaluator detects on the generated events,
 * record by record; filter cases are present and not detected.
 */
class HitAccuracyTest {
    @TempDir
    Path dir;

    @Test
    void expectedCountEqualsReferenceDetectionsOfTheSeedRule() throws Exception {
        SigmaRule seed = SeedRule.load();
        Generated g = Generated.run(new GeneratorSettings(12_000, 11, 0.04, Profile.REALISTIC, true), List.of(seed));
        List<Long> detected = new ArrayList<>();
        int mpCmdRunFilterCases = 0;
        int compatTelRunnerFilterCases = 0;
        for (int i = 0; i < g.events().size(); i++) {
            EventRecord e = g.events().get(i);
            if (ReferenceEvaluator.matches(seed, e)) {
                detected.add((long) i);
            } else if (e.get(Field.Image).endsWith("\\MpCmdRun.exe") && e.get(Field.CommandLine).toLowerCase().contains("getloadlibrarywaddress32")) {
                mpCmdRunFilterCases++;
            } else if (e.get(Field.ParentImage).endsWith("\\CompatTelRunner.exe") && e.get(Field.Image).endsWith("powershell.exe")) {
                compatTelRunnerFilterCases++;
            }
        }
        assertEquals(g.summary().detectedEvents(), detected.size());
        assertEquals(g.summary().perRuleDetections()[0], detected.size());
        assertEquals(detected, recordsOf(g.sidecarJson()));
        double rate = detected.size() / 12_000.0;
        assertTrue(rate > 0.033 && rate < 0.047, "hit rate " + rate);
        assertTrue(mpCmdRunFilterCases > 5, "MpCmdRun filter cases: " + mpCmdRunFilterCases);
        assertTrue(compatTelRunnerFilterCases > 5, "CompatTelRunner filter cases: " + compatTelRunnerFilterCases);
        assertEquals(g.summary().filterEvents(), mpCmdRunFilterCases + compatTelRunnerFilterCases);
    }

    @Test
    void perRuleCountsHoldForSeveralRulesAndTheBinaryFile() throws Exception {
        List<SigmaRule> rules = new ArrayList<>(RuleLoader.load(List.of(Path.of("rules")), false).rules());
        Path out = dir.resolve("multi.wsev");
        GeneratorSettings settings = new GeneratorSettings(6_000, 5, 0.08, Profile.UNICODE, false);
        GenerationSummary summary;
        try (var writer = dev.widescan.format.EventFileWriter.create(out)) {
            summary = new CorpusGenerator(settings, rules).generate(writer::append, null);
        }
        long[] counted = new long[rules.size()];
        long detectedEvents = 0;
        EventRecord e = new EventRecord();
        try (EventFile file = EventFile.open(out)) {
            EventBlock block = null;
            for (int b = 0; b < file.blockCount(); b++) {
                block = file.readBlock(b, block);
                for (int i = 0; i < block.recordCount(); i++) {
                    block.readRecord(i, e);
                    boolean any = false;
                    for (int r = 0; r < rules.size(); r++) {
                        if (ReferenceEvaluator.matches(rules.get(r), e)) {
                            counted[r]++;
                            any = true;
                        }
                    }
                    detectedEvents += any ? 1 : 0;
                }
            }
            assertEquals(6_000, file.recordCount());
        }
        assertEquals(summary.detectedEvents(), detectedEvents);
        for (int r = 0; r < rules.size(); r++) {
            assertEquals(summary.perRuleDetections()[r], counted[r], rules.get(r).displayName());
        }
        assertTrue(detectedEvents > 350, "hits: " + detectedEvents);
        int rulesHit = 0;
        for (int r = 0; r < rules.size(); r++) {
            System.out.println("HitAccuracyTest: " + rules.get(r).title() + ": " + counted[r]);
            rulesHit += counted[r] > 0 ? 1 : 0;
        }
        assertTrue(rulesHit >= 5, "rules with detections: " + rulesHit + ", without witness: " + summary.rulesWithoutWitness());
        assertTrue(Files.size(out) > 0);
    }

    private static List<Long> recordsOf(String sidecar) {
        List<Long> records = new ArrayList<>();
        Matcher m = Pattern.compile("\"record\":(\\d+)").matcher(sidecar);
        while (m.find()) {
            records.add(Long.parseLong(m.group(1)));
        }
        return records;
    }
}
