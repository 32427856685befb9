package dev.widescan.match;

import dev.widescan.format.Utf16Column;

/**
 * {@code auto}'s vector matcher with its pieces timed for {@link KernelWarmUp} until the kernel is seen
 * running compiled; then a plain delegate (one volatile read per piece: per call, not per value or unit).
 * The hits are the kernel's own, untouched.
 */
final class TimedKernelMatcher implements Matcher {
    private final Matcher vector;
    private final KernelWarmUp warmUp;

    TimedKernelMatcher(Matcher vector) {
        this(vector, vector.vectorKernel() == null ? null : KernelWarmUp.of(vector.vectorKernel()));
    }

    TimedKernelMatcher(Matcher vector, KernelWarmUp warmUp) {
        if (vector.vectorKernel() == null) {
            throw new IllegalArgumentException(vector.strategyName() + " runs no vector kernel to time");
        }
        this.vector = vector;
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
        Searcher kernel = vector.newSearcher();
        return new Searcher() {
            @Override
            public void scan(Utf16Column column, int fromValue, int toValue, HitSink sink) {
                if (warmUp.compiled()) {
                    kernel.scan(column, fromValue, toValue, sink);
                    return;
                }
                int units = column.offset(toValue) - column.offset(fromValue);
                long start = System.nanoTime();
                kernel.scan(column, fromValue, toValue, sink);
                warmUp.record(units, System.nanoTime() - start);
            }
        };
    }
}
