package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A field's literals split by where they may stand: the CONTAINS literals go to a position-free scanner
 * (Teddy, Aho-Corasick, ...), the anchored ones to {@link AnchoredMatcher}, which costs per value instead
 * of per unit.
 *
 * <p>Why a streaming merge: the matcher contract wants hits in non-decreasing value order. The body
 * scanner reports in value order, so each time it reports value {@code v}, the anchored checks of every
 * value before {@code v} not yet checked run first; the rest run at the end. No buffering, no allocation,
 * and each value's anchored check runs exactly once.
 */
final class SplitMatcher implements Matcher {
    private final LiteralSet literals;
    private final Matcher body;
    private final int[] bodyIds;
    private final AnchoredMatcher anchored;
    private final int[] anchoredIds;

    SplitMatcher(LiteralSet literals, String bodyStrategy) {
        this.literals = literals;
        List<Literal> contains = new ArrayList<>();
        List<Literal> anchoredPart = new ArrayList<>();
        List<Integer> containsIds = new ArrayList<>();
        List<Integer> anchoredIdList = new ArrayList<>();
        for (int id = 0; id < literals.size(); id++) {
            Literal l = literals.get(id);
            if (l.kind() == LiteralKind.CONTAINS) {
                contains.add(l);
                containsIds.add(id);
            } else {
                anchoredPart.add(l);
                anchoredIdList.add(id);
            }
        }
        if (contains.isEmpty() || anchoredPart.isEmpty()) {
            throw new IllegalArgumentException("a split needs both CONTAINS and anchored literals");
        }
        this.body = MatcherFactory.create(bodyStrategy, new LiteralSet(contains));
        this.bodyIds = containsIds.stream().mapToInt(Integer::intValue).toArray();
        this.anchored = new AnchoredMatcher(new LiteralSet(anchoredPart));
        this.anchoredIds = anchoredIdList.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String strategyName() {
        return body.strategyName() + "+" + AnchoredMatcher.NAME;
    }

    @Override
    public LiteralSet literals() {
        return literals;
    }

    @Override
    public String vectorKernel() {
        return body.vectorKernel();
    }

    @Override
    public Searcher newSearcher() {
        return new Merge(body.newSearcher());
    }

    /** Per-thread state: the body's searcher and the merge cursor; it is also the body's sink. */
    private final class Merge implements Searcher, HitSink {
        final Searcher bodySearcher;
        HitSink sink;
        final HitSink anchoredSink = (value, id) -> sink.hit(value, anchoredIds[id]);
        Utf16Column column;
        MemorySegment units;
        int next;

        Merge(Searcher bodySearcher) {
            this.bodySearcher = bodySearcher;
        }

        @Override
        public void scan(Utf16Column column, int fromValue, int toValue, HitSink sink) {
            this.column = column;
            this.units = column.units();
            this.sink = sink;
            this.next = fromValue;
            bodySearcher.scan(column, fromValue, toValue, this);
            anchoredUpTo(toValue);
            this.sink = null;
            this.column = null;
            this.units = null;
        }

        void anchoredUpTo(int end) {
            for (; next < end; next++) {
                anchored.scanValue(column, units, next, anchoredSink);
            }
        }

        @Override
        public void hit(int valueIndex, int literalId) {
            anchoredUpTo(valueIndex);
            sink.hit(valueIndex, bodyIds[literalId]);
        }
    }
}
