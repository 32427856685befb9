package dev.widescan.ingest.evtx;

import static dev.widescan.ingest.evtx.EvtxImage.attr;
import static dev.widescan.ingest.evtx.EvtxImage.el;
import static dev.widescan.ingest.evtx.EvtxImage.sub;
import static dev.widescan.ingest.evtx.EvtxImage.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.ingest.JsonEvents;
import dev.widescan.ingest.Outcome;
import dev.widescan.ingest.evtx.EvtxImage.Template;
import dev.widescan.ingest.evtx.EvtxImage.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EVTX images built by {@link EvtxImage}: records, value types, templates, nesting, order (no ../shared needed). */
class EvtxReaderTest {
    @TempDir
    Path dir;

    private List<EventRecord> viaJson(String... lines) throws IOException {
        Path p = dir.resolve("same.jsonl");
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return JsonEvents.parseAll(p);
    }

    @Test
    void sysmonAnd4688GiveTheRecordsTheJsonPathGives() throws IOException {
        EvtxImage.Chunk c = new EvtxImage.Chunk(100);
        assertTrue(c.add(EvtxSamples.SYSMON_1, EvtxSamples.sysmonValues(100, "ping  -n 6 127.0.0.1 ")));
        assertTrue(c.add(EvtxSamples.LOGON, EvtxSamples.logonValues(101)));
        assertTrue(c.add(EvtxSamples.SECURITY_4688, EvtxSamples.securityValues(102, false)));
        assertTrue(c.add(EvtxSamples.SECURITY_4688, EvtxSamples.securityValues(103, true)));
        assertTrue(c.add(EvtxSamples.SYSMON_1, EvtxSamples.sysmonValues(104, "cmd \"quoted\" \u00e9\u4e2d")));
        byte[] image = EvtxImage.file(List.of(c.build()), 1, 0);

        EvtxSamples.Result r = EvtxSamples.ingest(dir, image, false, 2);
        List<EventRecord> expected = viaJson(EvtxSamples.sysmonJson(100, "ping  -n 6 127.0.0.1 "), EvtxSamples.securityJson(102, false),
                EvtxSamples.securityJson(103, true), EvtxSamples.sysmonJson(104, "cmd \"quoted\" \u00e9\u4e2d"));
        assertEquals(expected, r.records());
        assertEquals(5, r.stats().read());
        assertEquals(4, r.stats().kept());
        assertEquals(1, r.stats().skipped(Outcome.OTHER_EVENT_ID));
        // spot checks that the mapping really ran (not just "both sides empty")
        assertEquals("OFFSEC\\hack1", r.records().get(2).get(Field.User));
        assertEquals("High", r.records().get(1).get(Field.IntegrityLevel));
        assertEquals("2021-11-13 14:30:56.099106", r.records().get(1).get(Field.UtcTime));
        assertEquals("0x000000000000085c", r.records().get(1).get(Field.ProcessId));
    }

    /** One kept Sysmon record per value: the value sits in CommandLine, everything else is fixed. */
    private static final Template ONE_VALUE = new Template(44, List.of(EvtxSamples.event(
            el("System", el("Provider", List.of(attr("Name", text("Microsoft-Windows-Sysmon")))), el("EventID", text("1")),
                    el("Channel", text("Microsoft-Windows-Sysmon/Operational"))),
            EvtxSamples.data("CommandLine", 0, 0x01))));

    private String render(Value v) throws IOException {
        EvtxImage.Chunk c = new EvtxImage.Chunk(1);
        assertTrue(c.add(ONE_VALUE, v));
        EvtxSamples.Result r = EvtxSamples.ingest(dir, EvtxImage.file(List.of(c.build()), 1, 0), false, 1);
        assertEquals(1, r.records().size(), "type 0x" + Integer.toHexString(v.type()));
        return r.records().get(0).get(Field.CommandLine);
    }

    @Test
    void everyValueTypeRendersAsTheReferenceConverterDoes() throws IOException {
        Object[][] cases = {
            {EvtxImage.str("C:\\a b"), "C:\\a b"},
            {EvtxImage.raw(0x01, "two\0\0".getBytes(StandardCharsets.UTF_16LE)), "two"},
            {EvtxImage.raw(0x02, "ansi \u00e9\0".getBytes(StandardCharsets.ISO_8859_1)), "ansi \u00e9"},
            {EvtxImage.raw(0x03, new byte[] {-5}), "-5"},
            {EvtxImage.u8(200), "200"},
            {EvtxImage.raw(0x05, EvtxImage.le(2, -300)), "-300"},
            {EvtxImage.u16(65000), "65000"},
            {EvtxImage.raw(0x07, EvtxImage.le(4, -70000)), "-70000"},
            {EvtxImage.u32(4_000_000_000L), "4000000000"},
            {EvtxImage.raw(0x09, EvtxImage.le(8, -1)), "-1"},
            {EvtxImage.u64(-1), "18446744073709551615"},
            {EvtxImage.raw(0x0B, EvtxImage.le(4, Float.floatToIntBits(1.5f))), "1.5"},
            {EvtxImage.raw(0x0C, EvtxImage.le(8, Double.doubleToLongBits(0.1))), "0.1"},
            {EvtxImage.raw(0x0C, EvtxImage.le(8, Double.doubleToLongBits(1e-5))), "1e-05"},
            {EvtxImage.raw(0x0C, EvtxImage.le(8, Double.doubleToLongBits(1e20))), "1e+20"},
            {EvtxImage.raw(0x0C, EvtxImage.le(8, Double.doubleToLongBits(12345678.0))), "12345678.0"},
            {EvtxImage.raw(0x0D, EvtxImage.le(4, 1)), "True"},
            {EvtxImage.raw(0x0D, EvtxImage.le(4, 0)), "False"},
            {EvtxImage.raw(0x0E, new byte[] {1, 2, 3}), "AQID"},
            {EvtxImage.raw(0x0F, new byte[] {0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, (byte) 0x88, (byte) 0x99, (byte) 0xaa,
                (byte) 0xbb, (byte) 0xcc, (byte) 0xdd, (byte) 0xee, (byte) 0xff}), "{00112233-4455-6677-8899-aabbccddeeff}"},
            {EvtxImage.raw(0x10, EvtxImage.le(8, 42)), "42"},
            {EvtxImage.raw(0x10, EvtxImage.le(4, 42)), "42"},
            {EvtxImage.filetime(0), "1601-01-01 00:00:00"},
            {EvtxImage.filetime(EvtxSamples.TICKS), "2021-11-13 14:30:56.099106"},
            {EvtxImage.filetime(EvtxSamples.ticks("2020-01-01T00:00:00Z")), "2020-01-01 00:00:00"},
            {EvtxImage.raw(0x12, systemtime(2020, 2, 6, 29, 23, 59, 58, 123)), "2020-02-29 23:59:58.123000"},
            {EvtxImage.raw(0x13, EvtxImage.sid(5, 18)), "S-1-5-18"},
            {EvtxImage.raw(0x13, EvtxImage.sid(5, 21, 1, 2, 4294967295L, 1001)), "S-1-5-21-1-2-4294967295-1001"},
            {EvtxImage.raw(0x14, EvtxImage.le(4, 0x3e7)), "0x000003e7"},
            {EvtxImage.hex64(0x3e7), "0x00000000000003e7"},
            {EvtxImage.raw(0x81, "a\0bc\0".getBytes(StandardCharsets.UTF_16LE)), "a, bc"},
            {EvtxImage.raw(0x86, new byte[] {1, 0, 2, 0, 3, 0}), "1, 2, 3"},
            {EvtxImage.raw(0x8F, new byte[32]), "{00000000-0000-0000-0000-000000000000}, {00000000-0000-0000-0000-000000000000}"},
            {EvtxImage.raw(0x93, concat(EvtxImage.sid(5, 18), EvtxImage.sid(5, 32, 544))), "S-1-5-18, S-1-5-32-544"},
            {EvtxImage.raw(0x95, concat(EvtxImage.le(8, 1), EvtxImage.le(8, 255))), "0x0000000000000001, 0x00000000000000ff"},
            {EvtxImage.nul(), ""},
            {EvtxImage.raw(0x20, EvtxImage.le(8, 7)), ""},
        };
        for (Object[] c : cases) {
            Value v = (Value) c[0];
            assertEquals(c[1], render(v), "value type 0x" + Integer.toHexString(v.type()));
        }
    }

    private static byte[] systemtime(int... parts) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) parts[i];
            b[2 * i + 1] = (byte) (parts[i] >>> 8);
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void mixedTextEntitiesCharacterReferencesAndDynamicDataNames() throws IOException {
        Template t = new Template(55, List.of(EvtxSamples.event(
                el("System", el("Provider", List.of(attr("Name", text("Microsoft-Windows-Sysmon")))), el("EventID", sub(0, 0x06)),
                        el("Channel", text("Sysmon"))),
                el("Data", List.of(attr("Name", text("Command"), text("Line"))), text("a"), new EvtxImage.Entity("amp"),
                        new EvtxImage.CharRef('<'), sub(1, 0x01)),
                el("Data", List.of(attr("Name", sub(2, 0x01))), sub(3, 0x01)),
                el("Data", List.of(attr("Name", text("ParentImage")))),
                el("Data", List.of(attr("Name", text("Unknown"))), sub(4, 0x01)))));
        EvtxImage.Chunk c = new EvtxImage.Chunk(1);
        assertTrue(c.add(t, EvtxImage.u16(1), EvtxImage.str("tail"), EvtxImage.str("Image"), EvtxImage.str("C:\\x.exe"), EvtxImage.str("zz")));
        EvtxSamples.Result r = EvtxSamples.ingest(dir, EvtxImage.file(List.of(c.build()), 1, 0), false, 1);
        EventRecord e = r.records().get(0);
        assertEquals("a&<tail", e.get(Field.CommandLine));
        assertEquals("C:\\x.exe", e.get(Field.Image));
        assertEquals("", e.get(Field.ParentImage), "an empty <Data> element is present and empty");
        assertEquals("1", e.get(Field.EventID));
    }

    @Test
    void nestedBinXmlEventDataIsReadInItsContext() throws IOException {
        Template inner = new Template(66, List.of(EvtxSamples.data("CommandLine", 0, 0x01), EvtxSamples.data("Image", 1, 0x01)));
        Template outer = new Template(67, List.of(el("Event",
                el("System", el("Provider", List.of(attr("Name", text("Microsoft-Windows-Sysmon")))), el("EventID", sub(0, 0x06)),
                        el("Channel", text("Sysmon"))),
                el("EventData", sub(1, 0x21)))));
        EvtxImage.Chunk c = new EvtxImage.Chunk(1);
        assertTrue(c.add(outer, EvtxImage.u16(1), EvtxImage.binxml(inner, EvtxImage.str("nested cmd"), EvtxImage.str("C:\\n.exe"))));
        assertTrue(c.add(outer, EvtxImage.u16(1), EvtxImage.binxmlRaw(el("Data", List.of(attr("Name", text("CommandLine"))), text("raw cmd")))));
        assertTrue(c.add(outer, EvtxImage.u16(7), EvtxImage.binxml(inner, EvtxImage.str("not kept"), EvtxImage.str("x"))));
        // System says 7, the nested EventData says EventID 1: as in the JSON path, the later value wins
        Template overriding = new Template(68, List.of(EvtxSamples.data("EventID", 0, 0x01), EvtxSamples.data("CommandLine", 1, 0x01)));
        assertTrue(c.add(outer, EvtxImage.u16(7), EvtxImage.binxml(overriding, EvtxImage.str("1"), EvtxImage.str("late id"))));
        EvtxSamples.Result r = EvtxSamples.ingest(dir, EvtxImage.file(List.of(c.build()), 1, 0), false, 1);
        assertEquals(3, r.records().size());
        assertEquals("late id", r.records().get(2).get(Field.CommandLine));
        assertEquals("1", r.records().get(2).get(Field.EventID));
        assertEquals("nested cmd", r.records().get(0).get(Field.CommandLine));
        assertEquals("C:\\n.exe", r.records().get(0).get(Field.Image));
        assertEquals("raw cmd", r.records().get(1).get(Field.CommandLine));
        assertEquals(1, r.stats().skipped(Outcome.OTHER_EVENT_ID));
    }

    /** Many chunks on several threads: records come out in file and record order, as with one thread. */
    @Test
    void chunksReadInParallelKeepFileAndRecordOrder() throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long id = 1;
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            EvtxImage.Chunk c = new EvtxImage.Chunk(id);
            while (true) {
                boolean process = id % 3 != 0;
                Value[] values = process ? EvtxSamples.sysmonValues(id, "cmd " + id) : EvtxSamples.logonValues(id);
                if (!c.add(process ? EvtxSamples.SYSMON_1 : EvtxSamples.LOGON, values)) {
                    break;
                }
                if (process) {
                    expected.add("cmd " + id);
                }
                id++;
            }
            chunks.add(c.build());
        }
        byte[] image = EvtxImage.file(chunks, chunks.size(), 2);
        Path a = dir.resolve("a.evtx");
        Path b = dir.resolve("b.log");
        Files.write(a, image);
        Files.write(b, image);
        List<String> twice = new ArrayList<>(expected);
        twice.addAll(expected);
        for (int threads : new int[] {1, 3}) {
            EvtxSamples.Result r = EvtxSamples.ingest(dir, List.of(a, b), false, threads);
            assertEquals(twice, r.records().stream().map(e -> e.get(Field.CommandLine)).toList(), threads + " threads");
            assertEquals(14, r.stats().evtxChunks(), "the two spare zero chunks of each file are not counted");
            assertEquals(0, r.stats().badChunks());
        }
        assertTrue(EvtxIngester.isEvtx(b), "recognised by its signature, not its name");
        assertTrue(expected.size() > 500, "enough records to fill several chunks: " + expected.size());
    }
}
