package dev.widescan.match;

/**
 * A first-order Markov model of realistic Windows command lines, for Teddy's build step only: how often a
 * run of consecutive input units falls in given sets. Teddy's false candidates come from common words
 * ("Windows", "Program", "Create", "Load"), which per-unit frequencies cannot see but unit pairs do.
 * Units are folded into 44 classes (26 letters, 10 digits, space, backslash, dot, hyphen, colon, quote,
 * slash, everything else); the pair counts were measured once on the corpus generator's REALISTIC profile
 * (8 Mi units, pairs inside values). A literal set scanned over other text costs speed, never a hit:
 * nothing here decides a match.
 */
final class CommandLineModel {
    static final int CLASSES = 44;
    static final int OTHER = 43;
    /** Pairs per 100,000 adjacent unit pairs, row = first unit's class, column = second's. */
    private static final int[] PAIRS_PER_100K = {
            386, 539, 642, 374, 160, 125, 753, 308, 176, 27, 56, 361, 401, 351, 34, 170, 74, 463, 265, 591, 147, 97,
            16, 34, 168, 197, 7, 13, 14, 7, 7, 12, 17, 28, 5, 17, 36, 94, 29, 43, 0, 8, 6, 30,
            153, 17, 28, 22, 107, 19, 61, 65, 100, 87, 14, 156, 18, 28, 145, 62, 52, 93, 103, 50, 110, 77,
            92, 11, 71, 45, 113, 26, 22, 8, 16, 17, 6, 11, 16, 10, 30, 47, 4, 24, 0, 0, 0, 27,
            473, 7, 59, 9, 481, 11, 76, 493, 23, 0, 143, 62, 67, 5, 489, 27, 14, 213, 99, 190, 137, 7,
            56, 19, 50, 1, 60, 8, 8, 5, 18, 8, 9, 5, 8, 8, 45, 7, 28, 24, 1034, 12, 0, 59,
            345, 60, 30, 107, 340, 35, 98, 7, 191, 3, 6, 147, 40, 18, 793, 13, 20, 71, 91, 62, 40, 8,
            11, 5, 0, 2, 16, 5, 5, 8, 7, 5, 8, 6, 6, 5, 95, 34, 53, 44, 32, 7, 0, 76,
            224, 112, 247, 381, 64, 138, 27, 4, 46, 8, 7, 239, 763, 404, 69, 202, 48, 926, 544, 424, 24, 108,
            98, 882, 24, 9, 19, 40, 11, 12, 15, 6, 16, 6, 18, 14, 700, 220, 121, 131, 15, 245, 0, 314,
            96, 9, 17, 6, 124, 548, 3, 0, 391, 2, 0, 19, 40, 0, 232, 0, 10, 82, 37, 134, 3, 0,
            17, 0, 4, 0, 6, 6, 6, 9, 23, 5, 5, 5, 9, 5, 109, 3, 0, 18, 5, 12, 0, 3,
            237, 204, 22, 4, 310, 8, 14, 19, 18, 0, 48, 52, 40, 43, 66, 51, 14, 287, 53, 33, 138, 4,
            30, 0, 7, 3, 27, 2, 0, 6, 50, 0, 0, 0, 66, 0, 77, 51, 38, 20, 0, 24, 1, 40,
            223, 0, 14, 1, 176, 9, 7, 0, 116, 0, 31, 1, 52, 23, 395, 12, 108, 67, 11, 74, 16, 1,
            16, 0, 18, 0, 6, 0, 0, 0, 0, 0, 0, 4, 0, 0, 67, 17, 7, 18, 21, 6, 0, 14,
            405, 118, 501, 150, 129, 29, 104, 4, 0, 0, 28, 428, 136, 1092, 219, 123, 3, 66, 99, 255, 6, 112,
            4, 6, 1, 15, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 9, 18, 7, 0, 4, 0, 22,
            165, 0, 1, 5, 70, 0, 0, 0, 9, 0, 0, 0, 0, 1, 94, 0, 0, 0, 38, 0, 0, 1,
            15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 11, 7, 0, 0, 0, 0,
            130, 0, 8, 0, 81, 12, 52, 38, 91, 0, 5, 18, 36, 4, 6, 6, 4, 20, 56, 40, 18, 1,
            2, 0, 3, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 170, 35, 12, 16, 0, 20, 0, 17,
            418, 1, 4, 71, 489, 33, 17, 36, 249, 1, 0, 298, 18, 3, 431, 6, 58, 9, 97, 52, 26, 2,
            7, 0, 20, 1, 0, 0, 0, 23, 0, 0, 0, 0, 0, 0, 110, 71, 50, 59, 0, 2, 0, 141,
            310, 69, 27, 105, 365, 4, 16, 4, 194, 1, 0, 30, 49, 39, 181, 167, 4, 1, 105, 15, 6, 2,
            5, 7, 2, 1, 0, 0, 27, 516, 0, 0, 0, 4, 0, 0, 217, 81, 24, 36, 11, 4, 4, 40,
            205, 11, 142, 912, 315, 40, 203, 85, 89, 9, 28, 74, 11, 53, 121, 19, 4, 3, 157, 381, 56, 77,
            15, 1, 2, 1, 0, 3, 0, 4, 0, 0, 0, 0, 0, 0, 90, 82, 77, 30, 0, 19, 0, 44,
            181, 149, 235, 66, 1, 240, 396, 10, 26, 80, 70, 84, 284, 610, 162, 129, 1, 604, 610, 104, 196, 25,
            782, 114, 53, 26, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 59, 60, 10, 31, 0, 2, 0, 26,
            243, 1, 25, 81, 180, 3, 0, 6, 86, 0, 0, 194, 14, 1, 233, 135, 3, 516, 61, 81, 59, 1,
            5, 23, 38, 2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 156, 112, 45, 8, 2, 19, 0, 13,
            244, 320, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 7, 2, 8, 0, 9, 0, 0, 0, 72, 0,
            14, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 7, 0, 0, 0, 0, 0, 0, 0,
            418, 12, 203, 36, 703, 21, 60, 8, 307, 0, 126, 35, 58, 21, 696, 40, 6, 16, 352, 207, 87, 187,
            24, 8, 76, 3, 0, 0, 2, 3, 0, 1, 0, 0, 0, 0, 113, 46, 59, 29, 3, 17, 0, 124,
            161, 4, 154, 4, 626, 10, 46, 145, 274, 0, 139, 69, 97, 12, 303, 155, 10, 11, 163, 1163, 18, 314,
            13, 19, 642, 1, 13, 7, 6, 0, 0, 0, 4, 0, 4, 0, 276, 1228, 72, 24, 13, 20, 1, 45,
            432, 6, 93, 8, 1033, 55, 11, 117, 388, 0, 0, 50, 21, 16, 293, 97, 11, 220, 194, 102, 80, 12,
            140, 53, 152, 6, 0, 2, 0, 1, 4, 0, 0, 0, 0, 0, 302, 110, 380, 108, 9, 36, 7, 101,
            269, 19, 6, 22, 46, 12, 6, 0, 73, 0, 38, 94, 70, 167, 2, 89, 0, 130, 335, 181, 0, 1,
            22, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 14, 6, 0, 9, 0, 0, 0, 11,
            188, 7, 272, 0, 178, 1, 3, 4, 261, 0, 0, 0, 0, 0, 27, 0, 3, 0, 14, 4, 0, 0,
            10, 0, 0, 0, 0, 81, 0, 0, 1, 0, 0, 0, 1, 0, 22, 11, 1, 1, 17, 11, 0, 3,
            257, 242, 0, 4, 148, 0, 4, 18, 679, 0, 0, 6, 13, 75, 132, 36, 0, 8, 657, 0, 1, 0,
            3, 0, 0, 0, 1, 0, 1, 5, 0, 0, 3, 0, 0, 0, 8, 4, 23, 2, 3, 1, 0, 1,
            62, 3, 21, 4, 755, 72, 7, 1, 51, 0, 1, 22, 17, 1, 1, 18, 2, 1, 15, 91, 1, 2,
            6, 2, 4, 1, 4, 5, 6, 3, 6, 3, 6, 4, 23, 2, 33, 19, 13, 24, 3, 28, 0, 22,
            124, 2, 16, 3, 2, 4, 11, 1, 1, 0, 0, 19, 4, 78, 34, 84, 52, 8, 595, 15, 2, 6,
            38, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 3, 0, 0, 109, 72, 42, 26, 2, 4, 1, 36,
            57, 0, 0, 0, 15, 0, 7, 7, 52, 0, 0, 0, 0, 0, 33, 0, 125, 0, 1, 0, 0, 0,
            21, 0, 34, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 7, 0, 0, 1, 0, 0,
            205, 6, 8, 5, 6, 5, 0, 5, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0,
            1, 115, 0, 0, 66, 40, 86, 16, 20, 16, 16, 17, 16, 30, 92, 25, 53, 11, 3, 1, 0, 26,
            25, 11, 9, 10, 6, 8, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            1, 0, 0, 0, 33, 48, 27, 23, 47, 23, 52, 25, 31, 37, 41, 6, 69, 26, 7, 4, 0, 17,
            23, 5, 5, 11, 5, 5, 2, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 5, 0, 0,
            0, 3, 0, 1, 101, 63, 43, 30, 59, 51, 40, 20, 21, 22, 37, 545, 59, 10, 0, 1, 0, 20,
            7, 8, 6, 6, 5, 11, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
            0, 0, 0, 0, 19, 22, 567, 17, 17, 21, 26, 24, 19, 17, 23, 0, 34, 16, 0, 0, 0, 14,
            89, 6, 6, 9, 14, 5, 0, 0, 0, 15, 0, 0, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0,
            0, 0, 1, 0, 28, 22, 17, 18, 45, 25, 24, 31, 25, 16, 45, 3, 60, 11, 0, 0, 0, 18,
            18, 12, 5, 5, 12, 6, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 26, 17, 17, 16, 18, 17, 25, 18, 20, 20, 38, 0, 40, 10, 0, 0, 0, 20,
            21, 5, 5, 9, 6, 5, 1, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 4, 0, 19, 17, 35, 20, 38, 20, 17, 16, 17, 16, 28, 27, 32, 10, 0, 0, 0, 30,
            28, 7, 6, 5, 8, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 3,
            4, 0, 0, 7, 20, 18, 17, 16, 23, 23, 17, 16, 25, 18, 27, 1, 23, 18, 0, 0, 0, 9,
            104, 6, 5, 6, 5, 5, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            1, 1, 0, 0, 36, 25, 17, 24, 19, 23, 38, 27, 18, 18, 22, 0, 35, 10, 0, 0, 0, 8,
            20, 9, 14, 6, 5, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
            0, 0, 0, 0, 34, 18, 27, 26, 17, 18, 19, 17, 18, 17, 18, 0, 23, 16, 0, 0, 0, 9,
            52, 38, 227, 65, 81, 214, 67, 21, 46, 5, 6, 65, 22, 101, 37, 27, 7, 54, 171, 36, 28, 11,
            64, 2, 0, 0, 140, 36, 86, 20, 19, 21, 19, 9, 49, 25, 0, 13, 0, 1119, 0, 323, 401, 495,
            140, 64, 361, 251, 56, 65, 64, 8, 64, 56, 13, 129, 219, 63, 118, 300, 16, 166, 901, 87, 267, 14,
            695, 2, 9, 1, 0, 2, 0, 0, 10, 0, 0, 5, 0, 0, 0, 21, 27, 0, 0, 23, 0, 114,
            16, 8, 80, 45, 743, 4, 0, 0, 5, 107, 3, 76, 74, 13, 3, 45, 0, 11, 21, 48, 0, 6,
            8, 20, 1, 20, 52, 77, 48, 13, 13, 17, 11, 12, 11, 10, 0, 0, 0, 0, 0, 0, 0, 2,
            73, 24, 134, 60, 101, 147, 19, 91, 33, 19, 134, 44, 49, 58, 49, 220, 1, 16, 266, 99, 48, 15,
            39, 9, 2, 2, 20, 22, 29, 20, 26, 18, 18, 20, 20, 21, 37, 0, 0, 256, 0, 0, 0, 0,
            6, 3, 7, 4, 0, 1, 2, 0, 2, 1, 0, 1, 4, 6, 0, 9, 1, 2, 3, 6, 0, 0,
            0, 0, 1, 0, 15, 6, 5, 5, 2, 3, 4, 3, 3, 0, 5, 1042, 0, 0, 6, 2, 8, 33,
            2, 5, 438, 11, 0, 4, 3, 5, 7, 0, 0, 7, 9, 3, 1, 4, 1, 3, 16, 6, 0, 0,
            0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 464, 11, 0, 4, 1, 12, 0, 13,
            7, 24, 33, 24, 13, 33, 3, 0, 18, 0, 3, 5, 5, 43, 10, 56, 12, 17, 21, 39, 8, 13,
            4, 2, 28, 0, 0, 0, 0, 0, 7, 0, 0, 1, 0, 0, 3, 0, 0, 0, 0, 0, 15, 0,
            56, 15, 158, 66, 33, 48, 28, 24, 43, 4, 1, 30, 31, 42, 18, 73, 11, 32, 138, 60, 30, 30,
            52, 24, 0, 15, 14, 36, 75, 22, 19, 14, 11, 14, 13, 13, 492, 123, 48, 7, 8, 21, 0, 365
    };
    /** P(next class | class), smoothed so that no pair is impossible. */
    private static final double[][] NEXT = new double[CLASSES][CLASSES];
    /** P(class) of a unit. */
    private static final double[] SINGLE = new double[CLASSES];
    /** Per packed byte (the scan's {@code min(unit, 0xFF)}): its class and its share of that class. */
    private static final byte[] CLASS_OF = new byte[256];
    private static final double[] SHARE_OF = new double[256];

    static {
        double total = 0;
        for (int from = 0; from < CLASSES; from++) {
            double row = 0;
            for (int to = 0; to < CLASSES; to++) {
                row += PAIRS_PER_100K[from * CLASSES + to] + 0.5;
            }
            for (int to = 0; to < CLASSES; to++) {
                NEXT[from][to] = (PAIRS_PER_100K[from * CLASSES + to] + 0.5) / row;
            }
            SINGLE[from] = row;
            total += row;
        }
        for (int c = 0; c < CLASSES; c++) {
            SINGLE[c] /= total;
        }
        int[] members = new int[CLASSES];
        for (int b = 0; b < 256; b++) {
            CLASS_OF[b] = (byte) classOf(b);
            members[CLASS_OF[b]]++;
        }
        for (int b = 0; b < 256; b++) {
            int c = CLASS_OF[b];
            // Letters: both cases count half. The catch-all class: byte 0xFF (every unit above U+00FE, all
            // non-Latin-1 text) takes half, the other 200-odd rare bytes share the rest.
            SHARE_OF[b] = c == OTHER ? (b == 0xFF ? 0.5 : 0.5 / (members[OTHER] - 1)) : 1.0 / members[c];
        }
    }

    private CommandLineModel() {
    }

    /** Tests: P(class). */
    static double single(int c) {
        return SINGLE[c];
    }

    /** Tests: P(next class | class). */
    static double next(int from, int to) {
        return NEXT[from][to];
    }

    private static int classOf(int packedByte) {
        int u = packedByte >= 'A' && packedByte <= 'Z' ? packedByte + 32 : packedByte;
        if (u >= 'a' && u <= 'z') {
            return u - 'a';
        }
        if (u >= '0' && u <= '9') {
            return 26 + u - '0';
        }
        return switch (u) {
            case ' ' -> 36;
            case '\\' -> 37;
            case '.' -> 38;
            case '-' -> 39;
            case ':' -> 40;
            case '"' -> 41;
            case '/' -> 42;
            default -> OTHER;
        };
    }

    /** Adds to {@code accepted} (per class, 0..1) the share of each class that the byte set (4 longs) holds. */
    static void acceptBytes(long[] bytes, double[] accepted) {
        for (int word = 0; word < 4; word++) {
            for (long bits = bytes[word]; bits != 0; bits &= bits - 1) { // set bits only, ascending
                int b = word << 6 | Long.numberOfTrailingZeros(bits);
                accepted[CLASS_OF[b]] += SHARE_OF[b];
            }
        }
    }

    /**
     * Per class, the share a nibble-table pair accepts: every low nibble entered crossed with every high one.
     * Walks the set bits only (the build calls this thousands of times, mostly on sparse sets, on
     * the scan's critical path at start-up), in ascending order, so the sums are those of a full 16 × 16 walk.
     */
    static void acceptNibbles(int lowNibbles, int highNibbles, double[] accepted) {
        java.util.Arrays.fill(accepted, 0);
        for (int highs = highNibbles & 0xFFFF; highs != 0; highs &= highs - 1) {
            int high = Integer.numberOfTrailingZeros(highs);
            for (int lows = lowNibbles & 0xFFFF; lows != 0; lows &= lows - 1) {
                int b = high << 4 | Integer.numberOfTrailingZeros(lows);
                accepted[CLASS_OF[b]] += SHARE_OF[b];
            }
        }
    }

    /**
     * The chance that a random command-line position starts a run of {@code accepted.length} units whose
     * k-th unit is accepted by {@code accepted[k]} (per class shares), under the pair model.
     *
     * <p>Only the classes still alive (reached with a non-zero chance) and the classes the next unit accepts
     * are crossed: a fingerprint position accepts a few classes, so this costs a few dozen products instead
     * of 44 × 44 per step. Both lists ascend, so every sum adds the same terms in the same order as the
     * full product, and the result is bit for bit the same (the plan must not depend on this shortcut).
     */
    static double runRate(double[][] accepted, Scratch scratch) {
        double[] current = scratch.a;
        double[] next = scratch.b;
        int[] live = scratch.liveA;
        int[] targets = scratch.liveB;
        int lives = 0;
        double[] first = accepted[0];
        for (int c = 0; c < CLASSES; c++) {
            current[c] = SINGLE[c] * Math.min(1, first[c]);
            if (current[c] != 0) {
                live[lives++] = c;
            }
        }
        for (int k = 1; k < accepted.length; k++) {
            double[] acceptedHere = accepted[k];
            int count = 0;
            for (int to = 0; to < CLASSES; to++) {
                next[to] = 0;
                if (acceptedHere[to] != 0) {
                    targets[count++] = to;
                }
            }
            for (int i = 0; i < lives; i++) {
                int from = live[i];
                double p = current[from];
                double[] row = NEXT[from];
                for (int j = 0; j < count; j++) {
                    int to = targets[j];
                    next[to] += p * row[to] * Math.min(1, acceptedHere[to]);
                }
            }
            int alive = 0;
            for (int j = 0; j < count; j++) {
                if (next[targets[j]] != 0) {
                    targets[alive++] = targets[j];
                }
            }
            double[] swap = current;
            current = next;
            next = swap;
            int[] swapLive = live;
            live = targets;
            targets = swapLive;
            lives = alive;
        }
        double rate = 0;
        for (int c = 0; c < CLASSES; c++) {
            rate += current[c];
        }
        return rate;
    }

    /** Work arrays of {@link #runRate}, one set per build (not thread-safe, not shared). */
    static final class Scratch {
        final double[] a = new double[CLASSES];
        final double[] b = new double[CLASSES];
        final int[] liveA = new int[CLASSES];
        final int[] liveB = new int[CLASSES];
    }
}
