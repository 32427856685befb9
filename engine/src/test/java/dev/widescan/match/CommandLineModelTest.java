package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The command-line model walks only the classes a run can be in and the set bits of a nibble table (the
 * Teddy build calls it tens of thousands of times at start-up). Teddy's plan must not depend on that
 * shortcut, so each result is compared, bit for bit, with the full 16 × 16 and 44 × 44 products written
 * out here, on sparse, dense, empty and random inputs.
 */
class CommandLineModelTest {
    private static final int CLASSES = CommandLineModel.CLASSES;

    @Test
    void acceptNibblesEqualsTheFullCrossProduct() {
        Random random = new Random(11);
        int[] fixed = {0, 1, 0x8000, 0xFFFF, 0x0F0F, 0x1_0001, -1};
        for (int low : fixed) {
            for (int high : fixed) {
                assertSameShares(low, high);
            }
        }
        for (int i = 0; i < 2_000; i++) {
            assertSameShares(sparseBits(random), sparseBits(random));
        }
    }

    @Test
    void runRateEqualsTheFullPairProduct() {
        Random random = new Random(12);
        CommandLineModel.Scratch scratch = new CommandLineModel.Scratch();
        for (int i = 0; i < 3_000; i++) {
            int length = 1 + random.nextInt(4);
            double[][] accepted = new double[length][CLASSES];
            for (double[] position : accepted) {
                if (random.nextInt(4) == 0) {
                    CommandLineModel.acceptNibbles(random.nextInt(1 << 16), random.nextInt(1 << 16), position);
                } else if (random.nextInt(8) > 0) {
                    for (int k = random.nextInt(6); k >= 0; k--) {
                        position[random.nextInt(CLASSES)] = random.nextInt(3) == 0 ? 1.5 : random.nextDouble();
                    }
                } // else: nothing accepted here, so nothing gets through
            }
            double expected = fullRunRate(accepted);
            assertEquals(Double.doubleToRawLongBits(expected),
                    Double.doubleToRawLongBits(CommandLineModel.runRate(accepted, scratch)), Arrays.deepToString(accepted));
        }
    }

    private static int sparseBits(Random random) {
        int bits = 0;
        for (int k = random.nextInt(5); k > 0; k--) {
            bits |= 1 << random.nextInt(16);
        }
        return random.nextInt(10) == 0 ? random.nextInt(1 << 16) : bits;
    }

    private static void assertSameShares(int low, int high) {
        double[] fast = new double[CLASSES];
        double[] full = new double[CLASSES];
        Arrays.fill(fast, 7); // acceptNibbles clears what it fills
        CommandLineModel.acceptNibbles(low, high, fast);
        for (int h = 0; h < 16; h++) {
            for (int l = 0; l < 16; l++) {
                if ((high & (1 << h)) != 0 && (low & (1 << l)) != 0) {
                    long[] one = new long[4];
                    int b = h << 4 | l;
                    one[b >>> 6] |= 1L << b;
                    CommandLineModel.acceptBytes(one, full);
                }
            }
        }
        for (int c = 0; c < CLASSES; c++) {
            assertEquals(Double.doubleToRawLongBits(full[c]), Double.doubleToRawLongBits(fast[c]),
                    "class " + c + " of low " + Integer.toHexString(low) + " high " + Integer.toHexString(high));
        }
    }

    /** The pair model's run rate as a plain product over all 44 × 44 class pairs at every step. */
    private static double fullRunRate(double[][] accepted) {
        double[] current = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            current[c] = CommandLineModel.single(c) * Math.min(1, accepted[0][c]);
        }
        for (int k = 1; k < accepted.length; k++) {
            double[] after = new double[CLASSES];
            for (int from = 0; from < CLASSES; from++) {
                if (current[from] != 0) {
                    for (int to = 0; to < CLASSES; to++) {
                        if (accepted[k][to] != 0) {
                            after[to] += current[from] * CommandLineModel.next(from, to) * Math.min(1, accepted[k][to]);
                        }
                    }
                }
            }
            current = after;
        }
        double rate = 0;
        for (double p : current) {
            rate += p;
        }
        return rate;
    }
}
