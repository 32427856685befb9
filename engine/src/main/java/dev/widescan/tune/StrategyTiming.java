package dev.widescan.tune;

/**
 * One strategy's figures on one field's sample: median GB/s over the measured rounds and the spread
 * (slowest and fastest round), how many rounds (after how many warm-up rounds), the bytes one pass of a
 * round scanned (the whole sample unless the strategy was too slow for it: then a spread-out prefix, {@code
 * piecesPerRound} of the sample's pieces; a round repeats a small sample until it lasts ~2 ms), the sample bytes its hits were checked on, and the build time
 * of the matcher. {@code warmedUp} is false when the warm-up ended by time, not by stable rounds and an idle
 * JIT: the figure may then be that of not-yet-compiled code (a strategy far too slow for the literal set,
 * or a budget too short for this machine).
 */
public record StrategyTiming(Candidate candidate, double medianGbps, double minGbps, double maxGbps, int rounds,
                             int warmupRounds, boolean warmedUp, long bytesPerRound, int piecesPerRound, long checkedBytes,
                             double buildMillis) {
    public String label() {
        return candidate.label();
    }

    /** (max - min) / median: the relative spread of the measured rounds. */
    public double spread() {
        return medianGbps > 0 ? (maxGbps - minGbps) / medianGbps : 0;
    }
}
