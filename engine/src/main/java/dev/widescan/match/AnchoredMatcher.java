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

    static boolean accepts(LiteralSet literals) {
        for (Literal l : literals.literals()) {
            if (l.kind() == LiteralKind.CONTAINS) {
                return false;
            }
        }
        return true;
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
    public void scan(Utf16Column column, int fromValue, int toValue, Object scratch, HitSink sink) {
        MemorySegment units = column.units();
        for (int v = fromValue; v < toValue; v++) {
            scanValue(column, units, v, sink);
        }
    }

    /** The anchored hits of value {@code v} (absent and empty values have none). */
    void scanValue(Utf16Column column, MemorySegment units, int v, HitSink sink) {
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
                    && folded.equalsAt(id, units, start)) {
                sink.hit(v, id);
            }
        }
        int tail = bucket(units.getAtIndex(Utf16Column.UNIT, end - 1));
        for (int i = tailStart[tail], last = tailStart[tail + 1]; i < last; i++) {
            int id = tailIds[i];
            int len = lengths[id];
            if (len <= length && folded.equalsAt(id, units, end - len)) {
                sink.hit(v, id);
            }
        }
    }
}
