package dev.widescan.corpus;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.widescan.sigma.SigmaRule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code OUT.expected.json}: the ground truth of a generated archive. Streamed with Jackson so that the
 * optional per-record list ({@code records}) never sits in memory: the settings and rules come first,
 * then each detected record as it is generated, then the totals (known only at the end).
 *
 * <pre>
 * {"generator":"widescan gen","events":N,"seed":S,"profile":"realistic","hit_rate":R,
 *  "rules":[{"id":..,"title":..,"source":..}],
 *  "records":[{"record":17,"rules":["ba3f5c1b-..."]}, ...],          (only with --expected-records)
 *  "expected":{"detected_events":D,"per_rule":[{"id":..,"title":..,"detections":n}],
 *              "hit_events":H,"filter_events":F,"background_regenerated":G,"rules_without_witness":[..]}}
 * </pre>
 */
public final class ExpectedSidecar implements AutoCloseable {
    private final OutputStream out;
    private final JsonGenerator json;
    private final boolean withRecords;
    private final List<SigmaRule> rules;

    private ExpectedSidecar(OutputStream out, boolean withRecords, List<SigmaRule> rules) throws IOException {
        this.out = out;
        this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        this.withRecords = withRecords;
        this.rules = rules;
    }

    /** The sidecar path for an output file: {@code OUT.expected.json} beside it. */
    public static Path pathFor(Path out) {
        return out.resolveSibling(out.getFileName() + ".expected.json");
    }

    public static ExpectedSidecar create(Path path, GeneratorSettings settings, List<SigmaRule> rules) throws IOException {
        ExpectedSidecar s = new ExpectedSidecar(Files.newOutputStream(path), settings.expectedRecords(), rules);
        s.begin(settings);
        return s;
    }

    /** For tests: the same document into any stream. */
    static ExpectedSidecar to(OutputStream out, GeneratorSettings settings, List<SigmaRule> rules) throws IOException {
        ExpectedSidecar s = new ExpectedSidecar(out, settings.expectedRecords(), rules);
        s.begin(settings);
        return s;
    }

    private void begin(GeneratorSettings settings) throws IOException {
        json.writeStartObject();
        json.writeStringField("generator", "widescan gen");
        json.writeNumberField("events", settings.events());
        json.writeNumberField("seed", settings.seed());
        json.writeStringField("profile", settings.profile().cliName());
        json.writeNumberField("hit_rate", settings.hitRate());
        json.writeArrayFieldStart("rules");
        for (SigmaRule r : rules) {
            json.writeStartObject();
            json.writeStringField("id", r.id());
            json.writeStringField("title", r.title());
            json.writeStringField("source", r.sourcePath() == null ? null : r.sourcePath().toString());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (withRecords) {
            json.writeArrayFieldStart("records");
        }
    }

    /** One detected record (only written with --expected-records). */
    void record(long index, int[] matchedRules, int count) {
        if (!withRecords) {
            return;
        }
        try {
            json.writeStartObject();
            json.writeNumberField("record", index);
            json.writeArrayFieldStart("rules");
            for (int i = 0; i < count; i++) {
                json.writeString(rules.get(matchedRules[i]).displayName());
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void finish(GenerationSummary s) throws IOException {
        if (withRecords) {
            json.writeEndArray();
        }
        json.writeObjectFieldStart("expected");
        json.writeNumberField("detected_events", s.detectedEvents());
        json.writeArrayFieldStart("per_rule");
        for (int r = 0; r < rules.size(); r++) {
            json.writeStartObject();
            json.writeStringField("id", rules.get(r).id());
            json.writeStringField("title", rules.get(r).title());
            json.writeNumberField("detections", s.perRuleDetections()[r]);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("hit_events", s.hitEvents());
        json.writeNumberField("filter_events", s.filterEvents());
        json.writeNumberField("background_regenerated", s.regenerated());
        json.writeArrayFieldStart("rules_without_witness");
        for (String r : s.rulesWithoutWitness()) {
            json.writeString(r);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
        out.close();
    }
}
