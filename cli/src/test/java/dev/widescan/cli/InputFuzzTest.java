package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventFile;
import dev.widescan.ingest.evtx.EvtxSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The reliability promise for ingest input, fuzzed: every byte of a small mixed-shape JSON Lines file
 * with one bit flipped, and the file cut at every third length (every length with
 * {@code -Dwidescan.fuzz.full=true}). Without {@code --skip-bad}, each outcome is a
 * complete event file (the flip made other valid JSON) or exit 3 naming the file and line; with it,
 * always a complete event file that lost at most the two lines the damage can touch. Never a trace, a
 * crash, a hang or a partial file.
 *
 * <p>Input formats are listed in {@link #formats}: JSON Lines and EVTX (a one-chunk file of the test
 * kit's {@code EvtxImage}: with --skip-bad a damaged chunk or file is skipped whole, so only a complete
 * event file is required there).
 */
class InputFuzzTest {
    static final long SEED = Long.getLong("widescan.fuzz.seed", 13L);

    @TempDir
    Path dir;

    /**
     * A format ingest reads: a sample, the file suffix to give it, and whether it is line-based (JSON Lines: a
     * flip costs at most the lines it touches; EVTX: a flip fails its chunk's CRC, so the chunk is skipped).
     */
    record InputFormat(String name, byte[] sample, String suffix, boolean lineBased) {
    }

    static List<InputFormat> formats() {
        String jsonl = String.join("\n",
                "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"pc1\",\"Image\":\"C:\\\\w\\\\cmd.exe\","
                        + "\"CommandLine\":\"cmd /c VirtualAlloc\",\"User\":\"CORP\\\\ann\",\"ProcessId\":\"12\"}",
                "{\"EventID\":4688,\"Channel\":\"Security\",\"NewProcessName\":\"C:\\\\w\\\\whoami.exe\",\"ParentProcessName\":\"C:\\\\p.exe\","
                        + "\"CommandLine\":\"whoami /all\",\"SubjectUserName\":\"bob\",\"NewProcessId\":\"0x1f\"}",
                "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},\"EventID\":1,"
                        + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"pc2\"},"
                        + "\"EventData\":{\"CommandLine\":\"rundll32 x.dll,Start kernel32\",\"Image\":\"C:\\\\r.exe\",\"TerminalSessionId\":1}}}",
                "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"CommandLine\":\"\\u00e9t\\u00e9 \\ud83d\\ude00 caf\u00e9\",\"Image\":\"C:\\\\\u65e5\u672c.exe\"}",
                "{\"EventID\":3,\"Image\":\"net.exe\"}",
                "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"CommandLine\":\"powershell -enc AAAA\",\"Image\":\"C:\\\\ps.exe\",\"IntegrityLevel\":\"High\"}",
                "");
        return List.of(new InputFormat("JSON Lines", jsonl.getBytes(StandardCharsets.UTF_8), ".jsonl", true),
                new InputFormat("EVTX", EvtxSamples.smallFile(4), ".evtx", false));
    }

    private static long records(Path wsev) throws IOException {
        try (EventFile f = EventFile.open(wsev)) {
            CliRun dump = CliRun.run("dump", wsev.toString());
            assertEquals(0, dump.code(), "output must be a complete, valid event file: " + dump.err());
            return f.recordCount();
        }
    }

    @Test
    void everyByteFlippedAndEveryLengthOfEachInputFormat() throws IOException {
        // thousands of tiny outputs: the fsync before each rename would be nearly all of the time
        String fsync = System.getProperty(AtomicOutput.FSYNC_PROPERTY);
        System.setProperty(AtomicOutput.FSYNC_PROPERTY, "false");
        try {
            for (InputFormat format : formats()) {
                campaign(format);
            }
        } finally {
            if (fsync == null) {
                System.clearProperty(AtomicOutput.FSYNC_PROPERTY);
            } else {
                System.setProperty(AtomicOutput.FSYNC_PROPERTY, fsync);
            }
        }
    }

    private void campaign(InputFormat format) throws IOException {
        Path in = dir.resolve("in" + format.suffix());
        Path out = dir.resolve("out.wsev");
        Files.write(in, format.sample());
        CliRun first = CliRun.run("ingest", "-o", out.toString(), in.toString());
        assertEquals(0, first.code(), first.err());
        long intact = records(out);
        byte[] intactDump = CliRun.run("dump", out.toString()).stdout();
        assertTrue(intact >= 4, "sample keeps several events: " + first.err());
        CommandLine cl = WidescanCli.commandLine();
        SplittableRandom rnd = new SplittableRandom(SEED);
        long tried = 0;
        long accepted = 0;
        long cleanError = 0;
        long skippedCleanly = 0;
        List<String> other = new ArrayList<>();
        byte[] original = format.sample();
        // Cases are made one at a time from (offset, bit) or a length: an EVTX sample is ~70 KB, so keeping a
        // copy per case would hold gigabytes. JSON Lines: every offset and every third length. EVTX: every
        // offset of the file header's fields (128 bytes, under its CRC) and of the chunk header (512 bytes at
        // 4096: where a flip changes the structure the reader trusts), every 61st offset elsewhere (padding,
        // and records behind the chunk's CRC), and every 257th length.
        List<int[]> flips = new ArrayList<>();
        for (int at = 0; at < original.length; at++) {
            boolean structure = format.lineBased() || at < 128 || (at >= 4096 && at < 4096 + 512);
            if (structure || at % 61 == 0) {
                flips.add(new int[] {at, rnd.nextInt(8)});
            }
        }
        int lengthStep = format.lineBased() ? (Boolean.getBoolean("widescan.fuzz.full") ? 1 : 3) : 257;
        List<Integer> lengths = new ArrayList<>();
        // An empty file is an empty JSON Lines input (no EVTX signature to recognise): only line formats start at 0.
        for (int len = format.lineBased() ? 0 : 1; len < original.length; len += lengthStep) {
            lengths.add(len);
        }
        int caseCount = flips.size() + lengths.size();
        for (int i = 0; i < caseCount; i++) {
            byte[] damaged;
            String label;
            if (i < flips.size()) {
                int[] flip = flips.get(i);
                damaged = original.clone();
                damaged[flip[0]] ^= (byte) (1 << flip[1]);
                label = "offset " + flip[0] + " bit " + flip[1];
            } else {
                int len = lengths.get(i - flips.size());
                damaged = Arrays.copyOf(original, len);
                label = "truncated to " + len + " bytes";
            }
            Files.write(in, damaged);
            Files.deleteIfExists(out);
            String what = format.name() + " " + label + " (seed " + SEED + ")";
            tried++;
            CliRun strict = CliRun.run(cl, "ingest", "-o", out.toString(), in.toString());
            if (strict.code() == 0 && Files.exists(out) && records(out) >= 0
                    && (format.lineBased() || Arrays.equals(CliRun.run("dump", out.toString()).stdout(), intactDump))) {
                // JSON Lines: a flip may make other valid JSON; EVTX: accepted only if nothing read changed
                accepted++;
            } else if (strict.code() == ExitCodes.BAD_INPUT && strict.err().contains(in + ":") && !Files.exists(out)
                    && !FuzzFixtures.hasTrace(strict.err()) && strict.err().strip().lines().count() == 1) {
                cleanError++;
            } else {
                other.add(what + ": exit " + strict.code() + ": " + strict.err().lines().limit(3).toList());
            }
            Files.deleteIfExists(out);
            CliRun lenient = CliRun.run(cl, "ingest", "--skip-bad", "-o", out.toString(), in.toString());
            long keep = format.lineBased() ? Math.min(intact - 2, lineCount(damaged) - 3) : 0;
            // 0, or 5 when something damaged was skipped (the rest was kept)
            if ((lenient.code() == 0 || lenient.code() == ExitCodes.SKIPPED_BAD_INPUT) && !FuzzFixtures.hasTrace(lenient.err()) && records(out) >= keep) {
                skippedCleanly++;
            } else {
                other.add(what + " --skip-bad: exit " + lenient.code() + ": " + lenient.err().lines().limit(3).toList());
            }
        }
        String line = String.format(Locale.ROOT,
                "fuzz ingest %-10s seed %d: tried %,d, clean error %,d, accepted (JSON: other valid input; EVTX: identical output) %,d; with --skip-bad: complete %,d; anything else %,d",
                format.name(), SEED, tried, cleanError, accepted, skippedCleanly, other.size());
        System.out.println(line);
        assertEquals(tried, accepted + cleanError, line + "; first: " + other.subList(0, Math.min(5, other.size())));
        assertEquals(tried, skippedCleanly, line + "; first: " + other.subList(0, Math.min(5, other.size())));
        assertTrue(other.isEmpty(), line);
        assertTrue(cleanError > tried / 4, "most damage must be caught: " + line);
    }

    private static long lineCount(byte[] b) {
        long n = 0;
        for (byte x : b) {
            n += x == '\n' ? 1 : 0;
        }
        return n;
    }
}
