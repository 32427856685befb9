package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSONL -> ingest -> event file -> dump: the dumped fields equal the input's (normalized) fields exactly. */
class IngestDumpRoundTripTest {
    @TempDir
    Path dir;



    /** A JSON string literal; control characters and every surrogate unit as escapes, the rest raw. */
    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                sb.append(String.format("%cu%04x", '\\', (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static String obj(Map<String, String> m) {
        StringBuilder sb = new StringBuilder("{");
        m.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(str(k)).append(':').append(v == null ? "null" : str(v)));
        return sb.append('}').toString();
    }

    static Map<String, String> sysmon(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Map<String, String>> parseLines(String jsonl) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Map<String, String> m = new LinkedHashMap<>();
            try (JsonParser p = new JsonFactory().createParser(line)) {
                assertEquals(JsonToken.START_OBJECT, p.nextToken());
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    m.put(k, p.getText());
                }
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void edgeCasesSurviveIngestAndDump() throws IOException {
        List<String> lines = new ArrayList<>();
        List<Map<String, String>> expected = new ArrayList<>();
        String ch = "Microsoft-Windows-Sysmon/Operational";
        Map<String, String>[] flat = new Map[] {
            sysmon("CommandLine", "nul\u0000inside\u0000", "Image", "C:\\a.exe", "EventID", "1", "Channel", ch),
            sysmon("CommandLine", "lone \uD800 high, lone \uDC00 low, reversed \uDE00\uD83D", "EventID", "1", "Channel", ch),
            sysmon("CommandLine", "emoji \uD83D\uDE00 and \u00e9\u4e2d", "EventID", "1", "Channel", ch),
            sysmon("CommandLine", "w".repeat(32_767), "EventID", "1", "Channel", ch),
            sysmon("CommandLine", "\u4e2d".repeat(100_000), "ParentCommandLine", "", "EventID", "1", "Channel", ch),
            sysmon("CommandLine", "", "User", "", "EventID", "1", "Channel", ch), // empty kept, others absent
        };
        for (Map<String, String> m : flat) {
            lines.add(obj(m));
            expected.add(m);
        }
        // skipped: another Sysmon event, a 4688 from the wrong channel, no EventID
        lines.add("{\"EventID\":3,\"Channel\":\"" + ch + "\",\"CommandLine\":\"net\"}");
        lines.add("{\"EventID\":4688,\"Channel\":\"Application\"}");
        lines.add("{\"Message\":\"x\"}");
        // 4688 native names
        lines.add("{\"EventID\":4688,\"Channel\":\"Security\",\"SourceName\":\"Microsoft-Windows-Security-Auditing\","
                + "\"NewProcessName\":\"C:\\\\w.exe\",\"ParentProcessName\":\"C:\\\\p.exe\",\"NewProcessId\":\"0x7d8\","
                + "\"ProcessId\":\"0x2b8\",\"CommandLine\":\"w /all\",\"MandatoryLabel\":\"S-1-16-16384\",\"SubjectUserName\":\"DC$\","
                + "\"SubjectDomainName\":\"MORDOR\",\"SubjectLogonId\":\"0x3e7\",\"TargetUserName\":\"-\",\"TargetLogonId\":\"0x0\","
                + "\"Hostname\":\"dc\",\"RecordNumber\":379988,\"@timestamp\":\"2020-06-10T02:51:05.734Z\"}");
        expected.add(sysmon("CommandLine", "w /all", "Image", "C:\\w.exe", "ParentImage", "C:\\p.exe", "IntegrityLevel", "System",
                "User", "MORDOR\\DC$", "LogonId", "0x3e7", "ProcessId", "0x7d8", "ParentProcessId", "0x2b8", "EventID", "4688",
                "Channel", "Security", "Provider_Name", "Microsoft-Windows-Security-Auditing", "Computer", "dc",
                "UtcTime", "2020-06-10T02:51:05.734Z", "EventRecordID", "379988"));
        // nested evtx_dump, pretty parts on one line
        lines.add("{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},"
                + "\"EventID\":{\"#text\":\"1\"},\"EventRecordID\":7,\"Channel\":\"" + ch + "\",\"Computer\":\"pc\"},"
                + "\"EventData\":{\"CommandLine\":\"nested\",\"ProcessId\":42,\"UtcTime\":\"t\"}}}");
        expected.add(sysmon("CommandLine", "nested", "ProcessId", "42", "EventID", "1", "Channel", ch,
                "Provider_Name", "Microsoft-Windows-Sysmon", "Computer", "pc", "UtcTime", "t", "EventRecordID", "7"));
        // Log Analytics WindowsEvent with EventData as a string
        lines.add("{\"Provider\":\"Microsoft-Windows-Sysmon\",\"Channel\":\"" + ch + "\",\"Computer\":\"W5\",\"EventID\":1,"
                + "\"TimeGenerated\":\"2022\",\"EventData\":" + str("{\"CommandLine\":\"la\",\"ProcessId\":\"9\"}") + "}");
        expected.add(sysmon("CommandLine", "la", "ProcessId", "9", "EventID", "1", "Channel", ch,
                "Provider_Name", "Microsoft-Windows-Sysmon", "Computer", "W5", "UtcTime", "2022"));

        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Path file = dir.resolve("out.wsev");
        CliRun ingest = CliRun.run("ingest", "-o", file.toString(), in.toString());
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(ingest.err().contains("kept 9") && ingest.err().contains("other event id: 1")
                && ingest.err().contains("no EventID: 1") && ingest.err().contains("event 4688 not from Security: 1"), ingest.err());
        CliRun dump = CliRun.run("dump", file.toString());
        assertEquals(0, dump.code(), dump.err());
        assertEquals(expected, parseLines(dump.out()));
        for (String line : dump.out().split("\n")) {
            assertTrue(line.startsWith("{\""), "every dumped line is one object, nothing before it: '" + line + "'");
        }

        // dump -> ingest -> dump is the identity, byte for byte
        Path again = dir.resolve("again.jsonl");
        Files.writeString(again, dump.out(), StandardCharsets.UTF_8);
        Path file2 = dir.resolve("again.wsev");
        assertEquals(0, CliRun.run("ingest", "-o", file2.toString(), again.toString()).code());
        assertEquals(dump.out(), CliRun.run("dump", file2.toString()).out());
    }

    @Test
    void malformedInputExitsThreeNamingLineAndLeavesNoFile() throws IOException {
        Path in = dir.resolve("bad.jsonl");
        Files.writeString(in, "{\"EventID\":1,\"Channel\":\"Sysmon\"}\n{\"EventID\":1,\"Channel\"\n");
        Path out = dir.resolve("bad.wsev");
        CliRun r = CliRun.run("ingest", "-o", out.toString(), in.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains(in + ":2: malformed JSON"), r.err());
        assertTrue(Files.notExists(out));
        CliRun skip = CliRun.run("ingest", "--skip-bad", "-o", out.toString(), in.toString());
        assertEquals(ExitCodes.SKIPPED_BAD_INPUT, skip.code(), skip.err());
        assertTrue(skip.err().contains("malformed JSON: 1"), skip.err());
        assertEquals(ExitCodes.USAGE, CliRun.run("ingest", "-o", out.toString(), dir.resolve("missing.jsonl").toString()).code());
    }

    @Test
    void inspectReportsSchemaAndCrcAndFailsOnCorruption() throws IOException {
        Path in = dir.resolve("i.jsonl");
        Files.writeString(in, "{\"EventID\":1,\"Channel\":\"Sysmon\",\"CommandLine\":\"abc\"}\n");
        Path file = dir.resolve("i.wsev");
        assertEquals(0, CliRun.run("ingest", "-o", file.toString(), in.toString()).code());
        CliRun text = CliRun.run("inspect", file.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("format version  3.0") && text.out().contains("status          ok"), text.out());
        // One record: every present column is constant, every other one all-absent (format v3 kinds).
        assertTrue(text.out().contains("blocks: plain/dict/const/absent")
                && text.out().lines().anyMatch(l -> l.startsWith("CommandLine ") && l.contains(" 0/0/1/0 "))
                && text.out().lines().anyMatch(l -> l.startsWith("ProcessGuid ") && l.contains(" 0/0/0/1 ")), text.out());
        CliRun json = CliRun.run("inspect", "--json", file.toString());
        assertEquals(0, json.code());
        assertTrue(json.out().contains("\"records\":1") && json.out().contains("\"status\":\"ok\""), json.out());
        assertTrue(json.out().contains("\"blocksByKind\":{\"plain\":0,\"dictionary\":0,\"constant\":1,\"absent\":0}"), json.out());

        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, "abc".getBytes(StandardCharsets.UTF_16LE));
        bytes[at] ^= 1;
        Files.write(file, bytes);
        CliRun bad = CliRun.run("inspect", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.code());
        assertTrue(bad.out().contains("CORRUPT") && bad.err().contains("block 0 column CommandLine"), bad.out() + bad.err());
        CliRun dump = CliRun.run("dump", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, dump.code());
        assertTrue(dump.err().contains("block 0 column CommandLine: CRC32C mismatch"), dump.err());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
