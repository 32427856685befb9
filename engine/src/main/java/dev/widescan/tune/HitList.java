package dev.widescan.tune;

import dev.widescan.match.HitSink;
import java.util.Arrays;

/**
 * The hits of one scan as packed {@code (value << 32) | literal} longs, for the self-test that compares
 * strategies; sorted and deduplicated on demand (matchers may report a pair twice). Used only on the
 * untimed check pass.
 */
final class HitList implements HitSink {
    private long[] hits = new long[256];
    private int size;

    void clear() {
        size = 0;
    }

    @Override
    public void hit(int valueIndex, int literalId) {
        if (size == hits.length) {
            hits = Arrays.copyOf(hits, hits.length * 2);
        }
        hits[size++] = ((long) valueIndex << 32) | (literalId & 0xFFFF_FFFFL);
    }

    /** The distinct hits in (value, literal) order. */
    long[] sortedDistinct() {
        long[] out = Arrays.copyOf(hits, size);
        Arrays.sort(out);
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (n == 0 || out[n - 1] != out[i]) {
                out[n++] = out[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    static int value(long hit) {
        return (int) (hit >>> 32);
    }

    static int literal(long hit) {
        return (int) hit;
    }
}
