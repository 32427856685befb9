package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.widescan.format.ColumnEncodings;
import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.ingest.EventJson;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import dev.widescan.sigma.SigmaRule;
import dev.widescan.testkit.SeededProperty;
import java.io.ByteArrayOutputStream;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DetectionLines} writes, byte for byte, the lines the scan wrote through Jackson before (the
 * reference below is that code, kept verbatim): random records whose values mix every class of UTF-16
 * unit (ASCII, the escaped controls, quote and backslash, 2- and 3-byte UTF-8, lone and paired
 * surrogates), absent and empty fields, every column encoding, and rules whose metadata needs escapes.
 */
class DetectionLinesTest {
    @TempDir
    Path dir;

    @Test
    void linesAreTheJacksonLinesByteForByte() {
        List<SigmaRule> rules = quirkyRules();
        CompiledRuleSet compiled = SigmaCompiler.compile(rules);
        int[] trial = {0};
        int[] entryColumns = {0};
        SeededProperty.forAll(12, rnd -> {
            List<EventRecord> records = new ArrayList<>();
            int n = 1 + rnd.nextInt(400);
            // most records repeat a few earlier ones field by field, so that the writer picks dictionary
            // and constant columns whose entries the encoder caches per block
            EventRecord[] pool = {randomRecord(rnd), randomRecord(rnd), randomRecord(rnd)};
            for (int i = 0; i < n; i++) {
                EventRecord r = randomRecord(rnd);
                if (rnd.nextInt(4) != 0) {
                    for (Field f : Field.values()) {
                        if (rnd.nextInt(10) != 0) {
                            r.set(f, pool[rnd.nextInt(pool.length)].get(f));
                        }
                    }
                }
                records.add(r);
            }
            ColumnEncodings enc = ColumnEncodings.values()[rnd.nextInt(ColumnEncodings.values().length)];
            Path p = dir.resolve("t" + trial[0]++ + ".wsev");
            try (EventFileWriter w = EventFileWriter.create(p, 64 * (1 + rnd.nextInt(2)), enc)) {
                for (EventRecord r : records) {
                    w.append(r);
                }
            }
            String[] paths = {p.toString(), "C:\\archives\\\"q\"\u00e9\ud83d\ude00.wsev"};
            DetectionLines lines = new DetectionLines(new DetectionLines.Fixed(compiled, paths));
            try (EventFile f = EventFile.open(p)) {
                EventBlock b = null;
                for (int bi = 0; bi < f.blockCount(); bi++) {
                    b = f.readBlock(bi, b);
                    for (Field field : Field.values()) {
                        entryColumns[0] += b.column(field).hasEntries() && b.recordCount() > 1 ? 1 : 0;
                    }
                    int fileIndex = rnd.nextInt(paths.length);
                    List<int[]> detections = new ArrayList<>();
                    for (int r = 0; r < b.recordCount(); r++) {
                        for (int rule = 0; rule < rules.size(); rule++) {
                            if (rnd.nextInt(3) == 0) {
                                detections.add(new int[] {rule, r});
                            }
                        }
                    }
                    lines.reset();
                    for (int[] d : detections) {
                        lines.add(d[0], fileIndex, b, d[1]);
                    }
                    byte[] expected = reference(rules, paths[fileIndex], b, detections);
                    assertArrayEquals(expected, java.util.Arrays.copyOf(lines.array(), lines.size()),
                            "block " + bi + " of " + enc + ": " + new String(expected, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        });
        assertTrue(entryColumns[0] > 100, "dictionary and constant columns seen: " + entryColumns[0]);
    }

    @Test
    void everyUnitClassIsCovered() {
        // the random values above draw from these classes; a unit of each escapes or encodes differently
        String sample = "a\u0000\u001f\"\\\u007f\u00e9\u07ff\u0800\uffff\ud800\udbff\udc00\udfff\ud83d\ude00\b\f\n\r\t/";
        EventRecord r = new EventRecord().set(Field.CommandLine, sample).set(Field.Image, "").set(Field.User, sample);
        String json = EventJson.toJson(r);
        assertTrue(json.contains("\\u0000") && json.contains("\\u001F") && json.contains("\\ud83d"), json);
    }

    private static final char[][] UNIT_CLASSES = {
        "abcXYZ019 :.-_/%".toCharArray(), {'\u0000', '\u0001', '\u001f', '\b', '\f', '\n', '\r', '\t'},
        {'"', '\\', '\u007f'}, {'\u00e9', '\u0080', '\u07ff', '\u00ff'}, {'\u0800', '\u212a', '\uffff', '\ufeff', '\ue000'},
        {'\ud800', '\udbff'}, {'\udc00', '\udfff'}};

    private static EventRecord randomRecord(SplittableRandom rnd) {
        EventRecord r = new EventRecord();
        for (Field f : Field.values()) {
            int shape = rnd.nextInt(5);
            if (shape == 0) {
                continue; // absent
            }
            if (shape == 1) {
                r.set(f, "");
                continue;
            }
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(shape == 2 ? 4 : 60);
            for (int i = 0; i < len; i++) {
                if (rnd.nextInt(10) == 0) {
                    sb.append("\ud83d\ude00"); // a pair
                } else {
                    char[] cls = UNIT_CLASSES[rnd.nextInt(4) == 0 ? rnd.nextInt(UNIT_CLASSES.length) : 0];
                    sb.append(cls[rnd.nextInt(cls.length)]);
                }
            }
            r.set(f, sb.toString());
        }
        return r;
    }

    private static List<SigmaRule> quirkyRules() {
        SigmaRule base = RuleLoader.parse("""
                title: base
                id: 33333333-0000-4000-8000-000000000001
                logsource: {category: process_creation, product: windows}
                detection:
                    a:
                        CommandLine|contains: 'x'
                    condition: a
                """, Path.of("base.yml"));
        List<SigmaRule> out = new ArrayList<>();
        String[] odd = {"plain", "quote \" and \\ back\\slash", "caf\u00e9 \u212a \ud83d\ude00 lone \ud800", "tab\tnew\nline\u0001", "", null};
        for (int i = 0; i < 8; i++) {
            out.add(new SigmaRule(i == 5 ? null : "id-" + odd[i % odd.length], odd[(i + 1) % 5], i == 3 ? null : "high",
                    base.status(), base.tags(), base.logsource(), base.sourcePath(), base.detection(),
                    odd[(i + 2) % odd.length], i % 2 == 0 ? null : odd[(i + 3) % 5]));
        }
        return out;
    }

    /** The scan's lines as ScanWorker wrote them through Jackson before DetectionLines (kept as the reference). */
    private static byte[] reference(List<SigmaRule> rules, String file, EventBlock block, List<int[]> detections) throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        EventRecord record = new EventRecord();
        CharArrayWriter eventText = new CharArrayWriter();
        JsonGenerator eventGenerator = EventJson.factory().createGenerator(eventText);
        eventGenerator.setRootValueSeparator(null);
        try (JsonGenerator g = EventJson.factory().createGenerator(lines, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(null);
            for (int[] d : detections) {
                SigmaRule rule = rules.get(d[0]);
                block.readRecord(d[1], record);
                eventText.reset();
                EventJson.writeObject(eventGenerator, record);
                eventGenerator.flush();
                String event = eventText.toString();
                g.writeStartObject();
                g.writeStringField("rule_id", rule.id());
                g.writeStringField("rule_title", rule.title());
                g.writeStringField("rule_author", rule.author());
                if (rule.license() != null) {
                    g.writeStringField("rule_license", rule.license());
                }
                g.writeStringField("level", rule.level());
                g.writeStringField("file", file);
                g.writeNumberField("record", block.firstRecord() + d[1]);
                g.writeFieldName("event");
                g.writeRawValue(event);
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
        return lines.toByteArray();
    }
}
