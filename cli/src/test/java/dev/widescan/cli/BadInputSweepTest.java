package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Regressions of the adversarial bad-input sweep (docs/QA-BAD-INPUT.md): each case a demanding user or a
 * hostile file met, where a command lost data silently or failed without saying what was wrong.
 */
class BadInputSweepTest extends EventFileAndRule {

    /** {@code gen -o RULES/x.yml -r RULES}: the rule file inside the rules folder is an input too. */
    @Test
    void genNeverOverwritesARuleFileOfARulesFolder() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path inFolder = Files.copy(rule, rules.resolve("rule.yml"));
        byte[] before = Files.readAllBytes(inFolder);
        CliRun r = CliRun.run("gen", "-o", inFolder.toString(), "--events", "10", "-r", rules.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("refusing to overwrite an input") && r.err().contains("rule.yml"), r.err());
        assertArrayEquals(before, Files.readAllBytes(inFolder));
    }

    /**
     * Two outputs of one command that are one file: {@code scan -o} and {@code --stats-json} through a
     * symbolic link, {@code tune -o x.png --chart x.png}. Both used to be written and renamed in turn, so
     * the second silently replaced the first (exit 0). Refused before anything is written; the file is kept.
     */
    @Test
    void twoOutputsNamingOneFileAreRefused() throws IOException {
        Path report = Files.writeString(dir.resolve("report.json"), "previous");
        Path alias = Files.createSymbolicLink(dir.resolve("alias.json"), report.getFileName());
        CliRun scan = CliRun.run("scan", "-r", rule.toString(), "--no-progress", "-o", report.toString(),
                "--stats-json", alias.toString(), events.toString());
        assertEquals(ExitCodes.USAGE, scan.code(), scan.err());
        assertTrue(scan.err().contains("-o and --stats-json name the same file") && !FuzzFixtures.hasTrace(scan.err()), scan.err());
        Path linkedFolder = Files.createSymbolicLink(dir.resolve("linked"), dir);
        CliRun viaFolder = CliRun.run("scan", "-r", rule.toString(), "--no-progress", "-o", dir.resolve("new.json").toString(),
                "--stats-json", linkedFolder.resolve("new.json").toString(), events.toString());
        assertEquals(ExitCodes.USAGE, viaFolder.code(), viaFolder.err());
        assertEquals("previous", Files.readString(report));
        Path png = dir.resolve("tune.png");
        CliRun tune = CliRun.run("tune", "-r", rule.toString(), "--seconds", "1", "--no-progress", "-o", png.toString(),
                "--chart", png.toString(), events.toString());
        assertEquals(ExitCodes.USAGE, tune.code(), tune.err());
        assertTrue(tune.err().contains("-o and --chart name the same file"), tune.err());
        assertFalse(Files.exists(png));
        CliRun distinct = CliRun.run("scan", "-r", rule.toString(), "--no-progress", "-o", "/dev/null", "--stats-json", "/dev/null",
                events.toString());
        assertEquals(ExitCodes.OK, distinct.code(), "a device is written through, never replaced: " + distinct.err());
        // an output under a file: the "folder" exists but is no folder (it said "does not exist")
        CliRun underAFile = CliRun.run("scan", "-r", rule.toString(), "--no-progress", "-o", events.resolve("x.json").toString(), events.toString());
        assertEquals(ExitCodes.OUTPUT_ERROR, underAFile.code(), underAFile.err());
        assertTrue(underAFile.err().contains(": folder " + events + " is not a folder"), underAFile.err());
    }

    /**
     * An unreadable event file used to be reported as its bare path ("widescan scan: /data/day1.wsev", exit 3):
     * the JDK's AccessDeniedException carries nothing else. Every command now says what is wrong.
     */
    @Test
    void fileSystemErrorsSayWhatIsWrongNotJustThePath() {
        java.nio.file.AccessDeniedException denied = new java.nio.file.AccessDeniedException("/data/day1.wsev");
        assertEquals("/data/day1.wsev: permission denied", ExitCodeMapping.messageOf(denied));
        assertEquals("/data/day1.wsev: permission denied",
                ExitCodeMapping.messageOf(new java.io.UncheckedIOException(denied.getMessage(), denied)), "wrapped as Archive does");
        assertEquals(ExitCodes.BAD_INPUT, ExitCodeMapping.exitCodeOf(denied));
        assertEquals("/out/.x.tmp: permission denied", AtomicOutput.describe(new java.nio.file.AccessDeniedException("/out/.x.tmp")));
        assertEquals("a message of its own", ExitCodeMapping.messageOf(new java.io.IOException("a message of its own")));
    }

    /** The same through the commands, where permissions bind (not as root, which reads everything). */
    @Test
    void unreadableInputsAndRuleFoldersAreNamedWithTheReason() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
        Path locked = Files.copy(events, dir.resolve("locked.wsev"));
        Path rules = Files.createDirectories(dir.resolve("rules").resolve("sub")).getParent();
        Files.copy(rule, rules.resolve("rule.yml"));
        try {
            Files.setPosixFilePermissions(locked, java.util.Set.of());
            Files.setPosixFilePermissions(rules.resolve("sub"), java.util.Set.of());
            CliRun scan = CliRun.run("scan", "-r", rule.toString(), "--no-progress", locked.toString());
            assertEquals(ExitCodes.BAD_INPUT, scan.code(), scan.err());
            assertTrue(scan.err().contains(locked + ": permission denied"), scan.err());
            CliRun folder = CliRun.run("scan", "-r", rules.toString(), "--no-progress", events.toString());
            assertEquals(ExitCodes.USAGE, folder.code(), "a rules folder that cannot be listed is a usage error: " + folder.err());
            assertTrue(folder.err().contains("cannot list rule folder") && folder.err().contains("permission denied"), folder.err());
        } finally {
            Files.setPosixFilePermissions(locked, java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
            Files.setPosixFilePermissions(rules.resolve("sub"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * {@code ingest -o OUT logs/ logs/a.jsonl} (or a link to it) wrote every event of a.jsonl twice, with
     * exit 0; scan reads a file named twice once. ingest now does too, with a warning naming both.
     */
    @Test
    void ingestReadsAFileNamedTwiceOnce() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path jsonl = logs.resolve("a.jsonl");
        Files.writeString(jsonl, "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"CommandLine\":\"one\"}\n"
                + "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"CommandLine\":\"two\"}\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), jsonl);
        Path out = dir.resolve("out.wsev");
        CliRun r = CliRun.run("ingest", "-o", out.toString(), logs.toString(), jsonl.toString(), link.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.err().contains(jsonl + ": same file as " + jsonl + ", named twice: ingested once"), r.err());
        assertTrue(r.err().contains(link + ": same file as " + jsonl), r.err());
        try (dev.widescan.format.EventFile f = dev.widescan.format.EventFile.open(out)) {
            assertEquals(2, f.recordCount(), "each event once");
        }
    }

    /**
     * Folders reached through symbolic links (an archive of links to other disks, a rules folder linking to a
     * SigmaHQ checkout) were not entered: their files were left out without a word ("rules loaded: 0",
     * exit 0; or a partial scan). They are followed now, each folder once (loops and fan-outs skipped).
     */
    @Test
    void foldersBehindSymbolicLinksAreScanned() throws IOException {
        CliRun direct = CliRun.run("scan", "-r", rule.toString(), "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, direct.code(), direct.err());
        Path disk2 = Files.createDirectories(dir.resolve("disk2"));
        Files.copy(events, disk2.resolve("day1.wsev"));
        Path rulesReal = Files.createDirectories(dir.resolve("sigma"));
        Files.copy(rule, rulesReal.resolve("rule.yml"));
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Files.createSymbolicLink(archive.resolve("2026-11"), disk2);
        Files.createSymbolicLink(disk2.resolve("loop"), archive); // back to the top: a loop
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.createSymbolicLink(rules.resolve("sigma"), rulesReal);
        CliRun linked = CliRun.run("scan", "-r", rules.toString(), "--no-progress", archive.toString());
        assertEquals(ExitCodes.OK, linked.code(), linked.err());
        assertEquals(direct.out().lines().count(), linked.out().lines().count(), linked.err());
        assertTrue(linked.out().contains("2026-11/day1.wsev") && !direct.out().isEmpty(), linked.out());
    }

    /**
     * {@code rules -r DIR} and {@code strategies --explain DIR} on a folder without a single rule file
     * (renamed to .txt, another extension) answered "rules loaded: 0" with exit 0, so a CI check of the
     * rules passed vacuously; scan, tune and gen already refuse it (exit 2).
     */
    @Test
    void aRulesFolderWithoutRuleFilesIsAUsageErrorInEveryCommand() throws IOException {
        Path none = Files.createDirectories(dir.resolve("no-rules"));
        Files.writeString(none.resolve("rule.yml.txt"), Files.readString(rule));
        for (String[] args : new String[][] {{"rules", "-r", none.toString()}, {"strategies", "--explain", none.toString()}}) {
            CliRun r = CliRun.run(args);
            assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().contains("no rule file (*.yml, *.yaml) in [" + none + "]"), r.err());
        }
        assertEquals(ExitCodes.OK, CliRun.run("rules", "-r", rule.toString()).code());
    }

    /**
     * An empty argument is the working folder as a path: {@code scan -r R "$ARCHIVE"} with ARCHIVE unset
     * scanned every event file under the current folder with exit 0 (and {@code -r ""} loaded every rule
     * there, {@code ingest ""} ingested every log there). Refused in every command, naming the argument.
     */
    @Test
    void anEmptyArgumentIsRefusedNotTakenForTheWorkingFolder() {
        String[][] cases = {{"scan", "-r", rule.toString(), ""}, {"scan", "-r", "", events.toString()}, {"ingest", "-o", dir.resolve("x.wsev").toString(), ""},
            {"dump", ""}, {"inspect", ""}, {"rules", "-r", ""}, {"tune", "-r", rule.toString(), ""}, {"gen", "-o", "", "--events", "5"},
            {"strategies", "--explain", ""}};
        for (String[] args : cases) {
            CliRun r = CliRun.run(args);
            assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().startsWith("widescan " + args[0] + ": argument ") && r.err().contains("is empty (an unset shell variable?)"), r.err());
            assertFalse(FuzzFixtures.hasTrace(r.err()), r.err());
        }
        assertFalse(Files.exists(dir.resolve("x.wsev")));
    }

    /**
     * {@code --profile} given something that is not a profile: /dev/zero was read whole (27 s, 5.5 GB, then
     * "out of memory", exit 1); a 300 MB string ended in a NullPointerException trace (a parser limit
     * without a location, exit 1); a profile nested past the parser's depth likewise. Each is exit 2, one line.
     */
    @Test
    void aProfileThatIsNotAProfileIsRefusedInBoundedTimeAndMemory() throws IOException {
        Path big = dir.resolve("big.json");
        try (java.io.Writer w = Files.newBufferedWriter(big)) {
            w.write("{\"format\":\"");
            char[] a = new char[1 << 20];
            java.util.Arrays.fill(a, 'a');
            for (int i = 0; i < 17; i++) {
                w.write(a);
            }
            w.write("\"}");
        }
        Path deep = Files.writeString(dir.resolve("deep.json"), "{\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}");
        Path longString = Files.writeString(dir.resolve("long.json"), "{\"format\":\"" + "a".repeat(12 << 20) + "\"}");
        for (String profile : new String[] {"/dev/zero", big.toString(), deep.toString(), longString.toString()}) {
            CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                    () -> CliRun.run("scan", "-r", rule.toString(), "--no-progress", "--profile", profile, events.toString()));
            assertEquals(ExitCodes.USAGE, r.code(), profile + " -> " + r.err());
            assertTrue(r.err().startsWith("widescan scan: profile " + profile + ": ") && !FuzzFixtures.hasTrace(r.err()), r.err());
        }
    }

    /**
     * A FIFO input ({@code ingest -o OUT <(zcat log.jsonl.gz)}) lost its first 8 bytes to the EVTX sniff,
     * which opened it separately: the first event was mangled ("Unrecognized token", or with --skip-bad
     * silently dropped). An EVTX stream through a FIFO said only "Illegal seek". Now a FIFO is read whole as
     * JSON Lines, and an EVTX stream is named as such.
     */
    @Test
    void aFifoInputIsReadFromItsFirstByte() throws IOException, InterruptedException {
        Path fifo = dir.resolve("events.fifo");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        String jsonl = "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"CommandLine\":\"one\"}\n";
        Path out = dir.resolve("fifo.wsev");
        CliRun r = withWriter(fifo, jsonl.getBytes(java.nio.charset.StandardCharsets.UTF_8), () -> CliRun.run("ingest", "-o", out.toString(), fifo.toString()));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        try (dev.widescan.format.EventFile f = dev.widescan.format.EventFile.open(out)) {
            assertEquals(1, f.recordCount(), r.err());
        }
        byte[] evtx = java.util.Arrays.copyOf("ElfFile\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 4096);
        CliRun e = withWriter(fifo, evtx, () -> CliRun.run("ingest", "-o", dir.resolve("e.wsev").toString(), fifo.toString()));
        assertEquals(ExitCodes.BAD_INPUT, e.code(), e.err());
        assertTrue(e.err().contains(fifo + ": an EVTX event log, not JSON Lines") && !FuzzFixtures.hasTrace(e.err()), e.err());
    }

    /** Runs {@code command} while a thread writes {@code bytes} into the FIFO (the opens of both ends meet). */
    private static CliRun withWriter(Path fifo, byte[] bytes, java.util.function.Supplier<CliRun> command) throws InterruptedException {
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try (java.io.OutputStream o = Files.newOutputStream(fifo)) {
                o.write(bytes);
            } catch (IOException ignored) {
                // the reader stopped early (the EVTX case): the pipe is closed under the writer
            }
        });
        CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), command::get);
        writer.join(5000);
        return r;
    }

    /**
     * picocli expands "@FILE" into the arguments in FILE: {@code scan @/dev/zero} read for ever, and an
     * event file given by a relative name starting with '@' ({@code scan -r R @day1.wsev}) was replaced by
     * the contents of {@code day1.wsev} taken as arguments. widescan documents no argument files: "@..." is
     * an ordinary argument (a path with '@' in it scans as any other).
     */
    @Test
    void anArgumentStartingWithAtIsAPathNotAnArgumentFile() throws IOException {
        Path at = Files.copy(events, dir.resolve("@day1.wsev"));
        Files.writeString(dir.resolve("day1.wsev"), "--bogus-option\n");
        CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> CliRun.run("scan", "-r", rule.toString(), "--no-progress", at.toString()));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.err().contains("scanned 1 file"), r.err());
        CliRun zero = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> CliRun.run("scan", "@/dev/zero"));
        assertEquals(ExitCodes.USAGE, zero.code(), zero.err());
    }

    /**
     * A folder of EVTX logs where one file's header was overwritten (or a 0-byte .evtx from an interrupted
     * copy): the file lacks the ElfFile signature, so the folder walk passed it over, every event in it
     * lost with exit 0. Named on the command line it was read as JSON ("invalid UTF-8 at byte 25").
     * A *.evtx file is now EVTX by its name too: its bad header is an error, or counted with --skip-bad.
     */
    @Test
    void aDamagedEvtxFileInAFolderIsReportedNotPassedOver() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("evtx"));
        byte[] good = dev.widescan.ingest.evtx.EvtxSamples.smallFile(4);
        Path goodFile = Files.write(logs.resolve("a-good.evtx"), good);
        Path alone = dir.resolve("alone.wsev");
        assertEquals(ExitCodes.OK, CliRun.run("ingest", "-o", alone.toString(), goodFile.toString()).code());
        long expected;
        try (dev.widescan.format.EventFile f = dev.widescan.format.EventFile.open(alone)) {
            expected = f.recordCount();
        }
        byte[] damaged = good.clone();
        java.util.Arrays.fill(damaged, 0, 8, (byte) 'X');
        Path bad = Files.write(logs.resolve("b-bad.evtx"), damaged);
        Path out = dir.resolve("evtx.wsev");
        CliRun strict = CliRun.run("ingest", "-o", out.toString(), logs.toString());
        assertEquals(ExitCodes.BAD_INPUT, strict.code(), strict.err());
        assertTrue(strict.err().contains(bad + ": no ElfFile signature"), strict.err());
        CliRun named = CliRun.run("ingest", "-o", out.toString(), bad.toString());
        assertTrue(named.code() == ExitCodes.BAD_INPUT && named.err().contains(bad + ": no ElfFile signature"), named.err());
        CliRun lenient = CliRun.run("ingest", "--skip-bad", "-o", out.toString(), logs.toString());
        assertEquals(ExitCodes.SKIPPED_BAD_INPUT, lenient.code(), lenient.err());
        assertTrue(lenient.err().contains("b-bad.evtx"), lenient.err());
        try (dev.widescan.format.EventFile f = dev.widescan.format.EventFile.open(out)) {
            assertEquals(expected, f.recordCount(), "the good file's events: " + lenient.err());
        }
        Files.write(logs.resolve("c-empty.evtx"), new byte[0]);
        Files.delete(bad);
        CliRun empty = CliRun.run("ingest", "-o", out.toString(), logs.toString());
        assertTrue(empty.code() == ExitCodes.BAD_INPUT && empty.err().contains("c-empty.evtx: truncated file header"), empty.err());
    }

    /**
     * A hostile rule's title or condition with terminal escape sequences: the scan summary and the error
     * line printed them raw ({@code ESC]0;...BEL} sets the terminal's title, {@code ESC[2J} clears it).
     * They are shown escaped; the detections on stdout are JSON and were always escaped.
     */
    @Test
    void escapeSequencesFromRulesNeverReachTheTerminalRaw() throws IOException {
        String head = "id: 5b0f6c1e-2a4d-4f1b-9c3e-fuzz00000001\nlogsource:\n  category: process_creation\n  product: windows\n";
        Path titled = dir.resolve("titled.yml");
        Files.writeString(titled, Files.readString(rule).replace("title: fuzz rule", "title: \"t\\e]0;owned\\a\\e[2J\""));
        CliRun scan = CliRun.run("scan", "-r", titled.toString(), "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, scan.code(), scan.err());
        assertTrue(scan.err().contains("t\\x1B]0;owned\\x07\\x1B[2J"), scan.err());
        assertFalse(scan.err().contains("\u001b"), "no raw ESC on stderr");
        Path condition = Files.writeString(dir.resolve("condition.yml"), "title: t\n" + head
                + "detection:\n  sel:\n    CommandLine: a\n  condition: \"sel\\e[2J\"\n");
        CliRun bad = CliRun.run("rules", "-r", condition.toString());
        assertEquals(ExitCodes.USAGE, bad.code(), bad.err());
        assertTrue(bad.err().contains("'sel\\x1B[2J'") && !bad.err().contains("\u001b"), bad.err());
    }
}
