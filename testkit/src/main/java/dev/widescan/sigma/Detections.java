package dev.widescan.sigma;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.match.Matcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helper: runs a compiled rule set over events the way the scanner will, and the reference. */
public final class Detections {
    private Detections() {
    }

    /** A (rule, record) pair; records are indexes into the event list. */
    public record Hit(int rule, int record) {
    }

    public static SigmaRule rule(String yaml) {
        return RuleLoader.parse(yaml, Path.of("test-rule.yml"));
    }

    public static SigmaRule rule(String yaml, Map<String, List<String>> placeholders) {
        return RuleLoader.parse(yaml, Path.of("test-rule.yml"), placeholders);
    }

    /** A rule text with the process_creation logsource and {@code detection} indented under it. */
    public static String yaml(String detection) {
        // one id per distinct rule text: the loader refuses two different rules with one id
        StringBuilder sb = new StringBuilder("title: t\nid: test-" + Integer.toHexString(detection.hashCode()) + "\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n");
        for (String line : detection.split("\n")) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    public static EventRecord event(Object... fieldValuePairs) {
        EventRecord e = new EventRecord();
        for (int i = 0; i < fieldValuePairs.length; i += 2) {
            e.set((Field) fieldValuePairs[i], (String) fieldValuePairs[i + 1]);
        }
        return e;
    }

    /** Compiled program over columns built from {@code events}, in blocks of {@code blockSize}. */
    public static List<Hit> compiled(CompiledRuleSet set, List<EventRecord> events, int blockSize) {
        return compiled(set, set.newEvaluator(), events, blockSize);
    }

    public static List<Hit> compiled(CompiledRuleSet set, RuleEvaluator ev, List<EventRecord> events, int blockSize) {
        List<Hit> out = new ArrayList<>();
        List<Matcher> matchers = new ArrayList<>();
        for (FieldLiterals fl : set.fieldLiterals()) {
            matchers.add(new dev.widescan.match.NaiveMatcher(fl.literals()));
        }
        for (int from = 0; from < events.size(); from += blockSize) {
            int to = Math.min(events.size(), from + blockSize);
            RecordColumn[] columns = columns(events.subList(from, to));
            ev.beginBlock(columns, to - from);
            for (int s = 0; s < matchers.size(); s++) {
                Field f = set.fieldLiterals().get(s).field();
                matchers.get(s).newSearcher().scan(columns[f.ordinal()].plain(), 0, to - from, ev.sink(s));
            }
            int base = from;
            ev.evaluateBlock((rule, record) -> out.add(new Hit(rule, base + record)));
        }
        return out;
    }

    public static RecordColumn[] columns(List<EventRecord> events) {
        RecordColumn[] columns = new RecordColumn[Field.count()];
        for (Field f : Field.values()) {
            String[] values = new String[events.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = events.get(i).get(f);
            }
            columns[f.ordinal()] = RecordColumn.of(values);
        }
        return columns;
    }

    /** The reference evaluator's detections, in the same order. */
    public static List<Hit> reference(List<SigmaRule> rules, List<EventRecord> events) {
        List<Hit> out = new ArrayList<>();
        for (int r = 0; r < events.size(); r++) {
            for (int i = 0; i < rules.size(); i++) {
                if (ReferenceEvaluator.matches(rules.get(i), events.get(r))) {
                    out.add(new Hit(i, r));
                }
            }
        }
        return out;
    }

    /**
     * {@link #matches} (compiled == reference, or it fails) on {@code n} events from {@code events}, its answers
     * counted in {@code tally}: [0] matched, [1] not. A property's draws should give both often.
     */
    public static void countMatches(SigmaRule rule, java.util.function.Supplier<EventRecord> events, int n, long[] tally) {
        for (int k = 0; k < n; k++) {
            tally[matches(rule, events.get()) ? 0 : 1]++;
        }
    }

    /** Whether one rule matches one event on both paths; fails the test when they disagree. */
    public static boolean matches(SigmaRule rule, EventRecord event) {
        CompiledRuleSet set = SigmaCompiler.compile(List.of(rule));
        boolean fast = !compiled(set, List.of(event), 1).isEmpty();
        boolean ref = ReferenceEvaluator.matches(rule, event);
        if (fast != ref) {
            throw new AssertionError("compiled says " + fast + ", reference says " + ref + " for " + event);
        }
        return fast;
    }
}
