package dev.widescan.scan;

import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.SigmaRule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * What a scan did: the summary printed on stderr and written by {@code --stats-json}.
 * {@code bytesScanned} counts the UTF-16 bytes stored in the columns the rules read: a dictionary-encoded
 * column counts its distinct values once (docs/FORMAT.md), so on repetitive data events per second is
 * the figure to compare across files and formats.
 */
public record ScanStats(int files, long blocks, long events, long bytesScanned, double seconds, int threads,
                        String strategy, long[] detectionsByRule, CompiledRuleSet rules, List<String> skipped) {

    public ScanStats {
        skipped = List.copyOf(skipped);
    }

    /** Nothing skipped. */
    public ScanStats(int files, long blocks, long events, long bytesScanned, double seconds, int threads,
                     String strategy, long[] detectionsByRule, CompiledRuleSet rules) {
        this(files, blocks, events, bytesScanned, seconds, threads, strategy, detectionsByRule, rules, List.of());
    }

    public long detections() {
        long sum = 0;
        for (long d : detectionsByRule) {
            sum += d;
        }
        return sum;
    }

    public double gigabytesPerSecond() {
        return seconds <= 0 ? 0 : bytesScanned / seconds / 1e9;
    }

    public double eventsPerSecond() {
        return seconds <= 0 ? 0 : events / seconds;
    }

    /** The human summary: one line of totals, then one line per rule with detections. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "scanned %d files, %d blocks, %d events, %.3f GB of UTF-16 in %.3f s: %.2f GB/s, %.0f events/s (%d threads, strategy %s); %d detections%n",
                files, blocks, events, bytesScanned / 1e9, seconds, gigabytesPerSecond(), eventsPerSecond(), threads,
                strategy, detections()));
        if (!skipped.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "SKIPPED %d corrupt file(s) or block(s) (--skip-bad); their detections are missing:%n",
                    skipped.size()));
            for (String s : skipped) {
                sb.append("  skipped: ").append(s).append(System.lineSeparator());
            }
        }
        for (int r = 0; r < detectionsByRule.length; r++) {
            if (detectionsByRule[r] > 0) {
                SigmaRule rule = rules.rule(r);
                sb.append(String.format(Locale.ROOT, "  %8d  %s  %s%n", detectionsByRule[r], rule.id(), rule.title()));
            }
        }
        return sb.toString();
    }

    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("files", files);
            g.writeNumberField("blocks", blocks);
            g.writeNumberField("events", events);
            g.writeNumberField("bytes_scanned", bytesScanned);
            g.writeNumberField("seconds", seconds);
            g.writeNumberField("gb_per_s", gigabytesPerSecond());
            g.writeNumberField("events_per_s", eventsPerSecond());
            g.writeNumberField("threads", threads);
            g.writeStringField("strategy", strategy);
            g.writeNumberField("detections", detections());
            g.writeArrayFieldStart("skipped");
            for (String s : skipped) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("detections_by_rule");
            for (int r = 0; r < detectionsByRule.length; r++) {
                SigmaRule rule = rules.rule(r);
                g.writeStartObject();
                g.writeStringField("rule_id", rule.id());
                g.writeStringField("rule_title", rule.title());
                g.writeNumberField("detections", detectionsByRule[r]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString() + System.lineSeparator();
    }
}
