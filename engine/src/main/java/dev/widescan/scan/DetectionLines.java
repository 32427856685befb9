package dev.widescan.scan;

import dev.widescan.format.EventBlock;
import dev.widescan.ingest.JsonBytes;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.SigmaRule;
import java.nio.charset.StandardCharsets;

/**
 * The JSONL lines of one block's detections, one per (rule, record):
 * {@code {"rule_id":..,"rule_title":..,"rule_author":..[,"rule_license":..],"level":..,"file":..,"record":N,"event":{..}}}.
 *
 * <p>Why the lines are assembled from bytes: the rule part of a line depends on the rule only, and the
 * file part on the file only, so both are escaped once (by Jackson, {@link JsonBytes#jsonString}: the rule
 * part once per scan, the file part when a thread starts writing a file's lines, so an archive of a million
 * files neither escapes every path before the scan nor keeps them all) and copied per line; the event is encoded once per detected record straight from the block's columns
 * ({@link dev.widescan.ingest.EventJsonEncoder}: a dictionary entry once per block) and copied into each of that record's lines (the catalog fires ~2
 * rules per detected record). The bytes are those the Jackson generator wrote before (the scan's output
 * is byte-identical, {@code DetectionLinesTest}). One per scan thread; allocates nothing per detection
 * once its buffers have grown.
 */
final class DetectionLines {
    private static final byte[] RECORD = ",\"record\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = ",\"event\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "}\n".getBytes(StandardCharsets.US_ASCII);

    /** Per rule: {@code {"rule_id":..,...,"level":..,"file":} (shared by the scan's threads, read-only). */
    private final byte[][] rulePrefix;
    private final java.util.function.IntFunction<String> filePath;
    /** The file whose lines this thread wrote last, and its path as a JSON string. */
    private int namedFile = -1;
    private byte[] fileName;
    private final JsonBytes lines = new JsonBytes(1 << 16);
    private final JsonBytes event = new JsonBytes(4096);
    private final dev.widescan.ingest.EventJsonEncoder encoder = new dev.widescan.ingest.EventJsonEncoder();
    private EventBlock eventBlock;
    private int eventRecord = -1;

    DetectionLines(Fixed fixed) {
        this.rulePrefix = fixed.rulePrefix;
        this.filePath = fixed.filePath;
    }

    /** The parts of the lines that do not depend on the event: built once per scan. */
    static final class Fixed {
        final byte[][] rulePrefix;
        /** File index to its path as the lines name it (read by the scan's threads). */
        final java.util.function.IntFunction<String> filePath;

        Fixed(CompiledRuleSet rules, java.util.function.IntFunction<String> filePath) {
            rulePrefix = new byte[rules.ruleCount()][];
            for (int r = 0; r < rulePrefix.length; r++) {
                rulePrefix[r] = prefix(rules.rule(r));
            }
            this.filePath = filePath;
        }

        Fixed(CompiledRuleSet rules, String[] filePaths) {
            this(rules, f -> filePaths[f]);
        }

        private static byte[] prefix(SigmaRule rule) {
            JsonBytes b = new JsonBytes(256);
            b.append(ascii("{\"rule_id\":"));
            b.append(JsonBytes.jsonString(rule.id()));
            b.append(ascii(",\"rule_title\":"));
            b.append(JsonBytes.jsonString(rule.title()));
            b.append(ascii(",\"rule_author\":"));
            b.append(JsonBytes.jsonString(rule.author()));
            if (rule.license() != null) {
                b.append(ascii(",\"rule_license\":"));
                b.append(JsonBytes.jsonString(rule.license()));
            }
            b.append(ascii(",\"level\":"));
            b.append(JsonBytes.jsonString(rule.level()));
            b.append(ascii(",\"file\":"));
            return java.util.Arrays.copyOf(b.array(), b.size());
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Starts a block's lines (the previous block's bytes are dropped). */
    void reset() {
        lines.reset();
        eventBlock = null;
        eventRecord = -1;
    }

    /** Appends the line of rule {@code rule} firing on record {@code inBlock} of {@code block} (file {@code fileIndex}). */
    void add(int rule, int fileIndex, EventBlock block, int inBlock) {
        if (inBlock != eventRecord || block != eventBlock) { // a record's detections are adjacent: read once
            event.reset();
            encoder.appendEvent(event, block, inBlock);
            eventBlock = block;
            eventRecord = inBlock;
        }
        if (fileIndex != namedFile) { // once per file a thread writes lines of, in a row
            fileName = JsonBytes.jsonString(filePath.apply(fileIndex));
            namedFile = fileIndex;
        }
        lines.append(rulePrefix[rule]);
        lines.append(fileName);
        lines.append(RECORD);
        lines.appendLong(block.firstRecord() + inBlock);
        lines.append(EVENT);
        lines.append(event);
        lines.append(END);
    }

    byte[] array() {
        return lines.array();
    }

    int size() {
        return lines.size();
    }
}
