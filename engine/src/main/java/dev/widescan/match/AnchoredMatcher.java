package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import dev.widescan.text.CaseFolding;
import java.lang.foreign.MemorySegment;

/**
 * Literals that are anchored to a value's start or end (STARTS_WITH, ENDS_WITH, EQUALS): checked per
 * value, never by scanning the value's body.
 *
 * <p>Why: most Sigma literals on Image, ParentImage and OriginalFileName are {@code |endswith}
 * ({@code \cmd.exe}, {@code \MpCmdRun.exe}), and a position-free scanner (Teddy, Aho-Corasick) would read
 * every unit of every path to find what can only stand in one place. Here the cost is per value, not per
 * byte: fold the value's first unit and look up the STARTS_WITH/EQUALS literals that begin with it, fold
 * its last unit and look up the ENDS_WITH literals that end with it, then compare the few candidates
 * exactly ({@link FoldedLiterals#equalsAt}). The two lookups are a 4,096-bucket table keyed by the folded
 * unit (collisions only cost a failed compare), laid out as flat arrays (bucket start, literal ids).
 *
 * <p>Why a {@link QuickCheck} before the compare: on paths the end unit says little (almost every Image
 * ends in {@code e}, so every {@code |endswith '.exe'} literal is a candidate of almost every value). One
 * 64-bit load of four units at the literal's other end ({@code \MpC} of {@code \MpCmdRun.exe}, the
 * {@code 32\} of {@code C:\Windows\System32\}) rejects nearly all of them without folding a unit.
 *
 * <p>Not offered by name: {@code auto} uses it for the anchored part of a field's literals (alone, or
 * beside a position-free strategy through {@link SplitMatcher}).
 */
final class AnchoredMatcher implements Matcher {
    static final String NAME = "anchored";
    private static final int BUCKETS = 4096;

    private final FoldedLiterals folded;
    private final int[] lengths;
    private final int[] headStart = new int[BUCKETS + 1];
    private final int[] headIds;
    private final int[] tailStart = new int[BUCKETS + 1];
    private final int[] tailIds;
    /** Per literal: where its quick-check window starts, in units from the literal's start. */
    private final int[] quickOffset;
    private final long[] quick;

    AnchoredMatcher(LiteralSet literals) {
        folded = new FoldedLiterals(literals);
        int n = literals.size();
        lengths = new int[n];
        int heads = 0;
        int tails = 0;
        for (int id = 0; id < n; id++) {
            lengths[id] = folded.units[id].length;
            switch (folded.kinds[id]) {
                case STARTS_WITH, EQUALS -> {
                    headStart[bucket(folded.units[id][0]) + 1]++;
                    heads++;
                }
                case ENDS_WITH -> {
                    tailStart[bucket(folded.units[id][lengths[id] - 1]) + 1]++;
                    tails++;
                }
                case CONTAINS -> throw new IllegalArgumentException("anchored matcher given a CONTAINS literal: " + literals.get(id));
            }
        }
        for (int b = 0; b < BUCKETS; b++) {
            headStart[b + 1] += headStart[b];
            tailStart[b + 1] += tailStart[b];
        }
        quickOffset = new int[n];
        for (int id = 0; id < n; id++) {
            // ENDS_WITH: the literal's start (its end is the common extension); STARTS_WITH and EQUALS:
            // its end (its start is the common directory).
            quickOffset[id] = folded.kinds[id] == LiteralKind.ENDS_WITH ? 0 : Math.max(0, lengths[id] - QuickCheck.UNITS);
        }
        quick = QuickCheck.build(folded, quickOffset);
        headIds = new int[heads];
        tailIds = new int[tails];
        int[] headFill = headStart.clone();
        int[] tailFill = tailStart.clone();
        for (int id = 0; id < n; id++) {
            if (folded.kinds[id] == LiteralKind.ENDS_WITH) {
                tailIds[tailFill[bucket(folded.units[id][lengths[id] - 1])]++] = id;
            } else {
                headIds[headFill[bucket(folded.units[id][0])]++] = id;
            }
        }
    }

    /** Literal units are stored folded (caseless) or raw (cased); both are keyed by their fold. */
    private static int bucket(char unit) {
        return CaseFolding.fold(unit) & (BUCKETS - 1);
    }

    @Override
    public String strategyName() {
        return NAME;
    }

    @Override
    public LiteralSet literals() {
        return folded.set;
    }

    @Override
    public Searcher newSearcher() {
        return this::scan;
    }

    private void scan(Utf16Column column, int fromValue, int toValue, HitSink sink) {
        MemorySegment units = column.units();
        long quickLimit = (units.byteSize() >>> 1) - QuickCheck.UNITS;
        for (int v = fromValue; v < toValue; v++) {
            scanValue(column, units, quickLimit, v, sink);
        }
    }

    /** The anchored hits of value {@code v} (absent and empty values have none). */
    void scanValue(Utf16Column column, MemorySegment units, int v, HitSink sink) {
        scanValue(column, units, (units.byteSize() >>> 1) - QuickCheck.UNITS, v, sink);
    }

    private void scanValue(Utf16Column column, MemorySegment units, long quickLimit, int v, HitSink sink) {
        int start = column.offset(v);
        int end = column.offset(v + 1);
        int length = end - start;
        if (length == 0) {
            return;
        }
        int head = bucket(units.getAtIndex(Utf16Column.UNIT, start));
        for (int i = headStart[head], last = headStart[head + 1]; i < last; i++) {
            int id = headIds[i];
            int len = lengths[id];
            if (len <= length && (len == length || folded.kinds[id] == LiteralKind.STARTS_WITH)
                    && candidate(units, quickLimit, id, start) && folded.equalsAt(id, units, start)) {
                sink.hit(v, id);
            }
        }
        int tail = bucket(units.getAtIndex(Utf16Column.UNIT, end - 1));
        for (int i = tailStart[tail], last = tailStart[tail + 1]; i < last; i++) {
            int id = tailIds[i];
            int len = lengths[id];
            if (len <= length && candidate(units, quickLimit, id, end - len) && folded.equalsAt(id, units, end - len)) {
                sink.hit(v, id);
            }
        }
    }

    /** The quick check of literal {@code id} placed at unit {@code at} (skipped where its word would pass the column's end). */
    private boolean candidate(MemorySegment units, long quickLimit, int id, int at) {
        long window = (long) at + quickOffset[id];
        return window > quickLimit || QuickCheck.mayMatch(quick, id, units.get(QuickCheck.WORD, 2 * window));
    }
}
