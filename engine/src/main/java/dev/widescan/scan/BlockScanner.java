package dev.widescan.scan;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.Field;
import dev.widescan.format.Utf16Column;
import dev.widescan.match.Matcher;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import dev.widescan.sigma.RuleEvaluator;
import dev.widescan.sigma.RuleMatchSink;
import java.util.List;

/**
 * The per-thread scan loop over one block: the only code between the mapped bytes and the detections.
 *
 * <p>Why it looks like this: a block holds thousands of events as one contiguous UTF-16 column per field,
 * so each field's matcher runs once over the whole column (one pass, SIMD-friendly, hits reported in
 * record order straight into the rule evaluator's bitsets) instead of once per event. Only the fields the
 * compiled rules read are touched (and CRC-checked when {@code verify} is on): a CommandLine-only rule
 * set never faults in the pages of the other 26 columns. Everything here is allocated once per thread;
 * per block, {@link EventFile#readBlock} only re-points views, so the steady state allocates nothing per
 * event (checked by {@code ScanLoopBenchmark} with {@code -prof gc}).
 */
public final class BlockScanner {
    private final Matcher[] matchers;
    private final Object[] scratch;
    private final Field[] matcherFields;
    private final Field[] neededFields;
    private final RuleEvaluator evaluator;
    private final Utf16Column[] columnsByField = new Utf16Column[Field.count()];
    private final boolean verify;
    private EventBlock block;

    public BlockScanner(CompiledRuleSet rules, List<Matcher> matchersBySlot, boolean verify) {
        List<FieldLiterals> slots = rules.fieldLiterals();
        if (slots.size() != matchersBySlot.size()) {
            throw new IllegalArgumentException("one matcher per field slot: " + slots.size() + " slots, " + matchersBySlot.size() + " matchers");
        }
        this.matchers = matchersBySlot.toArray(new Matcher[0]);
        this.scratch = new Object[matchers.length];
        this.matcherFields = new Field[matchers.length];
        for (int i = 0; i < matchers.length; i++) {
            scratch[i] = matchers[i].newScratch();
            matcherFields[i] = slots.get(i).field();
        }
        this.neededFields = rules.fieldsNeeded().toArray(new Field[0]);
        this.evaluator = rules.newEvaluator();
        this.verify = verify;
    }

    /**
     * Scans block {@code blockIndex} of {@code file}; reports every (rule, record-in-block) detection to
     * {@code out} in record order. Returns the block view (valid until the next call) so the caller can
     * read detected records back for output.
     */
    public EventBlock scan(EventFile file, int blockIndex, RuleMatchSink out) {
        EventBlock b = file.readBlock(blockIndex, block);
        block = b;
        for (Field f : neededFields) {
            if (verify) {
                b.verify(f);
            }
            columnsByField[f.ordinal()] = b.column(f);
        }
        int n = b.recordCount();
        evaluator.beginBlock(columnsByField, n);
        for (int slot = 0; slot < matchers.length; slot++) {
            matchers[slot].scan(columnsByField[matcherFields[slot].ordinal()], 0, n, scratch[slot], evaluator.sink(slot));
        }
        evaluator.evaluateBlock(out);
        return b;
    }

    /** UTF-16 bytes of the columns this scanner reads in the current block (for throughput figures). */
    public long scannedBytes() {
        long sum = 0;
        for (Field f : neededFields) {
            sum += 2L * columnsByField[f.ordinal()].totalUnits();
        }
        return sum;
    }
}
