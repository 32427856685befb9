package dev.widescan.tune;

import dev.widescan.format.Field;
import dev.widescan.match.LiteralKind;
import dev.widescan.match.LiteralSet;
import java.util.List;

/**
 * The tuning of one field slot: its literals, the sample it was timed on, {@code auto}'s choice (the
 * first timing) and every strategy's figures, best first after auto.
 */
public record FieldTuning(int slot, Field field, LiteralSet literals, String fingerprint, int sampleBlocks,
                          int dictionaryBlocks, long sampleBytes, List<StrategyTiming> timings) {
    public FieldTuning {
        timings = List.copyOf(timings);
        if (timings.isEmpty()) {
            throw new IllegalArgumentException("field " + field + " (slot " + slot + "): a tuning needs at least auto's timing");
        }
    }

    /** {@code auto}'s choice: always timed first. */
    public StrategyTiming auto() {
        return timings.get(0);
    }

    /**
     * The fastest by median GB/s among the figures that can be trusted: warmed up (stable rounds, idle JIT)
     * and timed on the whole sample; {@code auto}'s choice when none of the others qualifies or none beats
     * it. A profile departs from {@code auto} only on such evidence.
     */
    public StrategyTiming winner() {
        StrategyTiming best = timings.get(0);
        for (StrategyTiming t : timings) {
            if (trusted(t) && t.medianGbps() > best.medianGbps()) {
                best = t;
            }
        }
        return best;
    }

    /** Warmed up and timed on every byte of the sample. */
    public boolean trusted(StrategyTiming t) {
        return t.warmedUp() && t.bytesPerRound() == sampleBytes;
    }

    public double ratioToAuto(StrategyTiming t) {
        double a = auto().medianGbps();
        return a > 0 ? t.medianGbps() / a : Double.NaN;
    }

    public int count(LiteralKind kind) {
        int n = 0;
        for (var l : literals.literals()) {
            n += l.kind() == kind ? 1 : 0;
        }
        return n;
    }
}
