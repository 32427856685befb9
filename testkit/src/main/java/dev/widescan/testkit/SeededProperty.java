package dev.widescan.testkit;

import java.util.SplittableRandom;

/**
 * Property tests without a framework: a body run for {@code tries} cases, each with its own
 * {@link SplittableRandom}. The run's base seed is fresh every run (so CI keeps exploring) unless
 * {@code -Dwidescan.seed=S} fixes it; a failure names the base seed, the case and the case seed, so
 * {@code -Dwidescan.seed=S} replays the whole run exactly.
 *
 * <p>Why not a library: the one this project used asks not to be used by AI coding agents; what the suites
 * need from a framework is only this loop and the seed in the failure message. Shrinking is replaced by
 * small generators (the cases are built small first, see the callers).
 */
public final class SeededProperty {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SeededProperty() {
    }

    /** One case of a property. */
    @FunctionalInterface
    public interface Body {
        void check(SplittableRandom random) throws Exception;
    }

    /** Runs {@code body} for {@code tries} seeded cases; the first failure is rethrown with its seeds. */
    public static void forAll(int tries, Body body) {
        long base = baseSeed();
        for (int i = 0; i < tries; i++) {
            long caseSeed = mix(base + GOLDEN * (i + 1));
            try {
                body.check(new SplittableRandom(caseSeed));
            } catch (Throwable t) {
                throw new AssertionError("property failed at case " + (i + 1) + " of " + tries + " (base seed " + base
                        + ", case seed " + caseSeed + "; replay with -Dwidescan.seed=" + base + "): " + t, t);
            }
        }
    }

    /** The base seed of this run: {@code -Dwidescan.seed} or a fresh one. */
    public static long baseSeed() {
        String fixed = System.getProperty("widescan.seed", "");
        if (!fixed.isBlank()) {
            return Long.parseLong(fixed.trim());
        }
        return mix(System.nanoTime() ^ Thread.currentThread().threadId() * GOLDEN);
    }

    /** A string of {@code minLength..maxLength} units drawn from {@code alphabet}'s units. */
    public static String string(SplittableRandom random, String alphabet, int minLength, int maxLength) {
        int length = random.nextInt(minLength, maxLength + 1);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** One of {@code choices}, uniformly. */
    @SafeVarargs
    public static <T> T pick(SplittableRandom random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
