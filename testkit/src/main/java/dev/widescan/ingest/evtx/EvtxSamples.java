package dev.widescan.ingest.evtx;

import static dev.widescan.ingest.evtx.EvtxImage.attr;
import static dev.widescan.ingest.evtx.EvtxImage.el;
import static dev.widescan.ingest.evtx.EvtxImage.sub;
import static dev.widescan.ingest.evtx.EvtxImage.text;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.ingest.IngestStats;
import dev.widescan.ingest.evtx.EvtxImage.El;
import dev.widescan.ingest.evtx.EvtxImage.Template;
import dev.widescan.ingest.evtx.EvtxImage.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Templates shaped like the ones Sysmon and the Security auditing provider write, and an ingest helper. */
public final class EvtxSamples {
    private EvtxSamples() {
    }

    /**
     * A small EVTX file for tests outside this package (the CLI's input fuzz): one chunk of {@code sysmon}
     * Sysmon 1 events, a Security 4688 and a logon that ingest must skip.
     */
    public static byte[] smallFile(int sysmon) {
        EvtxImage.Chunk c = new EvtxImage.Chunk(1);
        long id = 1;
        for (int i = 0; i < sysmon; i++) {
            if (!c.add(SYSMON_1, sysmonValues(id++, "cmd.exe /c VirtualAlloc " + i))) {
                throw new IllegalStateException("the chunk is full after " + i + " events");
            }
        }
        c.add(SECURITY_4688, securityValues(id++, true));
        c.add(LOGON, logonValues(id));
        return EvtxImage.file(List.of(c.build()), 1, 1);
    }

    static El data(String name, int index, int type) {
        return el("Data", List.of(attr("Name", text(name))), sub(index, type));
    }

    /** System part: Provider literal, EventID %0, TimeCreated %1, EventRecordID %2, Channel literal, Computer %3. */
    static El system(String provider, String channel) {
        return el("System",
                el("Provider", List.of(attr("Name", text(provider)), attr("Guid", text("{5770385f-c22a-43e0-bf4c-06f5698ffbd9}")))),
                el("EventID", List.of(attr("Qualifiers", text(""))), sub(0, 0x06)),
                el("Level", text("4")),
                el("TimeCreated", List.of(attr("SystemTime", sub(1, 0x11)))),
                el("EventRecordID", sub(2, 0x0A)),
                el("Execution", List.of(attr("ProcessID", text("2284")), attr("ThreadID", text("5252")))),
                el("Channel", text(channel)),
                el("Computer", sub(3, 0x01)));
    }

    static El event(El system, El... eventData) {
        return el("Event", List.of(attr("xmlns", text("http://schemas.microsoft.com/win/2004/08/events/event"))),
                system, el("EventData", eventData));
    }

    static final Template SYSMON_1 = new Template(11, List.of(event(system("Microsoft-Windows-Sysmon", "Microsoft-Windows-Sysmon/Operational"),
            data("UtcTime", 4, 0x01), data("ProcessGuid", 5, 0x0F), data("ProcessId", 6, 0x08), data("Image", 7, 0x01),
            data("CommandLine", 8, 0x01), data("CurrentDirectory", 9, 0x01), data("User", 10, 0x01), data("LogonId", 11, 0x15),
            data("TerminalSessionId", 12, 0x08), data("IntegrityLevel", 13, 0x01), data("Hashes", 14, 0x01),
            data("ParentImage", 15, 0x01), data("ParentCommandLine", 16, 0x01))));

    static final Template SECURITY_4688 = new Template(22, List.of(event(system("Microsoft-Windows-Security-Auditing", "Security"),
            data("SubjectUserSid", 4, 0x13), data("SubjectUserName", 5, 0x01), data("SubjectDomainName", 6, 0x01),
            data("SubjectLogonId", 7, 0x15), data("NewProcessId", 8, 0x15), data("NewProcessName", 9, 0x01),
            data("TokenElevationType", 10, 0x01), data("ProcessId", 11, 0x15), data("CommandLine", 12, 0x01),
            data("TargetUserSid", 13, 0x13), data("TargetUserName", 14, 0x01), data("TargetDomainName", 15, 0x01),
            data("TargetLogonId", 16, 0x15), data("ParentProcessName", 17, 0x01), data("MandatoryLabel", 18, 0x13))));

    /** A non-process event (4624-like) with a large EventData, to be filtered before it is rendered. */
    static final Template LOGON = new Template(33, List.of(event(system("Microsoft-Windows-Security-Auditing", "Security"),
            data("SubjectUserSid", 4, 0x13), data("CommandLine", 5, 0x01), data("IpAddress", 6, 0x01))));

    /** 2021-11-13 14:30:56.099106 UTC as FILETIME ticks. */
    static final long TICKS = ticks("2021-11-13T14:30:56.099106Z");

    static long ticks(String iso) {
        Instant i = Instant.parse(iso);
        return (i.getEpochSecond() + 11644473600L) * 10_000_000L + i.getNano() / 100;
    }

    static Value[] sysmonValues(long recordId, String commandLine) {
        return new Value[] {EvtxImage.u16(1), EvtxImage.filetime(TICKS), EvtxImage.u64(recordId), EvtxImage.str("DESKTOP-2KGM189"),
            EvtxImage.str("2017-12-26 13:10:29.134"),
            EvtxImage.raw(0x0F, new byte[] {(byte) 0xd5, 0x48, (byte) 0xf7, (byte) 0x94, 0x45, 0x4a, 0x42, 0x5a, 0, 0, 0, 0x10,
                (byte) 0xd2, 0x65, (byte) 0xf2, 0x0f}),
            EvtxImage.u32(9112), EvtxImage.str("C:\\Windows\\SysWOW64\\PING.EXE"), EvtxImage.str(commandLine),
            EvtxImage.str("C:\\Windows\\Temp\\"), EvtxImage.str("NT AUTHORITY\\SYSTEM"), EvtxImage.hex64(0x3e7),
            EvtxImage.u32(0), EvtxImage.str("System"), EvtxImage.str("SHA1=CE8E487CB76704FE5FBB821A78A1E969EFBE71F9"),
            EvtxImage.str("C:\\Windows\\SysWOW64\\cmd.exe"), EvtxImage.str("cmd.exe /c update.bat")};
    }

    /** The same Sysmon event as python-evtx renders it into evtx_dump-shaped JSON. */
    static String sysmonJson(long recordId, String commandLine) {
        return "{\"Event\": {\"System\": {\"Provider\": {\"#attributes\": {\"Name\": \"Microsoft-Windows-Sysmon\"}}, \"EventID\": 1,"
                + " \"TimeCreated\": {\"#attributes\": {\"SystemTime\": \"2021-11-13 14:30:56.099106\"}}, \"EventRecordID\": \"" + recordId + "\","
                + " \"Channel\": \"Microsoft-Windows-Sysmon/Operational\", \"Computer\": \"DESKTOP-2KGM189\"},"
                + " \"EventData\": {\"UtcTime\": \"2017-12-26 13:10:29.134\", \"ProcessGuid\": \"{94f748d5-4a45-5a42-0000-0010d265f20f}\","
                + " \"ProcessId\": \"9112\", \"Image\": \"C:\\\\Windows\\\\SysWOW64\\\\PING.EXE\", \"CommandLine\": " + json(commandLine) + ","
                + " \"CurrentDirectory\": \"C:\\\\Windows\\\\Temp\\\\\", \"User\": \"NT AUTHORITY\\\\SYSTEM\", \"LogonId\": \"0x00000000000003e7\","
                + " \"TerminalSessionId\": \"0\", \"IntegrityLevel\": \"System\", \"Hashes\": \"SHA1=CE8E487CB76704FE5FBB821A78A1E969EFBE71F9\","
                + " \"ParentImage\": \"C:\\\\Windows\\\\SysWOW64\\\\cmd.exe\", \"ParentCommandLine\": \"cmd.exe /c update.bat\"}}}";
    }

    static Value[] securityValues(long recordId, boolean target) {
        return new Value[] {EvtxImage.u16(4688), EvtxImage.filetime(TICKS), EvtxImage.u64(recordId), EvtxImage.str("FS03.offsec.lan"),
            EvtxImage.raw(0x13, EvtxImage.sid(5, 21, 4230534742L, 2542757381L, 3142984815L, 1111)), EvtxImage.str("admmig"),
            EvtxImage.str("OFFSEC"), EvtxImage.hex64(0x123550), EvtxImage.hex64(0x85c), EvtxImage.str("C:\\Windows\\System32\\runas.exe"),
            EvtxImage.str("%%1937"), EvtxImage.hex64(0x408), EvtxImage.str("runas  /user:offsec\\hack1 cmd.exe "),
            EvtxImage.raw(0x13, target ? EvtxImage.sid(5, 21, 1234) : EvtxImage.sid(0, 0)), EvtxImage.str(target ? "hack1" : "-"),
            EvtxImage.str(target ? "OFFSEC" : "-"), EvtxImage.hex64(target ? 0xa6f5fc2L : 0), EvtxImage.str("C:\\Windows\\explorer.exe"),
            EvtxImage.raw(0x13, EvtxImage.sid(16, 12288))};
    }

    static String securityJson(long recordId, boolean target) {
        return "{\"Event\": {\"System\": {\"Provider\": {\"#attributes\": {\"Name\": \"Microsoft-Windows-Security-Auditing\"}}, \"EventID\": 4688,"
                + " \"TimeCreated\": {\"#attributes\": {\"SystemTime\": \"2021-11-13 14:30:56.099106\"}}, \"EventRecordID\": \"" + recordId + "\","
                + " \"Channel\": \"Security\", \"Computer\": \"FS03.offsec.lan\"}, \"EventData\": {"
                + "\"SubjectUserSid\": \"S-1-5-21-4230534742-2542757381-3142984815-1111\", \"SubjectUserName\": \"admmig\","
                + " \"SubjectDomainName\": \"OFFSEC\", \"SubjectLogonId\": \"0x0000000000123550\", \"NewProcessId\": \"0x000000000000085c\","
                + " \"NewProcessName\": \"C:\\\\Windows\\\\System32\\\\runas.exe\", \"TokenElevationType\": \"%%1937\","
                + " \"ProcessId\": \"0x0000000000000408\", \"CommandLine\": \"runas  /user:offsec\\\\hack1 cmd.exe \","
                + " \"TargetUserSid\": \"" + (target ? "S-1-5-21-1234" : "S-1-0-0") + "\", \"TargetUserName\": \"" + (target ? "hack1" : "-") + "\","
                + " \"TargetDomainName\": \"" + (target ? "OFFSEC" : "-") + "\", \"TargetLogonId\": \"" + (target ? "0x000000000a6f5fc2" : "0x0000000000000000") + "\","
                + " \"ParentProcessName\": \"C:\\\\Windows\\\\explorer.exe\", \"MandatoryLabel\": \"S-1-16-12288\"}}}";
    }

    static Value[] logonValues(long recordId) {
        return new Value[] {EvtxImage.u16(4624), EvtxImage.filetime(TICKS), EvtxImage.u64(recordId), EvtxImage.str("DC01"),
            EvtxImage.raw(0x13, EvtxImage.sid(5, 18)), EvtxImage.str("not a process creation " + recordId), EvtxImage.str("10.0.0.1")};
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** What one ingest produced: the records written and the counters. */
    record Result(List<EventRecord> records, IngestStats stats) {
    }

    /** Ingests {@code files} (EVTX) into a temporary event file and reads the records back. */
    static Result ingest(Path dir, List<Path> files, boolean skipBad, int threads) throws IOException {
        Path out = Files.createTempFile(dir, "out", ".wsev");
        IngestStats stats = new IngestStats();
        try (EventFileWriter w = EventFileWriter.create(out)) {
            new EvtxIngester(w, skipBad, stats, threads).ingest(files);
        }
        List<EventRecord> records = read(out);
        Files.delete(out);
        return new Result(records, stats);
    }

    static Result ingest(Path dir, byte[] image, boolean skipBad, int threads) throws IOException {
        Path in = Files.createTempFile(dir, "in", ".evtx");
        Files.write(in, image);
        try {
            return ingest(dir, List.of(in), skipBad, threads);
        } finally {
            Files.delete(in);
        }
    }

    static List<EventRecord> read(Path wsev) throws IOException {
        List<EventRecord> out = new ArrayList<>();
        try (EventFile f = EventFile.open(wsev)) {
            EventBlock b = null;
            for (int i = 0; i < f.blockCount(); i++) {
                b = f.readBlock(i, b);
                for (int k = 0; k < b.recordCount(); k++) {
                    EventRecord r = new EventRecord();
                    b.readRecord(k, r);
                    out.add(r);
                }
            }
        }
        return out;
    }
}
