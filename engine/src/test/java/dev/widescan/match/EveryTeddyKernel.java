package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.widescan.format.Utf16Column;
import java.util.TreeSet;

/** Every kernel TeddyKernels defines (128/256/512-bit nibble, 512-bit 7-bit table) checked against naive. */
final class EveryTeddyKernel {
    /** (bits, seven-bit table) of every kernel. */
    static final int[][] KERNELS = {{128, 0}, {256, 0}, {512, 0}, {512, 1}};

    private EveryTeddyKernel() {
    }

    /** Each kernel reports exactly naive's hits in values [from, to) of {@code column}; {@code context} goes in the message. */
    static void agreeWithNaive(LiteralSet literals, Utf16Column column, int from, int to, String context) {
        TreeSet<Long> expected = HitCollector.scan(new NaiveMatcher(literals), column, from, to);
        for (int[] kernel : KERNELS) {
            TeddyMatcher teddy = new TeddyMatcher(literals, kernel[0], kernel[1] == 1);
            assertEquals(HitCollector.describe(expected), HitCollector.describe(HitCollector.scan(teddy, column, from, to)),
                    "teddy-" + kernel[0] + (kernel[1] == 1 ? " 7-bit" : "") + ", " + context + ", values [" + from + ", " + to
                            + ") of " + column.count() + ", literals " + literals.literals());
        }
    }
}
