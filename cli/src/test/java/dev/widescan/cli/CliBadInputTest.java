package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.ingest.IngestLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every command's bad input, as a user meets it: the documented exit code and one line on stderr naming
 * the file or option, never a stack trace (issue 12 "A CLI that keeps its promises", issue 13 item 3).
 */
class CliBadInputTest extends EventFileAndRule {
    private static final String HEAD = "title: t\nid: ID\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n";


    private Path ruleFile(String name, String id, String detection) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, HEAD.replace("ID", id) + detection);
        return p;
    }

    /** Asserts the exit code and that stderr is exactly one line, naming {@code mustName}, without a trace. */
    private static CliRun expect(int code, String mustName, String... args) {
        CliRun r = CliRun.run(args);
        String cmd = String.join(" ", args);
        assertEquals(code, r.code(), cmd + " -> " + r.err());
        assertFalse(FuzzFixtures.hasTrace(r.err()), cmd + " -> trace: " + r.err());
        String first = r.err().lines().filter(l -> l.startsWith("widescan")).findFirst().orElse("");
        assertTrue(first.contains(mustName), cmd + " -> '" + first + "' should name " + mustName);
        assertTrue(first.length() < 600, "one readable line: " + first.length() + " characters");
        return r;
    }

    @Test
    void badRuleFilesExitTwoInEveryCommand() throws IOException {
        Path syntax = ruleFile("syntax.yml", "a", "  sel: [unclosed\n  condition: sel\n");
        Path modifier = ruleFile("modifier.yml", "b", "  sel:\n    CommandLine|sortof: x\n  condition: sel\n");
        for (Path bad : new Path[] {syntax, modifier}) {
            expect(ExitCodes.USAGE, bad.toString(), "scan", "-r", bad.toString(), events.toString());
            expect(ExitCodes.USAGE, bad.toString(), "rules", "-r", bad.toString());
            expect(ExitCodes.USAGE, bad.toString(), "strategies", "--explain", bad.toString());
        }
        expect(ExitCodes.USAGE, "nope.yml", "scan", "-r", dir.resolve("nope.yml").toString(), events.toString());
    }

    @Test
    void hostileRulesAreRefusedQuicklyNamingTheFile() throws IOException {
        Path nots = ruleFile("nots.yml", "c", "  sel:\n    CommandLine: a\n  condition: " + "not ".repeat(2500) + "sel\n");
        Path parens = ruleFile("parens.yml", "d", "  sel:\n    CommandLine: a\n  condition: " + "(".repeat(50_000) + "sel" + ")".repeat(50_000) + "\n");
        Path glob = ruleFile("glob.yml", "e", "  sel" + "a".repeat(40) + ":\n    CommandLine: a\n  condition: 1 of " + "*a".repeat(25) + "*b\n");
        StringBuilder windash = new StringBuilder("  sel:\n    CommandLine|windash|contains:\n");
        for (int i = 0; i < 200; i++) {
            windash.append("      - '-a").append(i).append("-b-c-d-e-f'\n");
        }
        windash.append("  condition: sel\n");
        Path dash = ruleFile("windash.yml", "f", windash.toString());
        Path alias = ruleFile("alias.yml", "g", "  sel:\n    CommandLine|contains:\n      - &a '" + "x".repeat(20_000) + "'\n"
                + "      - *a\n".repeat(5000) + "  condition: sel\n");
        for (Path p : new Path[] {nots, parens, glob, dash, alias}) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                expect(ExitCodes.USAGE, p.toString(), "rules", "-r", p.toString());
                expect(ExitCodes.USAGE, p.toString(), "scan", "-r", p.toString(), events.toString());
            }, p.toString());
        }
        // the linear glob still matches what it should
        Path ok = ruleFile("okglob.yml", "h", "  selaxxaxb:\n    CommandLine: a\n  condition: 1 of *a*a*b\n");
        assertEquals(0, CliRun.run("rules", "-r", ok.toString()).code());
    }

    /** A heap too small for the rules and inputs is not a bug: one line saying how to give the JVM more, no stack trace. */
    @Test
    void outOfMemorySaysHowToGiveTheJvmMoreHeap() {
        picocli.CommandLine cl = WidescanCli.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        int code = ExitCodeMapping.handleError(new OutOfMemoryError("Java heap space"), cl);
        assertEquals(ExitCodes.INTERNAL, code);
        String text = err.toString();
        assertTrue(text.startsWith("widescan: out of memory (Java heap space)") && text.contains("WIDESCAN_JAVA_OPTS=-Xmx"), text);
        assertEquals(1, text.strip().lines().count(), "one line, no stack trace: " + text);
    }

    @Test
    void badOptionsExitTwoNamingTheOption() {
        CliRun strategy = expect(ExitCodes.USAGE, "--strategy", "scan", "-r", rule.toString(), "--strategy", "fastest", events.toString());
        assertTrue(strategy.err().contains("teddy") && strategy.err().contains("auto"), "lists the valid names: " + strategy.err());
        for (String n : new String[] {"0", "-3", "abc", "100000"}) {
            expect(ExitCodes.USAGE, "--threads", "scan", "-r", rule.toString(), "--threads", n, events.toString());
        }
        expect(ExitCodes.USAGE, "--bogus", "scan", "--bogus", "-r", rule.toString(), events.toString());
        expect(ExitCodes.USAGE, "subcommand", new String[0]);
        for (String[] args : new String[][] {{}, {"bogus"}}) {
            CliRun top = expect(ExitCodes.USAGE, "widescan: ", args);
            assertFalse(top.err().contains("widescan widescan"), top.err());
        }
    }

    @Test
    void badEventFileInputsAreNamed() throws IOException, InterruptedException {
        expect(ExitCodes.USAGE, "missing.wsev", "scan", "-r", rule.toString(), dir.resolve("missing.wsev").toString());
        expect(ExitCodes.USAGE, "missing.wsev", "dump", dir.resolve("missing.wsev").toString());
        expect(ExitCodes.USAGE, "missing.wsev", "inspect", dir.resolve("missing.wsev").toString());
        expect(ExitCodes.USAGE, "a folder", "dump", dir.toString());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        expect(ExitCodes.USAGE, "nothing to scan", "scan", "-r", rule.toString(), empty.toString());
        Path fifo = dir.resolve("pipe.wsev");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            expect(ExitCodes.USAGE, "FIFO", "scan", "-r", rule.toString(), fifo.toString());
            expect(ExitCodes.USAGE, "FIFO", "dump", fifo.toString());
            Files.move(fifo, empty.resolve("pipe.wsev"));
            CliRun r = CliRun.run("scan", "-r", rule.toString(), empty.toString());
            assertEquals(ExitCodes.USAGE, r.code(), r.err());
            assertTrue(r.err().contains("pipe.wsev: not a regular file"), r.err());
        }
        Path junk = dir.resolve("junk.wsev");
        Files.writeString(junk, "not an event file at all, just text");
        expect(ExitCodes.BAD_INPUT, junk.toString(), "scan", "-r", rule.toString(), junk.toString());
        expect(ExitCodes.BAD_INPUT, junk.toString(), "dump", junk.toString());
        expect(ExitCodes.BAD_INPUT, junk.toString(), "inspect", junk.toString());
    }

    /** tune takes the same inputs as scan: the same refusals, exit codes and messages (no exception class names). */
    @Test
    void tuneRefusesBadEventInputsAsScanDoes() throws IOException, InterruptedException {
        expect(ExitCodes.USAGE, "missing.wsev", "tune", "-r", rule.toString(), "--seconds", "1", dir.resolve("missing.wsev").toString());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        expect(ExitCodes.USAGE, "nothing to tune", "tune", "-r", rule.toString(), "--seconds", "1", empty.toString());
        Path fifo = dir.resolve("pipe.wsev");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            CliRun r = expect(ExitCodes.USAGE, "FIFO", "tune", "-r", rule.toString(), "--seconds", "1", fifo.toString());
            assertFalse(r.err().contains("java.io."), r.err());
        }
        Path junk = dir.resolve("junk.wsev");
        Files.writeString(junk, "not an event file at all, just text");
        expect(ExitCodes.BAD_INPUT, junk.toString(), "tune", "-r", rule.toString(), "--seconds", "1", junk.toString());
    }

    /** A new user's first mistake: scanning the JSON Lines or EVTX file itself. The message says to ingest it first. */
    @Test
    void scanningAnUningestedLogSaysToIngestItFirst() throws IOException {
        Path jsonl = dir.resolve("events.jsonl");
        Files.writeString(jsonl, "  {\"EventID\": 1, \"CommandLine\": \"x\"}\n");
        Path evtx = dir.resolve("Security.evtx");
        Files.write(evtx, java.util.Arrays.copyOf("ElfFile\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 4096));
        for (Path p : new Path[] {jsonl, evtx}) {
            for (String[] args : new String[][] {{"scan", "-r", rule.toString(), p.toString()}, {"dump", p.toString()}, {"inspect", p.toString()}}) {
                CliRun r = expect(ExitCodes.BAD_INPUT, p.toString(), args);
                assertTrue(r.err().contains("widescan ingest"), r.err());
            }
        }
    }

    /**
     * The "(use --skip-unsupported ...)" hint is given where that option would help (an unsupported construct)
     * and only there: two rules with one id stay an error with the option, so no command may suggest it.
     */
    @Test
    void everyCommandHintsSkipUnsupportedOnlyWhereItHelps() throws IOException {
        Path dup = Files.createDirectories(dir.resolve("dup"));
        Files.writeString(dup.resolve("a.yml"), HEAD.replace("ID", "same") + "  sel:\n    CommandLine|contains: aaa\n  condition: sel\n");
        Files.writeString(dup.resolve("b.yml"), HEAD.replace("ID", "same") + "  sel:\n    CommandLine|contains: bbb\n  condition: sel\n");
        Path modifier = ruleFile("modifier.yml", "m", "  sel:\n    CommandLine|sortof: x\n  condition: sel\n");
        Path out = dir.resolve("gen.wsev");
        String[][] commands = {{"rules", "-r", "RULES"}, {"scan", "-r", "RULES", events.toString()}, {"strategies", "--explain", "RULES"},
            {"gen", "-o", out.toString(), "-n", "10", "-r", "RULES"}};
        for (String[] command : commands) {
            String[] withDup = java.util.Arrays.stream(command).map(a -> a.equals("RULES") ? dup.toString() : a).toArray(String[]::new);
            CliRun r = expect(ExitCodes.USAGE, "b.yml", withDup);
            assertFalse(r.err().contains("--skip-unsupported"), String.join(" ", withDup) + " -> " + r.err());
            String[] withModifier = java.util.Arrays.stream(command).map(a -> a.equals("RULES") ? modifier.toString() : a).toArray(String[]::new);
            r = expect(ExitCodes.USAGE, "modifier.yml", withModifier);
            assertTrue(r.err().contains("--skip-unsupported"), String.join(" ", withModifier) + " -> " + r.err());
        }
    }

    /** An archive folder named twice: every file scanned once, and a few warning lines rather than one per file. */
    @Test
    void anArchiveFolderNamedTwiceWarnsInAFewLines() throws IOException {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        for (int i = 0; i < 7; i++) {
            Files.copy(events, archive.resolve("day" + i + ".wsev"));
        }
        CliRun twice = CliRun.run("scan", "-r", rule.toString(), "--no-progress", archive.toString(), archive.toString());
        assertEquals(0, twice.code(), twice.err());
        assertEquals(3, twice.err().lines().filter(l -> l.contains(": same file as ")).count(), twice.err());
        assertTrue(twice.err().contains("4 more event files named twice"), twice.err());
        assertTrue(twice.err().contains("scanned 7 files"), twice.err());
    }

    @Test
    void duplicatesAreLoadedAndScannedOnceWithAWarning() throws IOException {
        CliRun once = CliRun.run("scan", "-r", rule.toString(), "--no-progress", events.toString());
        assertEquals(0, once.code(), once.err());
        Path copy = Files.copy(rule, dir.resolve("copy-of-rule.yml"));
        Path link = Files.createLink(dir.resolve("link.wsev"), events);
        CliRun twice = CliRun.run("scan", "-r", rule.toString(), "-r", dir.toString(), "-r", copy.toString(),
                "--no-progress", events.toString(), events.toString(), link.toString());
        assertEquals(0, twice.code(), twice.err());
        assertEquals(once.out(), twice.out(), "each detection once");
        assertTrue(twice.err().contains("same rule as in"), twice.err());
        assertTrue(twice.err().contains("copy-of-rule.yml") && twice.err().contains("fuzz-rule.yml"), "names both files: " + twice.err());
        assertTrue(twice.err().contains("named twice: scanned once"), twice.err());
        Path other = ruleFile("other.yml", "5b0f6c1e-2a4d-4f1b-9c3e-fuzz00000001", "  sel:\n    CommandLine: other\n  condition: sel\n");
        CliRun clash = expect(ExitCodes.USAGE, "other.yml", "scan", "-r", rule.toString(), "-r", other.toString(), events.toString());
        assertTrue(clash.err().contains("different rule") && clash.err().contains("fuzz-rule.yml"), clash.err());
    }

    @Test
    void badJsonInputNamesFileAndLineAndIsSkippable() throws IOException {
        String good = "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"CommandLine\":\"ok\"}\n";
        byte[][] bad = {
            "{\"EventID\":1,\"CommandLine\":\"a\u00c0\u00afb\"}\n".getBytes(StandardCharsets.ISO_8859_1), // overlong '/'
            "{\"EventID\":1,\"CommandLine\":\"a\u00ed\u00a0\u0080b\"}\n".getBytes(StandardCharsets.ISO_8859_1), // CESU-8 surrogate
            ("{\"a\":".repeat(2000) + "1" + "}".repeat(2000) + "\n").getBytes(StandardCharsets.UTF_8),
            ("{\"" + "k".repeat(100_000) + "\":1}\n").getBytes(StandardCharsets.UTF_8),
            "{\"EventID\":1,\n".getBytes(StandardCharsets.UTF_8),
        };
        for (int i = 0; i < bad.length; i++) {
            Path in = dir.resolve("bad" + i + ".jsonl");
            try (OutputStream o = Files.newOutputStream(in)) {
                o.write(good.getBytes(StandardCharsets.UTF_8));
                o.write(bad[i]);
                o.write(good.getBytes(StandardCharsets.UTF_8));
            }
            Path out = dir.resolve("out" + i + ".wsev");
            expect(ExitCodes.BAD_INPUT, in + ":2:", "ingest", "-o", out.toString(), in.toString());
            assertFalse(Files.exists(out), "no output after a failed ingest");
            CliRun skip = CliRun.run("ingest", "--skip-bad", "-o", out.toString(), in.toString());
            assertEquals(ExitCodes.SKIPPED_BAD_INPUT, skip.code(), skip.err());
            assertTrue(skip.err().contains("kept 2"), skip.err());
        }
        Path empty = Files.createDirectories(dir.resolve("empty-folder"));
        expect(ExitCodes.USAGE, "no event log", "ingest", "-o", dir.resolve("x.wsev").toString(), empty.toString());
        expect(ExitCodes.USAGE, "nope.jsonl", "ingest", "-o", dir.resolve("x.wsev").toString(), dir.resolve("nope.jsonl").toString());
    }

    @Test
    void aLineLongerThanTheLimitIsAnErrorInBoundedMemory() throws IOException {
        Path in = dir.resolve("long.jsonl");
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'a');
        try (OutputStream o = Files.newOutputStream(in)) {
            o.write("{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"CommandLine\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i <= IngestLimits.MAX_LINE_BYTES >> 20; i++) {
                o.write(chunk);
            }
            o.write("\n{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"CommandLine\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        Path out = dir.resolve("long.wsev");
        expect(ExitCodes.BAD_INPUT, in + ":2: line longer than 64 MiB", "ingest", "-o", out.toString(), in.toString());
        CliRun skip = CliRun.run("ingest", "--skip-bad", "-o", out.toString(), in.toString());
        assertEquals(ExitCodes.SKIPPED_BAD_INPUT, skip.code(), skip.err());
        assertTrue(skip.err().contains("kept 2"), skip.err());
        Files.delete(in);
    }
}
