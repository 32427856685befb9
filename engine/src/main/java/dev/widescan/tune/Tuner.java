package dev.widescan.tune;

import dev.widescan.format.Field;
import dev.widescan.match.MatcherFactory;
import dev.widescan.scan.Archive;
import dev.widescan.scan.StrategyProfile;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code widescan tune}'s measurement: reads a spread-out sample of the archive, then times every
 * strategy that can serve each field slot's literal set on it, in this JVM, one thread, within a total
 * time budget.
 *
 * <p>Why one budget shared out as it goes: the archive may be a terabyte and the rule set the whole
 * catalog, yet the user asked for an answer in S seconds. After the sample is read, each (field, strategy)
 * pair gets its weight's part of the time left ({@link #BYTES_WEIGHT}), small fields first, so a quick
 * pair's unspent time goes to the next; a strategy too slow for its share is timed on a spread-out prefix
 * of the sample (see {@link FieldTuner}).
 * 5% of the budget is kept for building the outputs.
 *
 * <p>A slot whose field has no byte in the sample (no sampled block holds a value of it) is not timed:
 * there is nothing to time, so it gets no share and is reported as {@link UntimedField}; the profile
 * keeps {@code auto}'s choice for it. Tuning still finishes when no slot at all can be timed.
 */
public final class Tuner {
    /**
     * A pair's share of the budget is proportional to {@code 1 + BYTES_WEIGHT × its field's sample bytes /
     * the largest field's}: warm-up costs about the same on any field, the timed rounds grow with the bytes.
     */
    static final double BYTES_WEIGHT = 3;

    /** {@code sampleBlocks}: blocks read (spread over the archive); {@code seconds}: the whole run's budget. */
    public record Settings(int sampleBlocks, double seconds, long seed) {
        public Settings {
            if (sampleBlocks < 1) {
                throw new IllegalArgumentException("--sample-blocks must be >= 1, got " + sampleBlocks);
            }
            if (!(seconds > 0) || Double.isInfinite(seconds)) { // Infinity would tune forever: the budget bounds the run
                throw new IllegalArgumentException("--seconds must be > 0 and finite, got " + seconds);
            }
        }
    }

    private final LongSupplier clock;

    public Tuner() {
        this(System::nanoTime);
    }

    Tuner(LongSupplier clock) {
        this.clock = clock;
    }

    public TuneReport run(CompiledRuleSet rules, Archive archive, Settings settings, TuneProgress progress) {
        return run(rules, archive, settings, progress, clock.getAsLong());
    }

    /**
     * With the budget counted from {@code startNanos} (of this tuner's clock): the CLI counts from the
     * JVM's start, so that JVM start-up and rule loading are inside the user's {@code --seconds} too.
     */
    public TuneReport run(CompiledRuleSet rules, Archive archive, Settings settings, TuneProgress progress, long startNanos) {
        long start = startNanos;
        long deadline = start + (long) (settings.seconds() * 0.95e9);
        MachineDescription machine = MachineDescription.current();
        List<FieldLiterals> slots = rules.fieldLiterals();
        Set<Field> fields = new LinkedHashSet<>();
        for (FieldLiterals fl : slots) {
            if (fl.literals().size() > 0) {
                fields.add(fl.field());
            }
        }
        // Reading (and CRC-checking) the sample may take at most a quarter of the budget.
        Sample sample = Sample.read(archive, fields, settings.sampleBlocks(), settings.seed(), clock,
                start + (long) (settings.seconds() * 0.25e9));
        List<FieldTuner> tuners = new ArrayList<>();
        List<List<Candidate>> candidates = new ArrayList<>();
        List<UntimedField> untimed = new ArrayList<>();
        int pairs = 0;
        for (int slot = 0; slot < slots.size(); slot++) {
            FieldLiterals fl = slots.get(slot);
            if (fl.literals().size() == 0) {
                continue;
            }
            List<Sample.Piece> pieces = sample.pieces(fl.field());
            if (Sample.bytes(pieces, pieces.size()) == 0) {
                untimed.add(new UntimedField(slot, fl.field(), fl.literals(), StrategyProfile.fingerprint(fl.literals()),
                        sample.blocks(), sample.presentBlocks(fl.field()), new Candidate(MatcherFactory.pick(fl.literals()), Map.of())));
                continue;
            }
            tuners.add(new FieldTuner(slot, fl, pieces, clock));
            List<Candidate> c = Candidate.forLiterals(fl.literals(), machine.vectorBits());
            candidates.add(c);
            pairs += c.size();
        }
        // Small fields first: a pair that finishes early (MAX_ROUNDS reached) leaves its time to the big ones.
        // Weights: every pair needs its warm-up whatever the size; the rounds scale with the sample's bytes.
        List<Integer> order = new ArrayList<>();
        double[] weight = new double[tuners.size()];
        long maxBytes = 1;
        for (FieldTuner t : tuners) {
            maxBytes = Math.max(maxBytes, Sample.bytes(t.pieces(), t.pieces().size()));
        }
        double weightLeft = 0;
        for (int t = 0; t < tuners.size(); t++) {
            order.add(t);
            weight[t] = 1 + BYTES_WEIGHT * Sample.bytes(tuners.get(t).pieces(), tuners.get(t).pieces().size()) / (double) maxBytes;
            weightLeft += weight[t] * candidates.get(t).size();
        }
        order.sort((a, b) -> Double.compare(weight[a], weight[b]));
        FieldTuning[] results = new FieldTuning[tuners.size()];
        int done = 0;
        for (int t : order) {
            FieldTuner tuner = tuners.get(t);
            List<StrategyTiming> timings = new ArrayList<>();
            for (Candidate c : candidates.get(t)) {
                long now = clock.getAsLong();
                long share = (long) Math.max(0, (deadline - now) * weight[t] / Math.max(weight[t], weightLeft));
                progress.timing(tuner.fieldLiterals().field().name(), c.label(), done, pairs, Math.max(0, (deadline - now) / 1e9));
                timings.add(tuner.measure(c, share));
                weightLeft -= weight[t];
                done++;
            }
            List<Sample.Piece> pieces = tuner.pieces();
            results[t] = new FieldTuning(tuner.slot(), tuner.fieldLiterals().field(), tuner.fieldLiterals().literals(),
                    StrategyProfile.fingerprint(tuner.fieldLiterals().literals()), sample.blocks(), Sample.dictionaryBlocks(pieces),
                    Sample.bytes(pieces, pieces.size()), timings);
        }
        progress.timing("", "", pairs, pairs, Math.max(0, (deadline - clock.getAsLong()) / 1e9));
        return new TuneReport(machine, rules, List.of(results), untimed, sample.blocks(), settings.sampleBlocks(), sample.archiveBlocks(), archive.fileCount(),
                settings.seconds(), (clock.getAsLong() - start) / 1e9);
    }
}
