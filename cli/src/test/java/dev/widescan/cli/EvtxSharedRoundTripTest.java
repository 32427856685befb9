package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real .evtx files of ../shared/evtx against python-evtx's rendering of them (reference/*.jsonl):
 * {@code ingest X.evtx | dump} equals {@code ingest reference/X.jsonl | dump} event for event, and the
 * SigmaHQ catalog finds the same detections in both (-Dwidescan.shared).
 */
@Tag("shared")
class EvtxSharedRoundTripTest {
    static final String[] FILES = {"mitre_4688_clear_event_log_native", "mitre_4688_defender_disabled",
        "mitre_4688_runas_different_user", "mitre_sysmon1_wmiexec", "omerbenamram_sysmon"};
    static final int[] KEPT = {28, 9, 4, 1, 227};

    @TempDir
    Path dir;

    static Path evtx() {
        String s = System.getProperty("widescan.shared", "");
        Assumptions.assumeTrue(!s.isBlank(), "set -Dwidescan.shared to run");
        return Path.of(s, "evtx");
    }

    private String ingestAndDump(String name, String... inputs) {
        Path out = dir.resolve(name + ".wsev");
        List<String> args = new ArrayList<>(List.of("ingest", "-o", out.toString()));
        args.addAll(List.of(inputs));
        var ingest = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, ingest.code(), ingest.err());
        var dump = CliRun.run("dump", out.toString());
        assertEquals(0, dump.code(), dump.err());
        return dump.out();
    }

    @Test
    void everyReferenceFileRoundTripsToTheSameDump() {
        Path evtx = evtx();
        for (int i = 0; i < FILES.length; i++) {
            String fromEvtx = ingestAndDump(FILES[i] + "-evtx", evtx.resolve(FILES[i] + ".evtx").toString());
            String fromJson = ingestAndDump(FILES[i] + "-json", evtx.resolve("reference").resolve(FILES[i] + ".jsonl").toString());
            List<String> a = fromEvtx.lines().toList();
            List<String> b = fromJson.lines().toList();
            assertEquals(KEPT[i], b.size(), FILES[i] + ": reference events");
            for (int k = 0; k < b.size(); k++) {
                assertEquals(b.get(k), a.get(k), FILES[i] + ": event " + k);
            }
            assertEquals(b.size(), a.size(), FILES[i]);
        }
    }

    @Test
    void sigmaCatalogFindsTheSameDetectionsInBoth() throws IOException {
        Path evtx = evtx();
        Path sigma = evtx.getParent().resolve("sigma");
        List<String> evtxInputs = new ArrayList<>();
        List<String> jsonInputs = new ArrayList<>();
        for (String f : FILES) {
            evtxInputs.add(evtx.resolve(f + ".evtx").toString());
            jsonInputs.add(evtx.resolve("reference").resolve(f + ".jsonl").toString());
        }
        Path a = dir.resolve("all-evtx.wsev");
        Path b = dir.resolve("all-json.wsev");
        List<String> detections = new ArrayList<>();
        for (Object[] run : new Object[][] {{a, evtxInputs}, {b, jsonInputs}}) {
            List<String> args = new ArrayList<>(List.of("ingest", "-o", run[0].toString()));
            @SuppressWarnings("unchecked")
            List<String> inputs = (List<String>) run[1];
            args.addAll(inputs);
            var ingest = CliRun.run(args.toArray(String[]::new));
            assertEquals(0, ingest.code(), ingest.err());
            Path out = dir.resolve(run[0] + ".detections.jsonl");
            List<String> scan = new ArrayList<>(List.of("scan", "--skip-unsupported", "--sorted", "--no-progress", "-o", out.toString()));
            for (String folder : new String[] {"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-placeholder"}) {
                scan.add("-r");
                scan.add(sigma.resolve(folder).toString());
            }
            scan.add(run[0].toString());
            var result = CliRun.run(scan.toArray(String[]::new));
            assertEquals(0, result.code(), result.err());
            detections.add(String.join("\n", Files.readAllLines(out)).replace(run[0].toString(), "FILE"));
        }
        assertTrue(detections.get(1).lines().count() > 10, "the catalog detects something in the reference events");
        assertEquals(detections.get(1), detections.get(0));
    }
}
