package dev.widescan.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.match.MatcherFactory;
import dev.widescan.scan.Archive;
import dev.widescan.scan.StrategyProfile;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule field with literals whose values the sampled blocks do not hold (absent, or only empty): that slot
 * is not timed (nothing to time), the text and JSON reports say so per field, the profile keeps auto's
 * choice for it and still gives auto's detections; with no field to time at all, tuning still finishes and
 * says nothing could be timed. Once {@code FieldTuner.measure} failed on the empty piece list
 * (IndexOutOfBoundsException: a bare stack trace).
 */
class TuneUntimedFieldTest {
    @TempDir
    Path dir;

    @Test
    void aFieldWithoutValuesInTheSampleIsReportedNotTimedAndKeepsAutosChoice() throws IOException {
        CompiledRuleSet rules = TuneTest.compile(TuneTestData.rules(dir, "rules", TuneTestData.RULES));
        Path events = TuneTestData.events(dir.resolve("e.wsev"), 4 * 1024, 1024, 3, Set.of(Field.Image), Set.of(Field.ParentImage));
        TuneReport report;
        try (Archive archive = Archive.open(List.of(events))) {
            report = new Tuner().run(rules, archive, new Tuner.Settings(4, 2, 1), TuneProgress.NONE);
        }
        int imageSlot = slotOf(rules, Field.Image);
        int parentSlot = slotOf(rules, Field.ParentImage);
        assertEquals(List.of(Field.CommandLine), report.fields().stream().map(FieldTuning::field).toList(), "only CommandLine is timed");
        assertTrue(report.fields().get(0).timings().size() >= 3, "CommandLine's strategies are all timed");
        assertEquals(List.of(Field.Image, Field.ParentImage), report.untimed().stream().map(UntimedField::field).toList());
        UntimedField image = report.untimed().get(0);
        UntimedField parent = report.untimed().get(1);
        assertEquals(imageSlot, image.slot());
        assertEquals(0, image.presentBlocks());
        assertEquals("no value of this field in the 4 sample blocks", image.reason());
        assertEquals(4, parent.presentBlocks(), "ParentImage is stored, but empty in every record");
        assertEquals("only empty values of this field in the 4 sample blocks (present in 4)", parent.reason());

        String text = text(report);
        String imageLine = line(text, "Image (slot " + imageSlot + "): ");
        assertEquals("Image (slot " + imageSlot + "): 3 literals (contains 0, startswith 0, endswith 3, equals 0); no value of this field"
                + " in the 4 sample blocks: not timed, the profile keeps auto's choice (" + MatcherFactory.pick(image.literals()) + ")", imageLine);
        assertTrue(line(text, "ParentImage (slot " + parentSlot + "): 1 literal ").contains("only empty values of this field in the 4 sample"
                + " blocks (present in 4): not timed, the profile keeps auto's choice"), text);
        assertTrue(text.contains("<- winner") && text.contains("self-test: every strategy reported the same hits"), text);
        assertTrue(text.contains("not timed: Image (slot " + imageSlot + "), ParentImage (slot " + parentSlot + "): no value in the sample"), text);
        assertNull(report.nothingTimed());

        Map<String, Object> json = json(report);
        List<?> fields = (List<?>) json.get("fields");
        assertEquals(1, fields.size());
        Map<?, ?> commandLine = (Map<?, ?>) fields.get(0);
        assertEquals("CommandLine", commandLine.get("field"));
        assertTrue(commandLine.containsKey("winner") && commandLine.containsKey("auto") && !((List<?>) commandLine.get("strategies")).isEmpty());
        List<?> untimed = (List<?>) json.get("untimedFields");
        assertEquals(2, untimed.size());
        Map<?, ?> u = (Map<?, ?>) untimed.get(0);
        assertEquals("Image", u.get("field"));
        assertEquals((long) imageSlot, ((Number) u.get("slot")).longValue());
        assertEquals(3L, ((Number) u.get("literals")).longValue());
        assertEquals(Boolean.FALSE, u.get("timed"));
        assertEquals(0L, ((Number) u.get("sampleBytes")).longValue());
        assertEquals(0L, ((Number) u.get("presentBlocks")).longValue());
        assertEquals(image.reason(), u.get("reason"));
        assertEquals(MatcherFactory.pick(image.literals()), u.get("auto"));
        assertEquals(MatcherFactory.pick(image.literals()), u.get("profile"));
        assertEquals(image.fingerprint(), u.get("fingerprint"));
        assertEquals("ParentImage", ((Map<?, ?>) untimed.get(1)).get("field"));
        assertTrue(!json.containsKey("nothingTimed"), json.toString());

        // The profile: auto's choice for the untimed slots, valid for the rules, same detections as auto.
        Path saved = dir.resolve("p.json");
        report.toProfile(saved).write(saved);
        StrategyProfile profile = StrategyProfile.read(saved);
        profile.checkFits(rules);
        for (UntimedField f : report.untimed()) {
            StrategyProfile.Entry e = profile.entries().get(f.slot());
            assertEquals(f.field(), e.field());
            assertEquals(MatcherFactory.pick(f.literals()), e.strategy(), f.field().name());
            assertEquals(Map.of(), e.parameters());
        }
    }

    @Test
    void withNoFieldToTimeTuningFinishesAndSaysSo() throws IOException {
        // The rule on Image and ParentImage only; the data fills CommandLine only.
        CompiledRuleSet rules = TuneTest.compile(TuneTestData.rules(dir, "rules", TuneTestData.RULES.split("---\n")[1]));
        Path events = TuneTestData.events(dir.resolve("e.wsev"), 3 * 1024, 1024, 4, Set.of(Field.Image, Field.ParentImage), Set.of());
        TuneReport report;
        try (Archive archive = Archive.open(List.of(events))) {
            report = new Tuner().run(rules, archive, new Tuner.Settings(8, 5, 1), TuneProgress.NONE);
            assertTrue(report.elapsedSeconds() < 4, "nothing to time, no budget spent: " + report.elapsedSeconds() + " s");
        }
        assertEquals(List.of(), report.fields());
        assertEquals(List.of(Field.Image, Field.ParentImage), report.untimed().stream().map(UntimedField::field).toList());
        String text = text(report);
        assertTrue(text.contains("no value of this field in the 3 sample blocks: not timed"), text);
        assertTrue(text.contains("nothing could be timed: no field these rules match by literal (Image (slot 0), ParentImage (slot 1)) has a"
                + " value in the 3 sample blocks"), text);
        assertTrue(!text.contains("self-test: every strategy") && !text.contains("winner:"), "no strategy ran: " + text);
        Map<String, Object> json = json(report);
        assertEquals(List.of(), json.get("fields"));
        assertEquals(2, ((List<?>) json.get("untimedFields")).size());
        assertEquals(report.nothingTimed(), json.get("nothingTimed"));
        Path saved = dir.resolve("p.json");
        report.toProfile(saved).write(saved);
        StrategyProfile profile = StrategyProfile.read(saved);
        profile.checkFits(rules);
        for (int slot = 0; slot < rules.fieldLiterals().size(); slot++) {
            assertEquals(MatcherFactory.pick(rules.fieldLiterals().get(slot).literals()), profile.entries().get(slot).strategy());
        }
    }

    /**
     * A piece of empty values only (a plain block whose values after the first 16 Ki units are all empty)
     * is left out of the sample: no byte to time, no hit to check, and a cold round on it would divide by zero.
     */
    @Test
    void piecesOfEmptyValuesOnlyAreLeftOut() throws IOException {
        Path file = dir.resolve("tail.wsev");
        try (EventFileWriter w = EventFileWriter.create(file, 256, false)) { // a block of 256 holds 32 Ki units a column
            for (int i = 0; i < 256; i++) {
                String value = i == 0 ? "a".repeat(16_000) : i == 1 ? "b".repeat(1_000) : "";
                w.append(new EventRecord().set(Field.CommandLine, value).set(Field.Image, ""));
            }
        }
        try (Archive archive = Archive.open(List.of(file))) {
            Sample sample = Sample.read(archive, List.of(Field.CommandLine, Field.Image), 1, 1);
            List<Sample.Piece> pieces = sample.pieces(Field.CommandLine);
            assertEquals(List.of("0-2"), pieces.stream().map(p -> p.fromValue() + "-" + p.toValue()).toList(), "the empty tail 2-256 is left out");
            assertEquals(2L * 17_000, Sample.bytes(pieces, pieces.size()));
            assertEquals(List.of(), sample.pieces(Field.Image));
            assertEquals(1, sample.presentBlocks(Field.Image));
            assertEquals(1, sample.presentBlocks(Field.CommandLine));
            assertEquals(0, Sample.dictionaryBlocks(sample.pieces(Field.Image)));
            assertEquals(0, Sample.bytes(sample.pieces(Field.Image), 0));
        }
    }

    private static int slotOf(CompiledRuleSet rules, Field field) {
        List<FieldLiterals> slots = rules.fieldLiterals();
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).field() == field) {
                return i;
            }
        }
        throw new AssertionError(field + " has no slot");
    }

    private static String text(TuneReport report) {
        StringWriter text = new StringWriter();
        report.writeText(new PrintWriter(text, true));
        return text.toString();
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no line " + prefix + " in\n" + text));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(TuneReport report) throws IOException {
        StringWriter out = new StringWriter();
        report.writeJson(out);
        try (JsonParser p = new JsonFactory().createParser(out.toString())) {
            p.nextToken();
            return (Map<String, Object>) value(p);
        }
    }

    /** The JSON value at the parser's current token: maps, lists, strings, numbers, booleans, null. */
    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }
}
