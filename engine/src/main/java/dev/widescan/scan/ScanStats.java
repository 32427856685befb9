package dev.widescan.scan;

import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.SigmaRule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * What a scan did: the summary printed on stderr and written by {@code --stats-json}.
 * {@code bytesScanned} counts the UTF-16 bytes stored in the columns the rules read: a dictionary-encoded
 * column counts its distinct values once (docs/FORMAT.md), so on repetitive data events per second is
 * the figure to compare across files and formats. {@code vectorKernel} names the SIMD kernel the matchers
 * ran (width and lookup; null when none did) and {@code kernelCompiledAfterMs} the milliseconds from JVM
 * start until that kernel was measured running compiled ({@code match.KernelWarmUp}; -1 when it was not
 * warmed or not compiled before the scan ended: blocks until then went to a scalar stand-in).
 */
public record ScanStats(int files, long blocks, long events, long bytesScanned, double seconds, int threads,
                        String strategy, long[] detectionsByRule, CompiledRuleSet rules,
                        String vectorKernel, long kernelCompiledAfterMs) {

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
        if (vectorKernel != null) {
            sb.append(kernelCompiledAfterMs >= 0
                    ? String.format(Locale.ROOT, "  vector kernel %s, running compiled %d ms after JVM start (scalar stand-in before)%n",
                            vectorKernel, kernelCompiledAfterMs)
                    : String.format(Locale.ROOT, "  vector kernel %s, not measured compiled during the scan%n", vectorKernel));
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
            g.writeStringField("vector_kernel", vectorKernel);
            if (kernelCompiledAfterMs >= 0) {
                g.writeNumberField("kernel_compiled_after_ms", kernelCompiledAfterMs);
            } else {
                g.writeNullField("kernel_compiled_after_ms");
            }
            g.writeNumberField("detections", detections());
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
