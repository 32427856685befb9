package dev.widescan.bench.yardstick;

import dev.widescan.format.Utf16Column;
import dev.widescan.match.FoldedLiterals;
import dev.widescan.match.HitSink;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.Searcher;
import java.lang.foreign.MemorySegment;

/**
 * The naive loop without the allocation: for each value and each literal, compare the literal with the
 * segment directly at every candidate start ({@code regionMatches}-style, folding input units through the
 * shared table). It isolates what decoding and copying cost the naive baseline, and it is the simplest
 * allocation-free fallback: no build cost, no memory, right for a literal or two on short columns.
 */
public final class RegionMatcher implements Matcher {
    public static final String NAME = "region";

    private final FoldedLiterals folded;

    public RegionMatcher(LiteralSet literals) {
        folded = new FoldedLiterals(literals);
    }

    @Override
    public String strategyName() {
        return NAME;
    }

    @Override
    public LiteralSet literals() {
        return folded.set();
    }

    @Override
    public Searcher newSearcher() {
        return this::scan;
    }

    private void scan(Utf16Column column, int fromValue, int toValue, HitSink sink) {
        MemorySegment units = column.units();
        int literalCount = folded.size();
        for (int v = fromValue; v < toValue; v++) {
            int start = column.offset(v);
            int end = column.offset(v + 1);
            if (start == end) {
                continue; // empty or absent: literals are never empty
            }
            for (int id = 0; id < literalCount; id++) {
                int len = folded.units(id).length;
                if (len > end - start) {
                    continue;
                }
                boolean hit = switch (folded.kind(id)) {
                    case STARTS_WITH -> folded.equalsAt(id, units, start);
                    case ENDS_WITH -> folded.equalsAt(id, units, end - len);
                    case EQUALS -> len == end - start && folded.equalsAt(id, units, start);
                    case CONTAINS -> containsAt(id, units, start, end - len);
                };
                if (hit) {
                    sink.hit(v, id);
                }
            }
        }
    }

    private boolean containsAt(int id, MemorySegment units, int firstStart, int lastStart) {
        for (int at = firstStart; at <= lastStart; at++) {
            if (folded.equalsAt(id, units, at)) {
                return true;
            }
        }
        return false;
    }
}
