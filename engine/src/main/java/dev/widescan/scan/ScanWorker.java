package dev.widescan.scan;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.ingest.EventJson;
import dev.widescan.format.EventRecord;
import dev.widescan.format.FormatException;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.SigmaRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One scan thread: takes the next block, scans it, turns its detections into JSONL lines (reading the
 * detected records back from the block: detections are rare, so only they pay for Strings), hands the
 * lines to the output and tells the archive the block is done.
 */
final class ScanWorker implements Runnable {
    private static final JsonFactory JSON = EventJson.factory();

    private final Archive archive;
    private final BlockScanner scanner;
    private final CompiledRuleSet rules;
    private final DetectionOutput output;
    private final AtomicInteger nextBlock;
    private final AtomicReference<Throwable> failure;
    private final ScanProgress progress;
    /** With --skip-bad: where corrupt blocks are reported (shared, synchronized); null: the first one stops the scan. */
    private final java.util.List<String> skipped;
    private final BlockDetections detections = new BlockDetections();
    private final LineBuffer lines = new LineBuffer();
    private final EventRecord record = new EventRecord();
    /** The event object of the record last written, as JSON text: a record that fires several rules (on real
     *  data with the whole catalog, ~2 rules per detected record) is read and serialized once, not per rule. */
    private final java.io.CharArrayWriter eventText = new java.io.CharArrayWriter(2048);
    private JsonGenerator eventGenerator;
    private final long[] detectionsByRule;
    private final String[] filePaths;
    private long blocks;
    private long events;
    private long bytesScanned;
    private ThreadUsage.Snapshot usage = ThreadUsage.Snapshot.UNAVAILABLE;

    ScanWorker(Archive archive, BlockScanner scanner, CompiledRuleSet rules, DetectionOutput output, AtomicInteger nextBlock,
               AtomicReference<Throwable> failure, ScanProgress progress, java.util.List<String> skipped) {
        this.archive = archive;
        this.scanner = scanner;
        this.rules = rules;
        this.output = output;
        this.nextBlock = nextBlock;
        this.failure = failure;
        this.progress = progress;
        this.skipped = skipped;
        this.detectionsByRule = new long[rules.ruleCount()];
        this.filePaths = new String[archive.fileCount()];
        for (int i = 0; i < filePaths.length; i++) {
            filePaths[i] = archive.file(i).path().toString();
        }
    }

    @Override
    public void run() {
        ThreadUsage.Snapshot start = ThreadUsage.now();
        try {
            scanBlocks();
        } finally {
            usage = ThreadUsage.now().since(start);
        }
    }

    private void scanBlocks() {
        int total = archive.totalBlocks();
        int fileIndex = -1;
        int blockIndex = -1;
        try {
            while (failure.get() == null) {
                int g = nextBlock.getAndIncrement();
                if (g >= total) {
                    return;
                }
                fileIndex = archive.fileOf(g);
                blockIndex = archive.blockInFile(fileIndex, g);
                EventFile file = archive.file(fileIndex);
                try {
                    scanBlock(g, fileIndex, blockIndex, file);
                } catch (RuntimeException | Error e) {
                    Throwable why = explain(e, fileIndex, blockIndex);
                    if (skipped == null || !(why instanceof FormatException)) {
                        if (why instanceof Error err) {
                            throw err;
                        }
                        throw (RuntimeException) why;
                    }
                    skipped.add(why.getMessage());
                    output.blockDone(g, lines.array(), 0);
                }
                archive.blockDone(fileIndex);
                progress.add(file.fileSize() / Math.max(1, file.blockCount()));
            }
        } catch (RuntimeException | Error e) {
            Throwable reported = fileIndex >= 0 ? explain(e, fileIndex, blockIndex) : e;
            if (failure.compareAndSet(null, reported) && fileIndex >= 0 && !(reported instanceof FormatException)) {
                reported.addSuppressed(new IllegalStateException("while scanning " + filePaths[fileIndex] + " block " + blockIndex));
            }
        }
    }

    private void scanBlock(int g, int fileIndex, int blockIndex, EventFile file) {
        detections.clear();
        EventBlock block = scanner.scan(file, blockIndex, detections);
        lines.reset();
        if (detections.size() > 0) {
            scanner.verifyForOutput();
            writeLines(fileIndex, block);
        }
        // counted only once the block is known good, so that a skipped block counts nowhere but in skipped
        blocks++;
        events += block.recordCount();
        bytesScanned += scanner.scannedBytes();
        for (int i = 0; i < detections.size(); i++) {
            detectionsByRule[detections.rule(i)]++;
        }
        output.blockDone(g, lines.array(), lines.size());
    }

    /**
     * What a failure while scanning a block means for the user. A SIGBUS on the mapping (the JVM's
     * InternalError "a fault occurred in an unsafe memory access operation") means the file shrank or was
     * rewritten by another process: bad input, named. Any other failure reading a block's bytes when
     * {@code --no-verify} skipped the checks comes from corrupt bytes (wild offsets): named as such.
     */
    private Throwable explain(Throwable e, int fileIndex, int blockIndex) {
        String where = filePaths[fileIndex] + ": block " + blockIndex + ": ";
        if (e instanceof FormatException) {
            return e;
        }
        if (e instanceof InternalError && e.getMessage() != null && e.getMessage().contains("unsafe memory access")) {
            return new FormatException(where + "file changed while scanning (truncated or rewritten by another process)", e);
        }
        if (!scanner.verifies() && (e instanceof IndexOutOfBoundsException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof NegativeArraySizeException)) {
            return new FormatException(where + "unreadable (corrupt; --no-verify skipped the CRC32C check that would name the column): "
                    + e.getMessage(), e);
        }
        return e;
    }

    private void writeLines(int fileIndex, EventBlock block) {
        try (JsonGenerator g = JSON.createGenerator(lines, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(null);
            int eventOf = -1;
            String event = null;
            for (int i = 0; i < detections.size(); i++) {
                int ruleIndex = detections.rule(i);
                int inBlock = detections.record(i);
                SigmaRule rule = rules.rule(ruleIndex);
                if (inBlock != eventOf) { // a record's detections are adjacent (a record out of turn is just read again)
                    block.readRecord(inBlock, record);
                    event = eventJson(record);
                    eventOf = inBlock;
                }
                g.writeStartObject();
                g.writeStringField("rule_id", rule.id());
                g.writeStringField("rule_title", rule.title());
                g.writeStringField("rule_author", rule.author());
                if (rule.license() != null) {
                    g.writeStringField("rule_license", rule.license());
                }
                g.writeStringField("level", rule.level());
                g.writeStringField("file", filePaths[fileIndex]);
                g.writeNumberField("record", block.firstRecord() + inBlock);
                g.writeFieldName("event");
                g.writeRawValue(event);
                g.writeEndObject();
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code r} as a JSON object, with {@link EventJson}'s escapes (the generator is this thread's, reused). */
    private String eventJson(EventRecord r) throws IOException {
        if (eventGenerator == null) {
            eventGenerator = JSON.createGenerator(eventText);
            eventGenerator.setRootValueSeparator(null);
        }
        eventText.reset();
        EventJson.writeObject(eventGenerator, r);
        eventGenerator.flush();
        return eventText.toString();
    }

    long blocks() {
        return blocks;
    }

    long events() {
        return events;
    }

    long bytesScanned() {
        return bytesScanned;
    }

    /** What this thread spent in user and system mode and its page faults while it ran (read after join). */
    ThreadUsage.Snapshot usage() {
        return usage;
    }

    void addDetectionsTo(long[] byRule) {
        for (int r = 0; r < byRule.length; r++) {
            byRule[r] += detectionsByRule[r];
        }
    }

    /** A ByteArrayOutputStream whose buffer can be handed out without a copy. */
    private static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(8192);
        }

        byte[] array() {
            return buf;
        }
    }
}
