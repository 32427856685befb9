package dev.widescan.match;

import dev.widescan.format.Utf16Column;

/**
 * {@code auto}'s vector matcher with a scalar stand-in: each scan call goes to the stand-in until the
 * vector kernel is measured compiled ({@link KernelWarmUp}), then to the kernel. The switch is one volatile
 * read per call (per piece of a column, not per value or unit); both matchers share the literal ids and
 * report the same hits, so a scan's result does not depend on where the switch fell.
 */
final class WarmedMatcher implements Matcher {
    private final Matcher vector;
    private final Matcher scalar;
    private final KernelWarmUp warmUp;

    WarmedMatcher(Matcher vector, Matcher scalar) {
        this(vector, scalar, KernelWarmUp.of(vector, scalar));
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
                (warmUp.compiled() ? fast : standIn).scan(column, fromValue, toValue, sink);
            }
        };
    }
}
