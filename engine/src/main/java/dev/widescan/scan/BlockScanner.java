package dev.widescan.scan;

import dev.widescan.format.ColumnChecksum;
import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.ColumnKind;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import dev.widescan.format.Utf16Column;
import dev.widescan.match.HitSink;
import dev.widescan.match.Matcher;
import dev.widescan.match.Searcher;
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
 * record order straight into the rule evaluator's bitsets) instead of once per event. A
 * dictionary-encoded or constant column is matched once per distinct value, and the evaluator hands
 * each record its entry's hits ({@link RuleEvaluator#entrySink}); an all-absent column is not matched at all (absent values never hit). Only the fields the compiled rules read are touched (and CRC-checked when
 * {@code verify} is on): a CommandLine-only rule set never faults in the pages of the other 26 columns.
 * The check of a plain matched column is fused with its scan ({@link ColumnChecksum}): each piece is
 * matched and then summed while it is still in cache, and the block's detections are evaluated only once
 * every sum has passed.
 *
 * <p>Everything here is allocated once per thread; per block, {@link EventFile#readBlock} only re-points
 * views, so the steady state allocates nothing per event (checked by {@code ScanLoopBenchmark} with
 * {@code -prof gc}).
 */
public final class BlockScanner {
    /**
     * Bytes of a column matched and then summed per piece when the check is fused with the scan: small
     * enough to stay in L2 between the matcher and the CRC, large enough that the per-call cost of a
     * matcher vanishes. 8 KiB to 4 MiB measured alike here ({@code ScanLoopBenchmark -p pieceBytes},
     * bench/RESULTS.md).
     */
    public static final int DEFAULT_PIECE_BYTES = 32 * 1024;

    private final Searcher[] searchers;
    private final Field[] matcherFields;
    /**
     * Per field: whether its column is CRC-checked piece by piece as its one matcher reads it. Other
     * needed columns, and dictionary-encoded ones (small, and read through their codes), are checked
     * whole before any matcher runs.
     */
    private final boolean[] fusedCheck = new boolean[Field.count()];
    private final boolean verify;
    private final Field[] neededFields;
    /** The fields a detection's event is read from but the rules do not read: checked only for blocks with detections. */
    private final Field[] outputOnlyFields;
    private final RuleEvaluator evaluator;
    private final RecordColumn[] columnsByField = new RecordColumn[Field.count()];
    private final ColumnChecksum checksum = new ColumnChecksum();
    private final int pieceUnits;
    private final ColumnPrefetch prefetch;
    private EventBlock block;

    public BlockScanner(CompiledRuleSet rules, List<Matcher> matchersBySlot, boolean verify) {
        this(rules, matchersBySlot, verify, DEFAULT_PIECE_BYTES);
    }

    /** {@code pieceBytes}: see {@link #DEFAULT_PIECE_BYTES}; 0 checks every column whole before matching. */
    public BlockScanner(CompiledRuleSet rules, List<Matcher> matchersBySlot, boolean verify, int pieceBytes) {
        List<FieldLiterals> slots = rules.fieldLiterals();
        if (slots.size() != matchersBySlot.size()) {
            throw new IllegalArgumentException("one matcher per field slot: " + slots.size() + " slots, " + matchersBySlot.size() + " matchers");
        }
        if (pieceBytes < 0) {
            throw new IllegalArgumentException("pieceBytes must be >= 0: " + pieceBytes);
        }
        this.searchers = new Searcher[matchersBySlot.size()];
        this.matcherFields = new Field[searchers.length];
        int[] slotsReading = new int[Field.count()];
        for (int i = 0; i < searchers.length; i++) {
            searchers[i] = matchersBySlot.get(i).newSearcher();
            matcherFields[i] = slots.get(i).field();
            slotsReading[matcherFields[i].ordinal()]++;
        }
        this.neededFields = rules.fieldsNeeded().toArray(new Field[0]);
        java.util.EnumSet<Field> rest = java.util.EnumSet.allOf(Field.class);
        rest.removeAll(rules.fieldsNeeded());
        this.outputOnlyFields = rest.toArray(new Field[0]);
        for (int i = 0; i < searchers.length; i++) {
            // A column read by two slots is checked once, whole, rather than twice in pieces.
            fusedCheck[matcherFields[i].ordinal()] = verify && pieceBytes > 0 && slotsReading[matcherFields[i].ordinal()] == 1;
        }
        this.verify = verify;
        this.evaluator = rules.newEvaluator();
        this.pieceUnits = Math.max(1, pieceBytes / 2);
        this.prefetch = new ColumnPrefetch(neededFields, ColumnPrefetch.MODE);
    }

    /**
     * Scans block {@code blockIndex} of {@code file}; reports every (rule, record-in-block) detection to
     * {@code out} in record order. Returns the block view (valid until the next call) so the caller can
     * read detected records back for output. With {@code verify} on, every column read is CRC-checked
     * before any detection of the block is reported.
     */
    public EventBlock scan(EventFile file, int blockIndex, RuleMatchSink out) {
        EventBlock b = file.readBlock(blockIndex, block);
        block = b;
        prefetch.beforeScan(file, b);
        for (Field f : neededFields) {
            if (verify && (!fusedCheck[f.ordinal()] || b.columnKind(f) != ColumnKind.PLAIN)) {
                b.verify(f);
            }
            columnsByField[f.ordinal()] = b.column(f);
        }
        int n = b.recordCount();
        evaluator.beginBlock(columnsByField, n);
        for (int slot = 0; slot < searchers.length; slot++) {
            RecordColumn column = columnsByField[matcherFields[slot].ordinal()];
            switch (column.kind()) {
                case ABSENT -> { } // no value, so no hit
                case DICTIONARY, CONSTANT -> {
                    searchers[slot].scan(column.dictionary(), evaluator.entrySink(slot, column));
                    evaluator.endEntries(slot);
                }
                case PLAIN -> {
                    if (fusedCheck[matcherFields[slot].ordinal()]) {
                        scanChecked(b, slot, column.plain(), n);
                    } else {
                        searchers[slot].scan(column.plain(), 0, n, evaluator.sink(slot));
                    }
                }
            }
        }
        evaluator.evaluateBlock(out);
        return b;
    }

    /** The slot's matcher over its column in pieces of about {@code pieceUnits}, each summed right after it is matched. */
    private void scanChecked(EventBlock b, int slot, Utf16Column column, int n) {
        ColumnChecksum check = checksum.begin(b, matcherFields[slot]);
        Searcher searcher = searchers[slot];
        HitSink sink = evaluator.sink(slot);
        try {
            int from = 0;
            while (from < n) {
                int to = column.pieceEnd(from, n, pieceUnits);
                searcher.scan(column, from, to, sink);
                check.coverUnits(column.offset(to));
                from = to;
            }
        } catch (RuntimeException e) {
            // Bad offsets in a corrupt column can make a matcher fail before the sum is complete: the
            // CRC mismatch is the true cause, so it is reported first.
            check.finish();
            throw e;
        }
        check.finish();
    }

    /**
     * Before any record of the current block is written out: CRC-checks every column the rules did not
     * read (those they read were checked by {@link #scan}), so that no byte of a detection's event
     * reaches the output unverified. Called only for blocks with detections, so a scan where nothing
     * fires never touches the other columns. Does nothing with {@code verify} off ({@code --no-verify}).
     *
     * @throws dev.widescan.format.FormatException naming file, block and column on a mismatch
     */
    public void verifyForOutput() {
        if (!verify) {
            return;
        }
        for (Field f : outputOnlyFields) {
            block.verify(f);
        }
    }

    /** Whether columns are CRC-checked (false with {@code --no-verify}). */
    public boolean verifies() {
        return verify;
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
