package dev.widescan.match;

import dev.widescan.format.Utf16Column;

/**
 * {@code auto}'s vector matcher with a scalar stand-in: pieces go to the stand-in while the vector kernel
 * is not yet measured compiled, apart from the probe slices {@link KernelWarmUp} cuts off the tail of some
 * pieces to bring the kernel to C2 and to time it; then every piece goes to the kernel. Both matchers share the literal ids and
 * report the same hits, so a scan's result does not depend on where the switch fell. Once compiled, the
 * cost is one volatile read per piece (per call, not per value or unit).
 */
final class WarmedMatcher implements Matcher {
    private final Matcher vector;
    private final Matcher scalar;
    private final KernelWarmUp warmUp;

    WarmedMatcher(Matcher vector, Matcher scalar) {
        this(vector, scalar, KernelWarmUp.of(vector.vectorKernel()));
    }

    WarmedMatcher(Matcher vector, Matcher scalar, KernelWarmUp warmUp) {
        if (vector.vectorKernel() == null) {
            throw new IllegalArgumentException(vector.strategyName() + " runs no vector kernel to warm up");
        }
        this.vector = vector;
        this.scalar = scalar;
        this.warmUp = warmUp;
    }

    @Override
    public String strategyName() {
        return vector.strategyName();
    }

    @Override
    public LiteralSet literals() {
        return vector.literals();
    }

    @Override
    public String vectorKernel() {
        return vector.vectorKernel();
    }

    @Override
    public Searcher newSearcher() {
        Searcher fast = vector.newSearcher();
        Searcher standIn = scalar.newSearcher();
        return new Searcher() {
            @Override
            public void scan(Utf16Column column, int fromValue, int toValue, HitSink sink) {
                if (warmUp.compiled()) {
                    fast.scan(column, fromValue, toValue, sink);
                    return;
                }
                int end = column.offset(toValue);
                int units = end - column.offset(fromValue);
                int probeStart = warmUp.probeNow(units) ? probeStart(column, fromValue, toValue) : toValue;
                long begin = System.nanoTime();
                if (fromValue < probeStart) {
                    standIn.scan(column, fromValue, probeStart, sink);
                }
                long probing = System.nanoTime();
                if (probeStart < toValue) {
                    fast.scan(column, probeStart, toValue, sink);
                }
                int probeUnits = end - column.offset(probeStart);
                warmUp.record(probeUnits, System.nanoTime() - probing, units - probeUnits, probing - begin);
            }
        };
    }

    /**
     * The first value of the probe slice: the last values of the piece, about {@link KernelWarmUp#PROBE_UNITS}
     * units (at least one value). The probe is the piece's tail, so the kernel meets the end of its column as
     * often as it will once compiled: a slice that never reached it left the loop's masked tail out of C2's
     * profile, and the first whole piece then deoptimized the fresh code (an uncommon trap).
     */
    static int probeStart(Utf16Column column, int fromValue, int toValue) {
        long target = (long) column.offset(toValue) - KernelWarmUp.PROBE_UNITS;
        int lo = fromValue;
        int hi = toValue - 1;
        while (lo < hi) { // the last value starting at or before target, or fromValue
            int mid = (lo + hi + 1) >>> 1;
            if (column.offset(mid) <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
