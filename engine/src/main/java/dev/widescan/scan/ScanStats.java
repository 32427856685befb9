package dev.widescan.scan;

import dev.widescan.format.TerminalText;
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
 * the figure to compare across files and formats. {@code threadTimes} is what the scan threads and the output writer spent in
 * user and system mode and how many page faults they took (the system share is mostly the kernel mapping
 * file pages in, and the writer's writes), or {@code null} where the OS does not say. {@code vectorKernel} names the SIMD kernel
 * the matchers ran (width and lookup; null when none did) and {@code kernelCompiledAfterMs} the
 * milliseconds from JVM start until that kernel was measured running compiled ({@code match.KernelWarmUp};
 * -1 when no vector kernel ran or it was not seen compiled before the scan ended: until then it ran
 * with boxed vectors).
 */
public record ScanStats(int files, long blocks, long events, long bytesScanned, double seconds, int threads,
                        String strategy, long[] detectionsByRule, CompiledRuleSet rules, ThreadTimes threadTimes,
                        List<String> skipped, String vectorKernel, long kernelCompiledAfterMs) {

    public ScanStats {
        skipped = List.copyOf(skipped);
    }

    /**
     * CPU seconds the scan threads spent in user and in system mode (system calls and page faults: with
     * mapped files, mostly the kernel filling page tables), their minor and major page faults, and how
     * often they gave up the CPU to wait (I/O, a lock) or were preempted (other work wanted the CPU: when
     * wall time far exceeds CPU time, this says why); summed over the scan threads and the thread that
     * writes the detections, from {@code /proc/thread-self} at each thread's start and end ({@link ThreadUsage}).
     */
    public record ThreadTimes(double userSeconds, double systemSeconds, long minorFaults, long majorFaults, long waits,
                              long preemptions) {
        static ThreadTimes of(ThreadUsage.Snapshot s) {
            return s.available() ? new ThreadTimes(s.userMicros() / 1e6, s.systemMicros() / 1e6, s.minorFaults(), s.majorFaults(),
                    s.waits(), s.preemptions()) : null;
        }

        /** System time as a share of the threads' CPU time, 0 to 1. */
        public double systemShare() {
            double cpu = userSeconds + systemSeconds;
            return cpu <= 0 ? 0 : systemSeconds / cpu;
        }
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
                "scanned %d %s, %d %s, %d events, %.3f GB of UTF-16 in %.3f s: %.2f GB/s, %.0f events/s (%d %s, strategy %s); %d detections%n",
                files, files == 1 ? "file" : "files", blocks, blocks == 1 ? "block" : "blocks", events, bytesScanned / 1e9, seconds, gigabytesPerSecond(),
                eventsPerSecond(), threads, threads == 1 ? "thread" : "threads", strategy, detections()));
        if (threadTimes != null) {
            sb.append(String.format(Locale.ROOT,
                    "scan threads and output writer: %.3f s user, %.3f s system (%.0f%% system: system calls and page faults), %d minor + %d major page faults, %d waits, %d preemptions%n",
                    threadTimes.userSeconds(), threadTimes.systemSeconds(), 100 * threadTimes.systemShare(),
                    threadTimes.minorFaults(), threadTimes.majorFaults(), threadTimes.waits(), threadTimes.preemptions()));
        }
        if (!skipped.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "SKIPPED %d corrupt file(s) or block(s) (--skip-bad); their detections are missing:%n",
                    skipped.size()));
            for (String s : skipped) {
                sb.append("  skipped: ").append(s).append(System.lineSeparator());
            }
        }
        if (vectorKernel != null) {
            sb.append(kernelCompiledAfterMs >= 0
                    ? String.format(Locale.ROOT, "  vector kernel %s, running compiled %d ms after JVM start (before: waiting for C2, or boxed vectors)%n",
                            vectorKernel, kernelCompiledAfterMs)
                    : String.format(Locale.ROOT, "  vector kernel %s, not measured compiled during the scan%n", vectorKernel));
        }
        for (int r = 0; r < detectionsByRule.length; r++) {
            if (detectionsByRule[r] > 0) {
                SigmaRule rule = rules.rule(r);
                // a rule's id and title are its author's text: no escape sequence of theirs reaches the terminal
                sb.append(String.format(Locale.ROOT, "  %8d  %s  %s%n", detectionsByRule[r], TerminalText.safe(rule.id()),
                        TerminalText.safe(rule.title())));
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
            if (threadTimes != null) {
                g.writeNumberField("threads_user_seconds", threadTimes.userSeconds());
                g.writeNumberField("threads_system_seconds", threadTimes.systemSeconds());
                g.writeNumberField("threads_system_share", threadTimes.systemShare());
                g.writeNumberField("threads_minor_page_faults", threadTimes.minorFaults());
                g.writeNumberField("threads_major_page_faults", threadTimes.majorFaults());
                g.writeNumberField("threads_waits", threadTimes.waits());
                g.writeNumberField("threads_preemptions", threadTimes.preemptions());
            }
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
                g.writeStringField("rule_author", rule.author());
                if (rule.license() != null) {
                    g.writeStringField("rule_license", rule.license());
                }
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
