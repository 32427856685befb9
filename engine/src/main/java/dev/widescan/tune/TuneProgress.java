package dev.widescan.tune;

/** Told before each strategy is timed; the CLI draws a progress line on a terminal. */
@FunctionalInterface
public interface TuneProgress {
    TuneProgress NONE = (field, strategy, done, total, secondsLeft) -> { };

    /** {@code done} of {@code total} (field, strategy) pairs are finished; {@code secondsLeft} of the budget remain. */
    void timing(String field, String strategy, int done, int total, double secondsLeft);
}
