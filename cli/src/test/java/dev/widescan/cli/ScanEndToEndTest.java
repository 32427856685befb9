package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.widescan.cli.WidescanCli;
import dev.widescan.match.MatcherFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job through the CLI: JSONL → ingest → scan, on events made here whose detections are known by
 * construction (literal spliced in random case at random places; filter cases that must not be reported).
 * 10,000 events make three blocks, so thread counts and output ordering are exercised for real.
 */
class ScanEndToEndTest {
    private static final String RULE = """
            title: widescan test - WinAPI names on the command line
            author: widescan tests, Second Author
            license: DRL-1.1
            id: 6f1c1a52-0f55-4a55-9a3e-7d0c2c1e9a01
            status: test
            level: high
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    CommandLine|contains:
                        - 'VirtualAlloc'
                        - 'kernel32'
                        - 'WriteProcessMemory'
                filter_optional_mpcmdrun:
                    Image|endswith: '\\MpCmdRun.exe'
                    CommandLine|contains: 'GetLoadLibraryWAddress32'
                condition: selection and not 1 of filter_optional_*
            """;
    private static final String[] LITERALS = {"VirtualAlloc", "kernel32", "WriteProcessMemory"};
    private static final int EVENTS = 10_000;

    @TempDir
    static Path dir;
    static Path rule;
    static Path events;
    static TreeSet<Integer> expected = new TreeSet<>();

    @BeforeAll
    static void makeData() throws IOException {
        rule = Files.writeString(dir.resolve("rule.yml"), RULE);
        SplittableRandom rnd = new SplittableRandom(42);
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            String image = "C:\\\\Windows\\\\System32\\\\svchost.exe";
            String cl = "C:\\\\Windows\\\\System32\\\\svchost.exe -k netsvcs -p -s Schedule " + i + " " + "x".repeat(rnd.nextInt(200));
            int kind = rnd.nextInt(100);
            if (kind < 3) { // a hit, in random case, at the start, middle or end
                String lit = randomCase(LITERALS[rnd.nextInt(LITERALS.length)], rnd);
                cl = switch (rnd.nextInt(3)) {
                    case 0 -> lit + " " + cl;
                    case 1 -> cl.substring(0, 10) + lit + cl.substring(10);
                    default -> cl + lit;
                };
                expected.add(i);
            } else if (kind < 4) { // the filter case: must not be detected
                image = "C:\\\\ProgramData\\\\Microsoft\\\\Windows Defender\\\\Platform\\\\4.18\\\\MpCmdRun.exe";
                cl = "MpCmdRun.exe -GetLoadLibraryWAddress32 " + randomCase("kernel32", rnd);
            }
            jsonl.append(String.format(Locale.ROOT,
                    "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Image\":\"%s\",\"CommandLine\":\"%s\"}%n",
                    image, cl));
        }
        Path json = Files.writeString(dir.resolve("events.jsonl"), jsonl);
        events = dir.resolve("events.wsev");
        assertEquals(0, CliRun.run("ingest", "-o", events.toString(), json.toString()).code());
    }

    private static String randomCase(String s, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(rnd.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return sb.toString();
    }

    @Test
    void detectsExactlyTheSplicedRecordsWithEveryThreadCountAndStrategy() throws IOException {
        Path one = dir.resolve("one.jsonl");
        Path stats = dir.resolve("stats.json");
        assertEquals(0, CliRun.run("scan", "-r", rule.toString(), "--threads", "1", "-o", one.toString(), "--stats-json",
                stats.toString(), "--no-progress", events.toString()).code());
        List<Integer> records = recordsOf(one);
        assertEquals(new ArrayList<>(expected), records, "sorted output = spliced records in order");
        String statsJson = Files.readString(stats);
        assertTrue(statsJson.contains("\"events\" : " + EVENTS), statsJson);
        assertTrue(statsJson.contains("\"detections\" : " + expected.size()), statsJson);
        assertTrue(statsJson.contains("\"rule_author\" : \"widescan tests, Second Author\""), statsJson);
        assertThreadFigures(statsJson);

        List<String> strategies = new ArrayList<>(List.of(MatcherFactory.AUTO));
        MatcherFactory.strategies().forEach(info -> strategies.add(info.name()));
        for (String strategy : strategies) {
            for (String threads : new String[] {"2", "3"}) {
                Path out = dir.resolve("out-" + strategy + "-" + threads + ".jsonl");
                assertEquals(0, CliRun.run("scan", "-r", rule.toString(), "--strategy", strategy, "--threads", threads, "-o",
                        out.toString(), "--stats-json", stats.toString(), "--no-progress", events.toString()).code());
                assertEquals(Files.readString(one), Files.readString(out), strategy + " x " + threads + " threads");
                assertThreadFigures(Files.readString(stats)); // summed over the threads (a 2-thread sum once went missing)
            }
        }
        Path unsorted = dir.resolve("unsorted.jsonl");
        assertEquals(0, CliRun.run("scan", "-r", rule.toString(), "--threads", "2", "--no-sorted", "-o", unsorted.toString(),
                "--no-progress", events.toString()).code());
        assertEquals(new HashSet<>(Files.readAllLines(one)), new HashSet<>(Files.readAllLines(unsorted)));
    }

    /**
     * On Linux, the scan threads' own CPU time and page faults (/proc/thread-self per thread): mapping the file
     * in costs at least one fault, and they ran for some time.
     */
    private static void assertThreadFigures(String statsJson) {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(number(statsJson, "threads_minor_page_faults") > 0, statsJson);
            assertTrue(number(statsJson, "threads_user_seconds") + number(statsJson, "threads_system_seconds") > 0, statsJson);
            double share = number(statsJson, "threads_system_share");
            assertTrue(share >= 0 && share <= 1, statsJson);
            assertTrue(number(statsJson, "threads_major_page_faults") >= 0, statsJson);
        }
    }

    private static double number(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\" : ([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void outputLinesCarryRuleFileRecordAndEvent() throws IOException {
        Path out = dir.resolve("fields.jsonl");
        assertEquals(0, CliRun.run("scan", "-r", rule.toString(), "-o", out.toString(), "--no-progress", events.toString()).code());
        String first = Files.readAllLines(out).get(0);
        assertTrue(first.startsWith("{\"rule_id\":\"6f1c1a52-0f55-4a55-9a3e-7d0c2c1e9a01\",\"rule_title\":"
                + "\"widescan test - WinAPI names on the command line\",\"rule_author\":\"widescan tests, Second Author\","
                + "\"rule_license\":\"DRL-1.1\",\"level\":\"high\",\"file\":\""), first);
        assertTrue(first.contains("\"record\":" + expected.first() + ",\"event\":{\"CommandLine\":"), first);
        assertTrue(first.contains("\"EventID\":\"1\""), first);
    }

    @Test
    void aCorruptBlockExitsThreeNamingFileAndBlock() throws IOException {
        Path bad = dir.resolve("corrupt.wsev");
        Files.copy(events, bad);
        long size = Files.size(bad);
        try (FileChannel ch = FileChannel.open(bad, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // Somewhere in the middle of the file: inside a block's columns, not in header or footer.
            ByteBuffer b = ByteBuffer.allocate(1);
            long at = size / 2;
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
            ch.write(b, at);
        }
        CliRun r = CliRun.run("scan", "-r", rule.toString(), "--no-progress", "--threads", "2", bad.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains(bad.toString()) && r.err().contains("block"), r.err());
    }

    @Test
    void usageErrorsExitTwo() {
        CliRun missing = CliRun.run("scan", "-r", rule.toString(), dir.resolve("nope.wsev").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("nope.wsev"), missing.err());
        CliRun strategy = CliRun.run("scan", "-r", rule.toString(), "--strategy", "bogus", events.toString());
        assertEquals(2, strategy.code(), strategy.err());
        assertTrue(strategy.err().contains("bogus"), strategy.err());
        // scan's options are declared in code (ScanCommand.spec): what picocli derived from the annotations
        // (a positional of arity 1..* is required, a flag not given is false) must hold there too
        CliRun noFiles = CliRun.run("scan", "-r", rule.toString());
        assertEquals(2, noFiles.code(), noFiles.err());
        assertTrue(noFiles.err().contains("Missing required parameter: 'FILES_OR_DIRS'"), noFiles.err());
        CliRun nothing = CliRun.run("scan");
        assertEquals(2, nothing.code(), nothing.err());
        assertTrue(nothing.err().contains("Missing required options and parameters: '--rules=RULES', 'FILES_OR_DIRS'"), nothing.err());
        CliRun threads = CliRun.run("scan", "-r", rule.toString(), "--threads", "0", events.toString());
        assertEquals(2, threads.code(), threads.err());
        assertTrue(threads.err().contains("--threads"), threads.err());
        CliRun help = CliRun.run("scan", "--help");
        assertEquals(0, help.code(), help.err());
        for (String expected : new String[] {"Usage: widescan scan [-hV] [--no-verify] [--[no-]progress] [--skip-bad]",
            "-r, --rules=RULES", "--strategy=NAME", "Default: auto.", "--[no-]sorted", "--placeholder=NAME=VALUE",
            "FILES_OR_DIRS...", "-V, --version", "Exit codes:"}) {
            assertTrue(help.out().contains(expected), "scan --help lacks '" + expected + "':\n" + help.out());
        }
    }

    static List<Integer> recordsOf(Path jsonl) throws IOException {
        List<Integer> out = new ArrayList<>();
        JsonFactory f = new JsonFactory();
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            try (JsonParser p = f.createParser(line)) {
                while (p.nextToken() != null) {
                    if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("record") && p.getParsingContext().getParent().inRoot()) {
                        p.nextToken();
                        out.add(p.getIntValue());
                    }
                }
            }
        }
        return out;
    }


}
