package dev.widescan.format;

import java.util.Arrays;

/**
 * Finds the distinct values of one buffered column of a block, for the writer's dictionary encoding
 * (docs/FORMAT.md "Dictionary-encoded columns").
 *
 * <p>Why dictionaries: most process-creation fields repeat within a block (Image, ParentImage, User,
 * Company, IntegrityLevel, Hashes...: a few hundred distinct values among 4,096 records). Stored once,
 * such a column is a fraction of its plain size, so a scan checksums, faults in and matches a fraction of
 * the bytes, and an anchored or Teddy matcher runs once per distinct value instead of once per record.
 *
 * <p>Entries are numbered in order of first appearance. An absent value is given the entry of the empty
 * string (one is made if no present value is empty), so every code names a real entry and an absent value
 * still reads as length 0; the absent bitmap tells it from an empty one. Open addressing over the buffered units, no per-value objects: the writer reuses
 * one encoder for every column of every block.
 */
final class DictionaryEncoder {
    private int[] table = new int[1 << 13];
    private int[] codes = new int[0];
    private int[] entryValue = new int[0];
    private int entries;
    private long entryUnits;

    /**
     * Encodes values {@code [0, n)} given as {@code units} between {@code offsets[i]} and
     * {@code offsets[i+1]} (an absent value is buffered with length 0, so it shares the empty entry).
     */
    void encode(char[] units, int[] offsets, int n) {
        if (codes.length < n) {
            codes = new int[n];
            entryValue = new int[n];
        }
        int size = Integer.highestOneBit(Math.max(16, 2 * n)) << 1;
        if (table.length < size) {
            table = new int[size];
        }
        Arrays.fill(table, 0, size, -1);
        int mask = size - 1;
        entries = 0;
        entryUnits = 0;
        for (int i = 0; i < n; i++) {
            int from = offsets[i];
            int to = offsets[i + 1];
            int slot = hash(units, from, to) & mask;
            while (true) {
                int e = table[slot];
                if (e < 0) {
                    e = entries++;
                    table[slot] = e;
                    entryValue[e] = i;
                    entryUnits += to - from;
                    codes[i] = e;
                    break;
                }
                int v = entryValue[e];
                if (Arrays.equals(units, offsets[v], offsets[v + 1], units, from, to)) {
                    codes[i] = e;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    private static int hash(char[] units, int from, int to) {
        int h = to - from;
        for (int k = from; k < to; k++) {
            h = 31 * h + units[k];
        }
        return h ^ (h >>> 15) ^ (h >>> 7);
    }

    /** Distinct values found by the last {@link #encode}. */
    int entries() {
        return entries;
    }

    /** Code units of all entries together. */
    long entryUnits() {
        return entryUnits;
    }

    /** The value index whose units are entry {@code e} (its first appearance). */
    int entryValue(int e) {
        return entryValue[e];
    }

    /** Per value, its entry. */
    int[] codes() {
        return codes;
    }
}
