package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.Field;
import dev.widescan.format.FormatException;
import dev.widescan.scan.Archive;
import dev.widescan.scan.ScanOptions;
import dev.widescan.scan.Scanner;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import dev.widescan.testkit.FullDisk;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nothing silent, nothing lost (issue 13 items 1, 2, 7): every column of a detection's event is verified
 * before it is written; outputs are replaced only by complete files and never overwrite an input; write
 * errors exit 4; a file changed under a scan exits 3; {@code --skip-bad} scans the rest and says so.
 */
class OutputSafetyTest extends EventFileAndRule {
    @Override
    int[] eventFileShape() {
        return new int[] {3000, 1024, 7};
    }

    private static void flip(Path p, long at) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x04);
        }
    }

    /** File offset of a byte inside the units of {@code f}'s column in block {@code b}. */
    private static long unitsOffset(Path p, int b, Field f) throws IOException {
        try (EventFile ef = EventFile.open(p)) {
            EventBlock block = ef.readBlock(b, null);
            return block.columnFileOffset(f) + 6;
        }
    }

    @Test
    void aDamagedColumnTheRulesDoNotReadStopsDetectionsOfItsBlock() throws IOException {
        CliRun intact = CliRun.run("scan", "-r", rule.toString(), "--no-progress", events.toString());
        assertEquals(0, intact.code(), intact.err());
        flip(events, unitsOffset(events, 1, Field.ParentProcessGuid));
        CliRun damaged = CliRun.run("scan", "-r", rule.toString(), "--no-progress", events.toString());
        assertEquals(ExitCodes.BAD_INPUT, damaged.code(), damaged.err());
        assertTrue(damaged.err().contains(events + ": block 1") && damaged.err().contains("column ParentProcessGuid"), damaged.err());
        CliRun unchecked = CliRun.run("scan", "-r", rule.toString(), "--no-progress", "--no-verify", events.toString());
        assertEquals(0, unchecked.code(), "--no-verify gives the check up, as its help says: " + unchecked.err());
        assertFalse(java.util.Arrays.equals(intact.stdout(), unchecked.stdout()), "and the damage reaches the output");
        CliRun help = CliRun.run("scan", "--help");
        assertTrue(help.out().contains("Gives up the guarantee"), help.out());
    }

    @Test
    void outputsNeverOverwriteInputsAndKeepTheOldFileOnFailure() throws IOException {
        byte[] before = Files.readAllBytes(events);
        Path link = Files.createSymbolicLink(dir.resolve("sym.jsonl"), events);
        Path hard = Files.createLink(dir.resolve("hard.jsonl"), events);
        for (Path target : new Path[] {events, link, hard}) {
            CliRun r = CliRun.run("scan", "-r", rule.toString(), "-o", target.toString(), events.toString());
            assertEquals(ExitCodes.USAGE, r.code(), r.err());
            assertTrue(r.err().contains("refusing to overwrite an input"), r.err());
            CliRun s = CliRun.run("scan", "-r", rule.toString(), "--stats-json", target.toString(), events.toString());
            assertEquals(ExitCodes.USAGE, s.code(), s.err());
        }
        CliRun overRule = CliRun.run("scan", "-r", rule.toString(), "-o", rule.toString(), events.toString());
        assertEquals(ExitCodes.USAGE, overRule.code(), overRule.err());
        // rules named by their folder: the rule files in it are inputs too
        byte[] ruleBefore = Files.readAllBytes(rule);
        for (String option : new String[] {"-o", "--stats-json"}) {
            CliRun overFolderRule = CliRun.run("scan", "-r", rule.getParent().toString(), option, rule.toString(), events.toString());
            assertEquals(ExitCodes.USAGE, overFolderRule.code(), option + " -> " + overFolderRule.err());
            assertTrue(overFolderRule.err().contains("refusing to overwrite an input"), overFolderRule.err());
        }
        assertArrayEquals(ruleBefore, Files.readAllBytes(rule), "rule file untouched");
        assertArrayEquals(before, Files.readAllBytes(events), "input untouched");
        assertTrue(Files.isSymbolicLink(link));

        Path jsonl = dir.resolve("in.jsonl");
        Files.writeString(jsonl, "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"CommandLine\":\"x\"}\n");
        byte[] jsonBefore = Files.readAllBytes(jsonl);
        assertEquals(ExitCodes.USAGE, CliRun.run("ingest", "-o", jsonl.toString(), jsonl.toString()).code());
        assertArrayEquals(jsonBefore, Files.readAllBytes(jsonl));

        // a failed ingest keeps the previous output; a successful one replaces it; a link stays a link
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"CommandLine\":\"y\"}\n{broken\n");
        assertEquals(ExitCodes.BAD_INPUT, CliRun.run("ingest", "-o", events.toString(), bad.toString()).code());
        assertArrayEquals(before, Files.readAllBytes(events), "previous output kept");
        Path out = dir.resolve("out.wsev");
        Path outLink = Files.createSymbolicLink(dir.resolve("out-link.wsev"), out);
        assertEquals(0, CliRun.run("ingest", "-o", outLink.toString(), jsonl.toString()).code());
        assertTrue(Files.isSymbolicLink(outLink) && Files.isRegularFile(out), "the link is kept, its target written");
        try (EventFile f = EventFile.open(out)) {
            assertEquals(1, f.recordCount());
        }
        try (var list = Files.list(dir)) {
            assertTrue(list.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void specialFilesAreNeverDeletedAndUnwritableOutputsExitFour() throws IOException {
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            CliRun ingest = CliRun.run("ingest", "-o", "/dev/null", dir.resolve("nothing.jsonl").toString());
            assertEquals(ExitCodes.USAGE, ingest.code(), ingest.err());
            CliRun stdinIngest = CliRun.run("ingest", "-o", "/dev/null", "-");
            assertEquals(ExitCodes.USAGE, stdinIngest.code(), stdinIngest.err());
            assertTrue(stdinIngest.err().contains("character device"), stdinIngest.err());
            CliRun scan = CliRun.run("scan", "-r", rule.toString(), "-o", "/dev/null", "--no-progress", events.toString());
            assertEquals(0, scan.code(), "a stream output is written through: " + scan.err());
            assertTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "/dev/null is still a device");
        }
        CliRun noFolder = CliRun.run("scan", "-r", rule.toString(), "-o", dir.resolve("no/such/folder/x.jsonl").toString(), events.toString());
        assertEquals(ExitCodes.OUTPUT_ERROR, noFolder.code(), noFolder.err());
        CliRun ingestNoFolder = CliRun.run("ingest", "-o", dir.resolve("no/x.wsev").toString(), rule.toString());
        assertEquals(ExitCodes.OUTPUT_ERROR, ingestNoFolder.code(), ingestNoFolder.err());
    }

    @Test
    void writeErrorsOnStandardOutputExitFour() throws IOException {
        var cl = WidescanCli.commandLine();
        ((ScanCommand) cl.getSubcommands().get("scan").getCommand()).stdout = new FullDisk();
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(ExitCodes.OUTPUT_ERROR, WidescanCli.execute(cl, "scan", "-r", rule.toString(), "--no-progress", events.toString()));
        var cl2 = WidescanCli.commandLine();
        ((DumpCommand) cl2.getSubcommands().get("dump").getCommand()).stdout = new FullDisk();
        cl2.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(ExitCodes.OUTPUT_ERROR, WidescanCli.execute(cl2, "dump", events.toString()));
        if (Files.exists(Path.of("/dev/full"))) {
            // the real thing: System.out (a PrintStream that swallows errors) on /dev/full
            PrintStream old = System.out;
            try (PrintStream full = new PrintStream(new FileOutputStream("/dev/full"), false)) {
                System.setOut(full);
                var cl3 = WidescanCli.commandLine();
                cl3.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
                assertEquals(ExitCodes.OUTPUT_ERROR, WidescanCli.execute(cl3, "dump", events.toString()));
                var cl4 = WidescanCli.commandLine();
                cl4.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
                cl4.setOut(new java.io.PrintWriter(full));
                assertEquals(ExitCodes.OUTPUT_ERROR, WidescanCli.execute(cl4, "strategies"));
            } finally {
                System.setOut(old);
            }
        }
    }

    /** A full standard output is reported once, on one line (the command's message, not a second generic one). */
    @Test
    void aFullStandardOutputIsReportedOnce() {
        PrintStream old = System.out;
        try (PrintStream full = new PrintStream(new FullDisk(), false)) {
            System.setOut(full);
            for (String[] args : new String[][] {{"dump", events.toString()}, {"scan", "-r", rule.toString(), "--no-progress", events.toString()}}) {
                var cl = WidescanCli.commandLine();
                java.io.StringWriter err = new java.io.StringWriter();
                cl.setErr(new java.io.PrintWriter(err, true));
                assertEquals(ExitCodes.OUTPUT_ERROR, WidescanCli.execute(cl, args));
                long lines = err.toString().lines().filter(l -> l.contains("cannot write standard output")).count();
                assertEquals(1, lines, args[0] + ": " + err);
            }
        } finally {
            System.setOut(old);
        }
    }

    /**
     * "-o -" is standard output in Unix tools (ingest reads "-" as standard input): scan writes its detections
     * there; an output that cannot be standard output refuses "-" (exit 2) instead of creating a file named
     * "-" in the current folder.
     */
    @Test
    void dashIsStandardOutputOrRefusedNeverAFileNamedDash() throws IOException {
        Path dash = Path.of("-");
        assertFalse(Files.exists(dash), "a file named '-' left in " + Path.of("").toAbsolutePath());
        try {
            CliRun plain = CliRun.run("scan", "-r", rule.toString(), "--no-progress", events.toString());
            CliRun scan = CliRun.run("scan", "-r", rule.toString(), "-o", "-", "--no-progress", events.toString());
            assertEquals(ExitCodes.OK, scan.code(), scan.err());
            assertTrue(plain.out().length() > 100, plain.out());
            assertEquals(plain.out(), scan.out());
            assertFalse(Files.exists(dash), "scan -o - made a file named '-'");
            String[][] refused = {{"scan", "-r", rule.toString(), "--stats-json", "-", events.toString()},
                {"ingest", "-o", "-", Files.writeString(dir.resolve("in.jsonl"), "{\"EventID\":1}\n").toString()}, {"gen", "-o", "-", "-n", "5"},
                {"tune", "-r", rule.toString(), "--seconds", "1", "-o", "-", events.toString()}};
            for (String[] args : refused) {
                CliRun r = CliRun.run(args);
                assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", args) + " -> " + r.err());
                assertTrue(r.err().contains("'-'"), r.err());
                assertFalse(Files.exists(dash), String.join(" ", args) + " made a file named '-'");
            }
        } finally {
            Files.deleteIfExists(dash);
        }
    }

    @Test
    void aFileTruncatedUnderAScanIsBadInputNamingIt() throws IOException {
        var rules = RuleLoader.load(List.of(rule), false);
        Scanner scanner = new Scanner(SigmaCompiler.compile(rules.rules()), new ScanOptions("auto", 1, true, true, false));
        try (Archive archive = Archive.open(List.of(events))) {
            try (FileChannel ch = FileChannel.open(events, StandardOpenOption.WRITE)) {
                ch.truncate(4096); // the mapping now reaches past the end of the file: SIGBUS on access
            }
            FormatException e = assertThrows(FormatException.class, () -> scanner.scan(archive, new ByteArrayOutputStream(), null));
            assertTrue(e.getMessage().contains(events.toString()) && e.getMessage().contains("file changed while scanning"), e.getMessage());
        }
    }

    @Test
    void skipBadScansTheRestAndSaysWhatItSkipped() throws IOException {
        Path good = FuzzFixtures.eventFile(dir.resolve("a-good.wsev"), 500, 256, 3, false);
        Path broken = dir.resolve("b-broken.wsev");
        Files.copy(events, broken);
        flip(broken, unitsOffset(broken, 1, Field.CommandLine));
        Path truncated = dir.resolve("c-truncated.wsev");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(events), 5000));
        CliRun strict = CliRun.run("scan", "-r", rule.toString(), "--no-progress", good.toString(), broken.toString());
        assertEquals(ExitCodes.BAD_INPUT, strict.code(), strict.err());
        Path out = dir.resolve("det.jsonl");
        CliRun r = CliRun.run("scan", "-r", rule.toString(), "--skip-bad", "--threads", "2", "--no-progress", "-o", out.toString(),
                "--stats-json", dir.resolve("stats.json").toString(), good.toString(), broken.toString(), truncated.toString());
        assertEquals(ExitCodes.SKIPPED_BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("SKIPPED 2 corrupt file(s) or block(s)"), r.err());
        assertTrue(r.err().contains("b-broken.wsev: block 1") && r.err().contains("c-truncated.wsev"), r.err());
        assertTrue(Files.readString(dir.resolve("stats.json")).contains("\"skipped\""));
        // every detection of the good file and of the broken file's good blocks, none of block 1
        String lines = Files.readString(out);
        CliRun goodAlone = CliRun.run("scan", "-r", rule.toString(), "--no-progress", good.toString());
        assertTrue(lines.startsWith(goodAlone.out()), "the good file's detections first, complete");
        long fromBroken = lines.lines().filter(l -> l.contains("b-broken.wsev")).count();
        CliRun all = CliRun.run("scan", "-r", rule.toString(), "--no-progress", events.toString());
        long perBlock1 = all.out().lines().filter(l -> {
            long rec = Long.parseLong(l.replaceAll(".*\"record\":(\\d+).*", "$1"));
            return rec >= 1024 && rec < 2048;
        }).count();
        assertEquals(all.out().lines().count() - perBlock1, fromBroken, "the broken file's other blocks are scanned");
    }
}
