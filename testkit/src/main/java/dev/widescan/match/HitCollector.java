package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.util.TreeSet;

/** Test sink: the (value, literal) hit set, checking the sink contract (order, range) on the way. */
public final class HitCollector implements HitSink {
    final TreeSet<Long> hits = new TreeSet<>();
    private final int from;
    private final int to;
    private int lastValue = Integer.MIN_VALUE;
    private String violation;

    HitCollector(int from, int to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public void hit(int valueIndex, int literalId) {
        if (valueIndex < lastValue && violation == null) {
            violation = "value " + valueIndex + " reported after " + lastValue;
        }
        if ((valueIndex < from || valueIndex >= to) && violation == null) {
            violation = "value " + valueIndex + " outside [" + from + ", " + to + ")";
        }
        lastValue = valueIndex;
        hits.add(((long) valueIndex << 32) | literalId);
    }

    public static TreeSet<Long> scan(Matcher m, Utf16Column column, int from, int to) {
        HitCollector sink = new HitCollector(from, to);
        m.newSearcher().scan(column, from, to, sink);
        if (sink.violation != null) {
            throw new AssertionError(m.strategyName() + ": " + sink.violation);
        }
        return sink.hits;
    }

    public static String describe(TreeSet<Long> hits) {
        StringBuilder sb = new StringBuilder("[");
        int n = 0;
        for (long h : hits) {
            if (n++ == 20) {
                sb.append(" ...");
                break;
            }
            sb.append(" (").append(h >>> 32).append(',').append((int) h).append(')');
        }
        return sb.append(" ] size=").append(hits.size()).toString();
    }
}
