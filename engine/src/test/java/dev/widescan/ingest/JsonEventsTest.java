package dev.widescan.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonEventsTest {
    @TempDir
    Path dir;

    private final JsonEvents events = new JsonEvents();
    private final EventRecord r = new EventRecord();

    private Outcome read(String json) throws IOException {
        try (JsonParser p = JsonEvents.FACTORY.createParser(json)) {
            p.nextToken();
            return events.read(p, r);
        }
    }

    @Test
    void flatSysmonKeepsSysmonNamesAndMapsHostTimeRecord() throws IOException {
        assertEquals(Outcome.KEPT, read("""
                {"EventID":1,"SourceName":"Microsoft-Windows-Sysmon","Channel":"Microsoft-Windows-Sysmon/Operational",
                 "Hostname":"H1","UtcTime":"2020-06-10 02:51:04.728","@timestamp":"2020-06-10T02:51:05.723Z",
                 "RecordNumber":464819,"CommandLine":"a b","Image":"C:\\\\x.exe","ProcessId":"2008","Message":"dropped",
                 "tags":["x"],"Keywords":-9223372036854775808,"ParentUser":null}"""));
        assertEquals("1", r.get(Field.EventID));
        assertEquals("Microsoft-Windows-Sysmon", r.get(Field.Provider_Name));
        assertEquals("H1", r.get(Field.Computer));
        assertEquals("2020-06-10 02:51:04.728", r.get(Field.UtcTime));
        assertEquals("464819", r.get(Field.EventRecordID));
        assertEquals("C:\\x.exe", r.get(Field.Image));
        assertEquals("2008", r.get(Field.ProcessId));
        assertNull(r.get(Field.ParentUser), "JSON null is absent");
    }

    @Test
    void security4688IsMappedLikeSigmaWindowsAudit() throws IOException {
        assertEquals(Outcome.KEPT, read("""
                {"EventID":4688,"Channel":"security","SourceName":"Microsoft-Windows-Security-Auditing",
                 "NewProcessName":"C:\\\\Windows\\\\System32\\\\whoami.exe","ParentProcessName":"C:\\\\p.exe",
                 "NewProcessId":"0x73c","ProcessId":"0x1d20","CommandLine":"whoami /user","MandatoryLabel":"S-1-16-12288",
                 "SubjectUserName":"pgustavo","SubjectDomainName":"THESHIRE","SubjectLogonId":"0x10a7df",
                 "TargetUserName":"-","TargetDomainName":"-","TargetLogonId":"0x0","TimeCreated":"2020-10-29T08:23:20.533Z"}"""));
        assertEquals("C:\\Windows\\System32\\whoami.exe", r.get(Field.Image));
        assertEquals("C:\\p.exe", r.get(Field.ParentImage));
        assertEquals("0x73c", r.get(Field.ProcessId));
        assertEquals("0x1d20", r.get(Field.ParentProcessId));
        assertEquals("High", r.get(Field.IntegrityLevel));
        assertEquals("THESHIRE\\pgustavo", r.get(Field.User));
        assertEquals("0x10a7df", r.get(Field.LogonId));
        assertEquals("2020-10-29T08:23:20.533Z", r.get(Field.UtcTime));
        assertEquals("4688", r.get(Field.EventID));
    }

    @Test
    void security4688WithTargetCredentialsUsesTheTarget() throws IOException {
        assertEquals(Outcome.KEPT, read("""
                {"EventID":"4688","Channel":"Security","NewProcessId":"0x1","MandatoryLabel":"S-1-16-99",
                 "SubjectUserName":"creator","SubjectDomainName":"D","SubjectLogonId":"0x1",
                 "TargetUserName":"runas","TargetDomainName":"-","TargetLogonId":"0x2"}"""));
        assertEquals("runas", r.get(Field.User));
        assertEquals("0x2", r.get(Field.LogonId));
        assertEquals("S-1-16-99", r.get(Field.IntegrityLevel), "unknown labels kept as is");
        assertNull(r.get(Field.Image));
    }

    @Test
    void nestedEvtxDumpWithTextEventIdAndNumbers() throws IOException {
        assertEquals(Outcome.KEPT, read("""
                {"Event":{"#attributes":{"xmlns":"x"},"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Sysmon"}},
                 "EventID":{"#attributes":{"Qualifiers":""},"#text":"1"},"TimeCreated":{"#attributes":{"SystemTime":"2025-12-06T21:11:02Z"}},
                 "EventRecordID":67583,"Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"pc",
                 "Execution":{"#attributes":{"ProcessID":3904}}},
                 "EventData":{"UtcTime":"2025-12-06 21:11:02.632","ProcessId":3412,"CommandLine":"cmd","TerminalSessionId":1}},
                 "_source":"x"}"""));
        assertEquals("1", r.get(Field.EventID));
        assertEquals("Microsoft-Windows-Sysmon", r.get(Field.Provider_Name));
        assertEquals("pc", r.get(Field.Computer));
        assertEquals("67583", r.get(Field.EventRecordID));
        assertEquals("3412", r.get(Field.ProcessId));
        assertEquals("1", r.get(Field.TerminalSessionId));
        assertEquals("2025-12-06 21:11:02.632", r.get(Field.UtcTime), "UtcTime wins over System.TimeCreated");
    }

    @Test
    void logAnalyticsEventDataStringIsParsed() throws IOException {
        assertEquals(Outcome.KEPT, read("""
                {"TimeGenerated":"2022-05-13T08:54:08.437Z","Provider":"Microsoft-Windows-Sysmon","Channel":"Microsoft-Windows-Sysmon/Operational",
                 "Computer":"WORKSTATION5","EventID":1,"Type":"WindowsEvent",
                 "EventData":"{\\"CommandLine\\":\\"powershell -enc \\\\u0041\\",\\"ProcessId\\":\\"2084\\"}"}"""));
        assertEquals("powershell -enc A", r.get(Field.CommandLine));
        assertEquals("2084", r.get(Field.ProcessId));
        assertEquals("Microsoft-Windows-Sysmon", r.get(Field.Provider_Name));
        assertEquals("2022-05-13T08:54:08.437Z", r.get(Field.UtcTime));
    }

    @Test
    void badEventDataStringIsMalformedJson() {
        assertThrows(com.fasterxml.jackson.core.exc.StreamReadException.class,
                () -> read("{\"EventID\":1,\"Channel\":\"Sysmon\",\"EventData\":\"{not json\"}"));
    }

    @Test
    void skipReasons() throws IOException {
        assertEquals(Outcome.OTHER_EVENT_ID, read("{\"EventID\":3,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"}"));
        assertEquals(Outcome.NO_EVENT_ID, read("{\"CommandLine\":\"x\"}"));
        assertEquals(Outcome.EVENT_1_NOT_SYSMON, read("{\"EventID\":1,\"Channel\":\"Application\"}"));
        assertEquals(Outcome.EVENT_4688_NOT_SECURITY, read("{\"EventID\":4688,\"Channel\":\"Application\"}"));
        assertEquals(Outcome.KEPT, read("{\"EventID\":4688,\"EventSourceName\":\"Microsoft-Windows-Security-Auditing\"}"));
    }

    @Test
    void parseAllReadsPrettyPrintedSingleObjectsAndJsonl() throws IOException {
        Path pretty = dir.resolve("one.json");
        Files.writeString(pretty, """
                {
                  "Event": {
                    "System": {
                      "Provider": { "#attributes": { "Name": "Microsoft-Windows-Sysmon" } },
                      "EventID": 1,
                      "Channel": "Microsoft-Windows-Sysmon/Operational"
                    },
                    "EventData": { "CommandLine": "rundll32.exe x" }
                  }
                }
                """);
        List<EventRecord> one = JsonEvents.parseAll(pretty);
        assertEquals(1, one.size());
        assertEquals("rundll32.exe x", one.get(0).get(Field.CommandLine));

        Path jsonl = dir.resolve("many.jsonl");
        Files.writeString(jsonl, "{\"EventID\":1,\"Channel\":\"Sysmon\",\"CommandLine\":\"a\"}\n"
                + "{\"EventID\":7,\"Channel\":\"Sysmon\"}\n{\"EventID\":1,\"Channel\":\"Sysmon\",\"CommandLine\":\"b\"}\n");
        List<EventRecord> many = JsonEvents.parseAll(jsonl);
        assertEquals(List.of("a", "b"), many.stream().map(e -> e.get(Field.CommandLine)).toList());

        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"EventID\":1}\n{\"EventID\": }\n");
        JsonInputException e = assertThrows(JsonInputException.class, () -> JsonEvents.parseAll(bad));
        assertTrue(e.getMessage().startsWith(bad + ":2: malformed JSON"), e.getMessage());
    }

    @Tag("shared")
    @Test
    void sigmaRegressionFilesParse() throws IOException {
        String shared = System.getProperty("widescan.shared", "");
        org.junit.jupiter.api.Assumptions.assumeFalse(shared.isBlank(), "set -Dwidescan.shared to run");
        try (var files = Files.walk(Path.of(shared, "sigma", "regression_data"))) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertTrue(json.size() > 10);
            int total = 0;
            for (Path p : json) {
                List<EventRecord> rs = JsonEvents.parseAll(p);
                assertTrue(rs.size() >= 1, p.toString());
                for (EventRecord e : rs) {
                    assertTrue(e.has(Field.CommandLine) && e.has(Field.Image), p.toString());
                }
                total += rs.size();
            }
            // the same events as sigmahq_regression_process_creation.jsonl, one line each
            assertEquals(Files.readAllLines(Path.of(shared, "events", "sigmahq_regression_process_creation.jsonl")).size(), total);
        }
    }
}
