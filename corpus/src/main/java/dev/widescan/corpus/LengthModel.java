package dev.widescan.corpus;

/**
 * The long-tail component of the length mixture. Body shapes ({@link ShapeTable}) produce lengths by
 * construction (their median and p90 are what the real data's are, because most real events are the
 * same short service and tool invocations); but the mean (131) and p99 (1,532) are set by the rare huge
 * command lines, so those are drawn explicitly: a fraction {@link #TAIL_SHARE} of events gets a target
 * length from a log-normal (median {@link #TAIL_MEDIAN}, sigma {@link #TAIL_SIGMA}) clamped to
 * [{@link #TAIL_MIN}, {@link #MAX_LENGTH}], and a {@link TailShapes} shape fills exactly that length.
 * The clamp at 32,767 puts a small atom at the limit, so large archives do reach the maximum.
 */
final class LengthModel {
    /** The Windows command-line limit (UNICODE_STRING, 32,767 code units). */
    static final int MAX_LENGTH = 32_767;
    static final double TAIL_SHARE = 0.020;
    static final double TAIL_MEDIAN = 1_532;
    static final double TAIL_SIGMA = 1.2;
    static final int TAIL_MIN = 260;
    static final int NEAR_LIMIT_MIN = 30_000;

    private LengthModel() {
    }

    static boolean tail(Draw d) {
        return d.chance(TAIL_SHARE);
    }

    static int tailTarget(Draw d) {
        double len = TAIL_MEDIAN * StrictMath.exp(TAIL_SIGMA * d.gaussian());
        return (int) Math.max(TAIL_MIN, Math.min(MAX_LENGTH, Math.round(len)));
    }

    static int nearLimitTarget(Draw d) {
        return d.between(NEAR_LIMIT_MIN, MAX_LENGTH);
    }
}
