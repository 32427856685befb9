package dev.widescan.corpus;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.match.Literal;
import dev.widescan.sigma.SigmaRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams N events with a known set of detections: the corpus for benchmarks and end-to-end checks.
 *
 * <p>How the expected count is exact: every event is one of three kinds, decided by one draw.
 * <ul>
 *   <li><b>background</b> (1 - R - R/10): a model event; if any given rule matches it (per
 *       {@link RuleOracle}, i.e. the reference evaluator), it is drawn again, so background never detects;</li>
 *   <li><b>hit</b> (R): a model event with one CommandLine literal of a randomly chosen rule spliced in
 *       (random place, random case); kept only if the reference evaluator confirms the chosen rule matches,
 *       and every rule it matches is counted (a literal shared by several rules counts for each);</li>
 *   <li><b>filter case</b> (R/10, only when the seed rule is given): an event the seed's selection matches
 *       but its filters exclude; kept only if no rule matches it.</li>
 * </ul>
 * So the counts are true by construction and re-checked by the evaluator on every event it could apply
 * to. Memory is constant in N: one reused scene, record and candidate set; the optional record list is
 * streamed to the sidecar.
 */
public final class CorpusGenerator {
    /** Consecutive failed draws after which a rule is declared unreachable by splicing. */
    static final int WITNESS_ATTEMPTS = 64;
    /** Consecutive matching background draws after which the rule set is declared to match everything. */
    static final int BACKGROUND_ATTEMPTS = 10_000;

    private final GeneratorSettings settings;
    private final RuleOracle oracle;
    private final EventModel model;
    private final Draw draw;
    private final EventRecord record = new EventRecord();
    private final int[] matched;
    private final long[] perRule;
    private final List<Integer> targets = new ArrayList<>();
    private final int[] failures;
    private final List<String> withoutWitness = new ArrayList<>();
    private final double filterRate;

    public CorpusGenerator(GeneratorSettings settings, List<SigmaRule> rules) {
        this.settings = settings;
        this.oracle = new RuleOracle(rules);
        this.model = new EventModel(settings.seed(), settings.profile());
        this.draw = model.draw();
        this.matched = new int[rules.size()];
        this.perRule = new long[rules.size()];
        this.failures = new int[rules.size()];
        boolean seed = false;
        for (int r = 0; r < rules.size(); r++) {
            if (!oracle.commandLineLiterals(r).isEmpty()) {
                targets.add(r);
            }
            seed |= SeedFilterCases.SEED_RULE_ID.equals(rules.get(r).id());
        }
        this.filterRate = seed ? Math.min(settings.hitRate() / 10, 1.0 - settings.hitRate()) : 0.0;
        if (settings.hitRate() > 0 && settings.events() > 0 && targets.isEmpty()) {
            throw new IllegalArgumentException("--hit-rate " + settings.hitRate()
                    + " needs a rule with a CommandLine literal to splice; none of the " + rules.size() + " given rules has one");
        }
    }

    /** Writes the events to {@code sink} and the ground truth to {@code sidecar} (may be null). */
    public GenerationSummary generate(EventSink sink, ExpectedSidecar sidecar) throws IOException {
        long detected = 0;
        long hits = 0;
        long filters = 0;
        long regenerated = 0;
        long bytes = 0;
        for (long i = 0; i < settings.events(); i++) {
            double roll = draw.unit();
            int found = 0;
            if (roll < settings.hitRate() && !targets.isEmpty()) {
                found = drawHit();
            } else if (roll < settings.hitRate() + filterRate && drawFilterCase()) {
                filters++;
            } else {
                regenerated += drawBackground();
            }
            if (found > 0) {
                hits++;
                detected++;
                for (int k = 0; k < found; k++) {
                    perRule[matched[k]]++;
                }
                if (sidecar != null) {
                    sidecar.record(i, matched, found);
                }
            }
            bytes += utf16Bytes(record);
            sink.accept(record);
        }
        GenerationSummary summary = new GenerationSummary(settings.events(), detected, perRule.clone(), hits, filters,
                regenerated, List.copyOf(withoutWitness), bytes);
        if (sidecar != null) {
            sidecar.finish(summary);
        }
        return summary;
    }

    /** A background event no rule matches; returns how many draws were thrown away. */
    private long drawBackground() {
        for (int attempt = 0; attempt < BACKGROUND_ATTEMPTS; attempt++) {
            model.next(record);
            if (!oracle.matchesAny(record)) {
                return attempt;
            }
        }
        int n = oracle.evaluate(record, matched);
        String rule = n > 0 ? oracle.rule(matched[0]).displayName() : "?";
        throw new IllegalArgumentException("rule " + rule + " matched " + BACKGROUND_ATTEMPTS
                + " background events in a row: it matches ordinary activity, so no hit-free background can be generated with it");
    }

    /** A hit event: returns the number of rules it matches (> 0), their indices in {@link #matched}. */
    private int drawHit() {
        while (!targets.isEmpty()) {
            int t = draw.below(targets.size());
            int rule = targets.get(t);
            List<Literal> literals = oracle.commandLineLiterals(rule);
            Literal literal = literals.get(draw.below(literals.size()));
            model.drawScene();
            Splicer.splice(draw, model.scene().cmd, literal);
            model.fill(record);
            int found = oracle.evaluate(record, matched);
            if (contains(matched, found, rule)) {
                failures[rule] = 0;
                return found;
            }
            if (++failures[rule] >= WITNESS_ATTEMPTS) {
                targets.remove(t);
                withoutWitness.add(oracle.rule(rule).displayName());
            }
        }
        // Every rule turned out unreachable by splicing: the event stays background.
        drawBackground();
        return 0;
    }

    /** A seed filter case that no rule matches; false if none could be made (then background is drawn). */
    private boolean drawFilterCase() {
        for (int attempt = 0; attempt < WITNESS_ATTEMPTS; attempt++) {
            model.drawScene(draw.chance(0.5) ? SeedFilterCases::mpCmdRun : SeedFilterCases::compatTelRunnerChild);
            model.fill(record);
            if (!oracle.matchesAny(record)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    static long utf16Bytes(EventRecord r) {
        long sum = 0;
        for (Field f : Field.values()) {
            String v = r.get(f);
            if (v != null) {
                sum += 2L * v.length();
            }
        }
        return sum;
    }
}
