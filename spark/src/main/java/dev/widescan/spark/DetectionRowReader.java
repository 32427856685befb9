package dev.widescan.spark;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.FormatException;
import dev.widescan.match.Matcher;
import dev.widescan.scan.BlockDetections;
import dev.widescan.scan.BlockScanner;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.SigmaRule;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The detections of one block range: the engine's own per-block scan ({@link BlockScanner}: one matcher
 * pass per field column over the whole block, dictionary columns once per distinct value, CRC32C fused
 * with the matchers, rules evaluated on literal-hit bitsets) runs inside the task, block after block;
 * only the detected records become rows. Spark never sees the events that do not match, so a scan that
 * finds little costs about what {@code widescan scan} costs on one core plus the task's start.
 *
 * <p>Rows are in block order, and within a block in the order the evaluator reports them, as the CLI
 * writes them.
 */
final class DetectionRowReader implements PartitionReader<InternalRow> {
    private final EventFileSource source;
    private final BlockRangePartition partition;
    private final int[] layout;
    private final CompiledRuleSet rules;
    private final BlockScanner scanner;
    private final BlockDetections detections = new BlockDetections(); // the current block's (rule, record) pairs, reused
    private final UTF8String fileName;
    private final UTF8String[][] ruleText;
    private EventBlock block;
    private int nextBlock;
    private int current = -1;

    DetectionRowReader(EventFileSource source, BlockRangePartition partition, RowLayout layout, CompiledRuleSet rules,
                       List<Matcher> matchers, boolean verify) {
        this.source = source;
        this.partition = partition;
        this.layout = layout.source;
        this.rules = rules;
        this.scanner = new BlockScanner(rules, matchers, verify);
        this.fileName = UTF8String.fromString(partition.name());
        this.ruleText = new UTF8String[rules.ruleCount()][];
        this.nextBlock = partition.firstBlock();
    }

    @Override
    public boolean next() {
        current++;
        while (current >= detections.size()) {
            if (nextBlock >= partition.endBlock()) {
                return false;
            }
            scanBlock(nextBlock++);
            current = 0;
        }
        return true;
    }

    private void scanBlock(int b) {
        EventFile file = source.file();
        detections.clear();
        try {
            block = scanner.scan(file, b, detections);
        } catch (FormatException e) {
            throw Renamed.format(e, file.path().toString(), partition.name());
        }
    }

    @Override
    public InternalRow get() {
        int ruleIndex = detections.rule(current);
        int inBlock = detections.record(current);
        UTF8String[] text = ruleText(ruleIndex);
        Object[] values = new Object[layout.length];
        for (int c = 0; c < layout.length; c++) {
            int s = layout[c];
            if (s >= 0) {
                String v = block.column(dev.widescan.format.Field.ofOrdinal(s)).valueAsString(inBlock);
                values[c] = v == null ? null : UTF8String.fromString(v);
            } else {
                values[c] = switch (s) {
                    case RowLayout.RULE_ID -> text[0];
                    case RowLayout.RULE_TITLE -> text[1];
                    case RowLayout.LEVEL -> text[2];
                    case RowLayout.RULE_AUTHOR -> text[3];
                    case RowLayout.RULE_LICENSE -> text[4];
                    case RowLayout.FILE -> fileName;
                    case RowLayout.RECORD -> block.firstRecord() + inBlock;
                    default -> throw new IllegalStateException("column source " + s);
                };
            }
        }
        return new GenericInternalRow(values);
    }

    private UTF8String[] ruleText(int ruleIndex) {
        UTF8String[] t = ruleText[ruleIndex];
        if (t == null) {
            SigmaRule r = rules.rule(ruleIndex);
            t = new UTF8String[] {utf8(r.id()), utf8(r.title()), utf8(r.level()), utf8(r.author()), utf8(r.license())};
            ruleText[ruleIndex] = t;
        }
        return t;
    }

    private static UTF8String utf8(String s) {
        return s == null ? null : UTF8String.fromString(s);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
