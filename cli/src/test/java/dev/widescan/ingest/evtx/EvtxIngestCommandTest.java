package dev.widescan.ingest.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.cli.WidescanCli;
import dev.widescan.cli.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code widescan ingest} with EVTX through the CLI: signature detection, folders, mixed inputs, dump, exit codes. */
class EvtxIngestCommandTest {
    @TempDir
    Path dir;



    private byte[] image() {
        EvtxImage.Chunk c = new EvtxImage.Chunk(7);
        assertTrue(c.add(EvtxSamples.SECURITY_4688, EvtxSamples.securityValues(7, true)));
        assertTrue(c.add(EvtxSamples.LOGON, EvtxSamples.logonValues(8)));
        assertTrue(c.add(EvtxSamples.SYSMON_1, EvtxSamples.sysmonValues(9, "whoami /all")));
        return EvtxImage.file(List.of(c.build()), 1, 1);
    }

    private String dump(Path wsev) {
        CliRun d = CliRun.run("dump", wsev.toString());
        assertEquals(0, d.code(), d.err());
        return d.out();
    }

    @Test
    void evtxInAFolderUnderAnyNameDumpsLikeItsJsonRendering() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("archive/host1"));
        Files.write(folder.resolve("Security.dat"), image());
        Files.writeString(folder.resolve("notes.txt"), "not an event log");
        Path json = dir.resolve("same.jsonl");
        Files.writeString(json, EvtxSamples.securityJson(7, true) + "\n" + EvtxSamples.sysmonJson(9, "whoami /all") + "\n");

        Path fromEvtx = dir.resolve("evtx.wsev");
        CliRun ingest = CliRun.run("ingest", "--threads", "2", "-o", fromEvtx.toString(), dir.resolve("archive").toString());
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(ingest.err().contains("read 3 events (0.1 MB of EVTX), kept 2, skipped 1 (other event id: 1)"), ingest.err());
        Path fromJson = dir.resolve("json.wsev");
        assertEquals(0, CliRun.run("ingest", "-o", fromJson.toString(), json.toString()).code());
        String expected = dump(fromJson);
        assertEquals(2, expected.lines().count());
        assertEquals(expected, dump(fromEvtx));

        Path mixed = dir.resolve("mixed.wsev");
        assertEquals(0, CliRun.run("ingest", "-o", mixed.toString(), json.toString(), folder.resolve("Security.dat").toString()).code());
        // dump separates root values with Jackson's " ", so lines are compared without leading blanks
        List<String> once = expected.lines().map(String::strip).toList();
        List<String> twice = new java.util.ArrayList<>(once);
        twice.addAll(once);
        assertEquals(twice, dump(mixed).lines().map(String::strip).toList(), "inputs in the order given");
    }

    @Test
    void damagedChunkIsExitThreeAndDeletesTheOutputUnlessSkipBad() throws Exception {
        byte[] b = image();
        b[EvtxFileHeader.SIZE + 600] ^= 1;
        Path in = dir.resolve("bad.evtx");
        Files.write(in, b);
        Path out = dir.resolve("out.wsev");
        CliRun strict = CliRun.run("ingest", "-o", out.toString(), in.toString());
        assertEquals(3, strict.code(), strict.err());
        assertTrue(strict.err().contains("bad.evtx: chunk 0 (file offset 4096): record data checksum mismatch"), strict.err());
        assertFalse(Files.exists(out));
        CliRun lenient = CliRun.run("ingest", "--skip-bad", "-o", out.toString(), in.toString());
        assertEquals(dev.widescan.cli.ExitCodes.SKIPPED_BAD_INPUT, lenient.code(), lenient.err());
        assertTrue(lenient.err().contains("skipped: " + in + ": chunk 0 (file offset 4096): record data checksum mismatch"), lenient.err());
        assertTrue(lenient.err().contains("1 EVTX chunks, 1 bad (skipped)"), lenient.err());
    }
}
