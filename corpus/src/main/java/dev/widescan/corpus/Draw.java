package dev.widescan.corpus;

import java.util.SplittableRandom;

/**
 * The generator's only source of randomness: one seeded {@link SplittableRandom} plus the few drawing
 * helpers every command-line shape needs (pick, chance, hex, GUID, base64 text).
 *
 * <p>Why one sequential stream: the output must be byte-identical for a seed, so every decision is drawn
 * from this stream in program order, never from hash iteration order, identity hashes or the clock.
 */
public final class Draw {
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final SplittableRandom random;

    public Draw(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public int below(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in [from, to] inclusive. */
    public int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    public long nextLong() {
        return random.nextLong();
    }

    public double unit() {
        return random.nextDouble();
    }

    public double gaussian() {
        // Box-Muller: always exactly two draws, so the stream's consumption (and thus every later
        // decision) does not depend on the JDK's nextGaussian algorithm, which may change between releases.
        // StrictMath, not Math: Math.log/cos may differ by an ulp between interpreter and JIT intrinsics,
        // which would make the same seed give different lengths depending on warm-up.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    public void hex(StringBuilder out, int digits, boolean upper) {
        char[] table = upper ? HEX_UPPER : HEX_LOWER;
        while (digits > 0) {
            long bits = random.nextLong();
            for (int i = 0; i < 16 && digits > 0; i++, digits--) {
                out.append(table[(int) (bits & 15)]);
                bits >>>= 4;
            }
        }
    }

    /** A GUID in registry form without braces: 8-4-4-4-12 hex digits. */
    public void guid(StringBuilder out, boolean upper) {
        hex(out, 8, upper);
        out.append('-');
        hex(out, 4, upper);
        out.append('-');
        hex(out, 4, upper);
        out.append('-');
        hex(out, 4, upper);
        out.append('-');
        hex(out, 12, upper);
    }

    public void alnum(StringBuilder out, int length) {
        for (int i = 0; i < length; i++) {
            out.append(ALNUM[random.nextInt(ALNUM.length)]);
        }
    }

    public void digits(StringBuilder out, int length) {
        for (int i = 0; i < length; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
    }

    /** Random base64 characters (of random bytes): what an opaque token or key blob looks like. */
    public void base64Chars(StringBuilder out, int length) {
        while (length > 0) {
            long bits = random.nextLong();
            for (int i = 0; i < 10 && length > 0; i++, length--) {
                out.append(BASE64[(int) (bits & 63)]);
                bits >>>= 6;
            }
        }
    }
}
