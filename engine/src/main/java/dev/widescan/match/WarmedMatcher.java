package dev.widescan.match;

import dev.widescan.format.Utf16Column;

/**
 * {@code auto}'s vector matcher with a scalar stand-in: pieces go to the stand-in while the vector kernel
 * is not yet measured compiled, apart from the pieces {@link KernelWarmUp} sends to the kernel to bring it
 * to C2 and to time it; then every piece goes to the kernel. Both matchers share the literal ids and
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
                int units = column.offset(toValue) - column.offset(fromValue);
                boolean toKernel = warmUp.toKernel(units);
                long start = System.nanoTime();
                (toKernel ? fast : standIn).scan(column, fromValue, toValue, sink);
                warmUp.record(toKernel, units, System.nanoTime() - start);
            }
        };
    }
}
