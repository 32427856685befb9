package dev.widescan.corpus;

import dev.widescan.format.EventRecord;
import dev.widescan.sigma.SigmaRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a whole generation run kept in memory (small N only). */
record Generated(List<EventRecord> events, GenerationSummary summary, String sidecarJson) {
    static Generated run(GeneratorSettings settings, List<SigmaRule> rules) throws IOException {
        List<EventRecord> events = new ArrayList<>();
        ByteArrayOutputStream sidecar = new ByteArrayOutputStream();
        GenerationSummary summary;
        try (ExpectedSidecar s = ExpectedSidecar.to(sidecar, settings, rules)) {
            summary = new CorpusGenerator(settings, rules).generate(r -> events.add(r.copy()), s);
        }
        return new Generated(events, summary, sidecar.toString(StandardCharsets.UTF_8));
    }
}
