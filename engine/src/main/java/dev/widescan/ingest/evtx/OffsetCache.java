package dev.widescan.ingest.evtx;

import java.util.Arrays;

/**
 * Int-keyed open-addressing map for the per-chunk caches (names by offset, compiled templates by
 * offset and context). Cleared for each chunk, because offsets mean nothing outside their chunk. No
 * boxing on lookups; capacity grows with the entries one chunk holds (bounded by its 64 KiB).
 */
final class OffsetCache<T> {
    private int[] keys = new int[256];
    private Object[] values = new Object[256];
    private int size;

    @SuppressWarnings("unchecked")
    T get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (T) v;
            }
        }
    }

    void put(int key, T value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(values, null);
            size = 0;
        }
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], (T) oldValues[i]);
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
