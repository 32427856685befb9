package dev.widescan.scan;

import dev.widescan.sigma.RuleMatchSink;
import java.util.Arrays;

/**
 * The detections of one block as two parallel int arrays, reused block after block: collecting them
 * costs no allocation unless a block has more detections than any before it on this thread. Used by the
 * scan's workers and by the Spark reader.
 */
public final class BlockDetections implements RuleMatchSink {
    private int[] rules = new int[64];
    private int[] records = new int[64];
    private int size;

    public void clear() {
        size = 0;
    }

    @Override
    public void matched(int ruleIndex, int recordInBlock) {
        if (size == rules.length) {
            rules = Arrays.copyOf(rules, size * 2);
            records = Arrays.copyOf(records, size * 2);
        }
        rules[size] = ruleIndex;
        records[size] = recordInBlock;
        size++;
    }

    public int size() {
        return size;
    }

    public int rule(int i) {
        return rules[i];
    }

    public int record(int i) {
        return records[i];
    }
}
