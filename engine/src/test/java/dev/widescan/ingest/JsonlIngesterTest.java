package dev.widescan.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlIngesterTest {
    @TempDir
    Path dir;

    private static final String GOOD = "{\"EventID\":1,\"Channel\":\"Sysmon\",\"CommandLine\":\"c%d\"}";

    private List<String> commandLines(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (EventFile f = EventFile.open(file)) {
            EventBlock b = null;
            EventRecord r = new EventRecord();
            for (int i = 0; i < f.blockCount(); i++) {
                b = f.readBlock(i, b);
                for (int k = 0; k < b.recordCount(); k++) {
                    b.readRecord(k, r);
                    out.add(r.get(Field.CommandLine));
                }
            }
        }
        return out;
    }

    private IngestStats ingest(Path out, String text, boolean skipBad) throws IOException {
        try (EventFileWriter w = EventFileWriter.create(out)) {
            JsonlIngester in = new JsonlIngester(w, skipBad);
            in.ingest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "input.jsonl");
            return in.stats();
        }
    }

    @Test
    void malformedLineIsAnErrorNamingFileAndLine() {
        String text = GOOD.formatted(1) + "\n" + GOOD.formatted(2) + "\n{\"EventID\":1,,}\n" + GOOD.formatted(4) + "\n";
        JsonInputException e = assertThrows(JsonInputException.class, () -> ingest(dir.resolve("a.wsev"), text, false));
        assertTrue(e.getMessage().startsWith("input.jsonl:3: malformed JSON:"), e.getMessage());
        assertTrue(e.getMessage().contains("--skip-bad"), e.getMessage());
    }

    /**
     * The usual wrong JSON: pretty-printed (jq .) or an array of events. The message said "Unexpected
     * end-of-input: expected close marker for Object (start marker at [Source: REDACTED
     * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])"; now what it is and the fix.
     */
    @Test
    void prettyPrintedJsonAndArraysSayHowToConvert() {
        JsonInputException pretty = assertThrows(JsonInputException.class,
                () -> ingest(dir.resolve("p.wsev"), "{\n  \"EventID\": 1\n}\n", false));
        assertEquals("input.jsonl:1: malformed JSON: the line ends inside a JSON object or string (pretty-printed JSON?"
                + " ingest reads JSON Lines, one event object per line: convert with jq -c .) (use --skip-bad to skip such lines)", pretty.getMessage());
        JsonInputException array = assertThrows(JsonInputException.class,
                () -> ingest(dir.resolve("a.wsev"), "[{\"EventID\": 1}]\n", false));
        assertTrue(array.getMessage().contains(":1: malformed JSON: expected a JSON object, found '[' (a JSON array? ingest reads JSON Lines,"
                + " one event object per line: convert with jq -c '.[]')"), array.getMessage());
    }

    private IngestStats ingestBytes(Path out, byte[] bytes, boolean skipBad) throws IOException {
        try (EventFileWriter w = EventFileWriter.create(out)) {
            JsonlIngester in = new JsonlIngester(w, skipBad);
            in.ingest(new ByteArrayInputStream(bytes), "input.jsonl");
            return in.stats();
        }
    }

    /**
     * README: "ingest --skip-bad skipped malformed lines ... (each skip is named)". EVTX chunks and records were
     * named, but a skipped JSON line was only counted ("skipped 2 (malformed JSON: 2)"): which lines were lost,
     * the user could not tell. Each is now named FILE:LINE with the reason, at most MAX_NOTES of them and a
     * count of the rest (ingest /dev/zero --skip-bad reads for ever in bounded memory).
     */
    @Test
    void skippedLinesAreNamedWithFileLineAndReason() throws IOException {
        String text = GOOD.formatted(1) + "\nnot json\n" + GOOD.formatted(3) + "\n{\"a\":\n";
        IngestStats s = ingestBytes(dir.resolve("x.wsev"), text.getBytes(StandardCharsets.UTF_8), true);
        assertEquals(2, s.kept());
        assertEquals(2, s.skipped(Outcome.MALFORMED_JSON));
        assertEquals(2, s.notes().size(), s.notes().toString());
        assertTrue(s.notes().get(0).startsWith("input.jsonl:2: malformed JSON: ") && s.notes().get(0).endsWith(": line skipped"),
                s.notes().toString());
        assertTrue(s.notes().get(1).startsWith("input.jsonl:4: malformed JSON: "), s.notes().toString());
        IngestStats many = ingestBytes(dir.resolve("y.wsev"), "not json\n".repeat(IngestStats.MAX_NOTES + 30).getBytes(StandardCharsets.UTF_8), true);
        assertEquals(IngestStats.MAX_NOTES + 1, many.notes().size());
        assertTrue(many.notes().get(IngestStats.MAX_NOTES).contains("30"), many.notes().get(IngestStats.MAX_NOTES));
    }

    /**
     * JSON Lines saved as UTF-16 (Windows PowerShell 5.1's default for Out-File and '>', with or without its byte
     * order mark) is named for what it is, with how to convert it, instead of "invalid UTF-8 at byte 1 of the line
     * (0xFF 0xFE)". Without the mark, Jackson's own encoding detection took line 1 as UTF-16 and ingested it,
     * then found every later line (starting with the newline's 0x00) malformed: one event of the file kept with
     * --skip-bad, the rest counted as malformed JSON.
     */
    @Test
    void aUtf16InputIsNamedForWhatItIs() throws IOException {
        String text = (GOOD.formatted(1) + "\r\n").repeat(3);
        byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] leBom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
        byte[] beBom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE);
        byte[] be = text.getBytes(StandardCharsets.UTF_16BE);
        for (byte[] in : new byte[][] {le, leBom, beBom, be}) {
            JsonInputException e = assertThrows(JsonInputException.class, () -> ingestBytes(dir.resolve("x.wsev"), in, false));
            assertTrue(e.getMessage().startsWith("input.jsonl: UTF-16") && e.getMessage().contains("iconv -f UTF-16"), e.getMessage());
            IngestStats s = ingestBytes(dir.resolve("y.wsev"), in, true);
            assertEquals(0, s.skipped(Outcome.MALFORMED_JSON));
            assertEquals(0, s.kept());
            assertTrue(s.notes().size() == 1 && s.notes().get(0).contains("UTF-16") && s.notes().get(0).contains("skipped"),
                    s.notes().toString());
        }
        IngestStats utf8 = ingestBytes(dir.resolve("z.wsev"), text.getBytes(StandardCharsets.UTF_8), false);
        assertEquals(3, utf8.kept());
    }

    /**
     * A compressed log (events.jsonl.gz, the usual way archives are kept), an EVTX log piped to stdin or an
     * event file given as JSON Lines is named for what it is, not reported as "invalid UTF-8 at byte 2";
     * with --skip-bad the input is skipped whole and named, not counted as thousands of malformed lines.
     */
    @Test
    void aCompressedOrBinaryInputIsNamedForWhatItIs() throws IOException {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write((GOOD.formatted(1) + "\n").repeat(2000).getBytes(StandardCharsets.UTF_8));
        }
        byte[] evtx = java.util.Arrays.copyOf("ElfFile\0".getBytes(StandardCharsets.ISO_8859_1), 4096);
        byte[] zstd = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 1, 2, 3, 4, '\n', 5};
        String[][] cases = {{"gzip", "decompress"}, {"EVTX", "give the .evtx file"}, {"zstd", "decompress"}};
        byte[][] inputs = {gz.toByteArray(), evtx, zstd};
        for (int i = 0; i < inputs.length; i++) {
            byte[] in = inputs[i];
            JsonInputException e = assertThrows(JsonInputException.class, () -> ingestBytes(dir.resolve("x.wsev"), in, false));
            assertTrue(e.getMessage().startsWith("input.jsonl: ") && e.getMessage().contains(cases[i][0])
                    && e.getMessage().contains(cases[i][1]), e.getMessage());
            IngestStats s = ingestBytes(dir.resolve("y.wsev"), in, true);
            assertEquals(0, s.skipped(Outcome.MALFORMED_JSON), cases[i][0]);
            assertTrue(s.notes().size() == 1 && s.notes().get(0).contains(cases[i][0]) && s.notes().get(0).contains("skipped"),
                    s.notes().toString());
        }
    }

    @Test
    void skipBadCountsAndContinuesInOrder() throws IOException {
        String text = "\uFEFF" + GOOD.formatted(1) + "\r\n\n   \n[1,2]\n" + GOOD.formatted(2) + " {}\n{\"EventID\":\n"
                + "{\"EventID\":5,\"Channel\":\"Sysmon\"}\n" + GOOD.formatted(3); // no final newline
        Path out = dir.resolve("b.wsev");
        IngestStats s = ingest(out, text, true);
        assertEquals(3, s.skipped(Outcome.MALFORMED_JSON));
        assertEquals(1, s.skipped(Outcome.OTHER_EVENT_ID));
        assertEquals(2, s.kept());
        assertEquals(List.of("c1", "c3"), commandLines(out));
        assertTrue(s.summary(1.0).contains("malformed JSON: 3"), s.summary(1.0));
    }

    @Test
    void longLinesAcrossReadChunks() throws IOException {
        String big = "y".repeat(3_000_000);
        String text = GOOD.formatted(1) + "\n{\"EventID\":1,\"Channel\":\"Sysmon\",\"CommandLine\":\"" + big + "\"}\n" + GOOD.formatted(3);
        Path out = dir.resolve("c.wsev");
        IngestStats s = ingest(out, text, false);
        assertEquals(3, s.kept());
        assertEquals(List.of("c1", big, "c3"), commandLines(out));
    }
}
