package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Regressions of QA session 13's bad-input sweep: cases where a command lost data silently, or failed late
 * or without saying what was wrong.
 */
class BadInputSweep13Test extends EventFileAndRule {

    /**
     * Folders are searched by extension whatever its case, as ingest already searched for {@code *.JSONL} and
     * {@code *.EVTX}: {@code DAY1.WSEV} (copied from a Windows share, or written by {@code ingest -o DAY1.WSEV})
     * inside a scanned folder, and {@code RULE.YML} inside a rules folder, were passed over in silence: a scan
     * with exit 0 and none of their detections.
     */
    @Test
    void foldersFindEventAndRuleFilesWhateverTheCaseOfTheirExtension() throws IOException {
        CliRun direct = CliRun.run("scan", "-r", rule.toString(), "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, direct.code(), direct.err());
        assertTrue(direct.out().lines().count() > 0, "the fixture's rule matches some events");
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Files.copy(events, archive.resolve("DAY1.WSEV"));
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.copy(rule, rules.resolve("RULE.YML"));
        CliRun folders = CliRun.run("scan", "-r", rules.toString(), "--no-progress", archive.toString());
        assertEquals(ExitCodes.OK, folders.code(), folders.err());
        assertEquals(direct.out().lines().count(), folders.out().lines().count(), folders.err());
        assertTrue(folders.out().contains("DAY1.WSEV"), folders.out());
        CliRun listed = CliRun.run("rules", "-r", rules.toString());
        assertEquals(ExitCodes.OK, listed.code(), listed.err());
        assertTrue(listed.out().contains("rules loaded: 1"), listed.out());
    }

    /**
     * {@code --stats-json} into a folder where no file can be created (unwritable, read-only mount, /proc) was
     * found out only after the whole scan: the detections had gone to standard output, or, with {@code -o},
     * were thrown away with its temporary file (exit 4 after an hour of scanning). Its temporary file is now
     * created before the first block, as {@code -o}'s is: exit 4 before anything is scanned or written.
     */
    @Test
    void aStatsJsonThatCannotBeCreatedFailsBeforeTheScan() {
        Path proc = Path.of("/proc/self");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc), "/proc (no file can be created there, even by root)");
        String stats = proc.resolve("stats.json").toString();
        CliRun r = CliRun.run("scan", "-r", rule.toString(), "--no-progress", "--stats-json", stats, events.toString());
        assertEquals(ExitCodes.OUTPUT_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("cannot write --stats-json " + stats) && !FuzzFixtures.hasTrace(r.err()), r.err());
        assertEquals(0, r.stdout().length, "nothing scanned, nothing written: " + r.out());
        assertTrue(!r.err().contains("scanned "), r.err());
    }

    /**
     * The kernel lets a process hold at most {@code vm.max_map_count} (65,530 by default) mappings. Every
     * event file of a scan used to stay mapped from the archive's opening: a folder of 70,000 small event files
     * ended with "widescan scan: Map failed" (exit 3, no file, no reason), and with {@code --skip-bad} the JVM
     * itself found no mapping left (an hs_err file and a hang). Files are now unmapped once checked and mapped
     * again a few at a time, while their blocks are read: the same scan runs, with the same detections, under a
     * limit of two files mapped at once (the property stands in for a small kernel limit; the real one is read
     * from /proc). Only more files mapped at once than the limit is refused ({@code ArchiveMappingTest}).
     */
    @Test
    void moreEventFilesThanTheKernelLetsAProcessMapAreScannedAFewAtATime() throws IOException {
        Path archive = Files.createDirectories(dir.resolve("many"));
        int files = 6;
        for (int i = 0; i < files; i++) {
            Files.copy(events, archive.resolve("day" + i + ".wsev"));
        }
        CliRun one = CliRun.run("scan", "-r", rule.toString(), "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, one.code(), one.err());
        long perFile = one.out().lines().count();
        assertTrue(perFile > 0, "the fixture's rule matches some events");
        String previous = System.getProperty(dev.widescan.scan.Archive.MAX_MAP_COUNT_PROPERTY);
        System.setProperty(dev.widescan.scan.Archive.MAX_MAP_COUNT_PROPERTY, String.valueOf(dev.widescan.scan.Archive.MAP_HEADROOM + 2));
        try {
            for (String threads : new String[] {"1", "2"}) {
                for (String skipBad : new String[] {"--sorted", "--skip-bad"}) {
                    CliRun r = CliRun.run("scan", "-r", rule.toString(), "--no-progress", "--threads", threads, skipBad, archive.toString());
                    assertEquals(ExitCodes.OK, r.code(), threads + " " + skipBad + " -> " + r.err());
                    assertEquals(files * perFile, r.out().lines().count(), r.err());
                    for (int i = 0; i < files; i++) {
                        assertTrue(r.out().contains("day" + i + ".wsev"), "day" + i + " scanned: " + r.err());
                    }
                }
            }
        } finally {
            if (previous == null) {
                System.clearProperty(dev.widescan.scan.Archive.MAX_MAP_COUNT_PROPERTY);
            } else {
                System.setProperty(dev.widescan.scan.Archive.MAX_MAP_COUNT_PROPERTY, previous);
            }
        }
    }

    /**
     * Every subcommand's {@code --help} lists "-V, --version  Print version information and exit.", but
     * {@code widescan scan -V} (and ingest, dump, inspect, rules, strategies, gen, tune) printed nothing with
     * exit 0: only the top command had a version provider. A script logging the version got an empty line.
     */
    @Test
    void everySubcommandPrintsTheVersionItsHelpPromises() {
        String top = CliRun.run("--version").out().strip();
        assertTrue(top.startsWith("widescan "), top);
        for (String command : WidescanCli.SUBCOMMANDS) {
            for (String option : new String[] {"-V", "--version"}) {
                CliRun r = CliRun.run(command, option);
                assertEquals(ExitCodes.OK, r.code(), command + " " + option + ": " + r.err());
                assertEquals(top, r.out().strip(), command + " " + option);
            }
        }
    }

    /**
     * An empty value given with '=' ({@code scan -r="$RULES" ...} with RULES unset) is the working folder as a path,
     * as a separate empty argument was before session 10's fix, which only looked at whole empty arguments: it
     * loaded every rule under the current folder and scanned with them, exit 0. Refused like {@code -r ""}.
     */
    @Test
    void anEmptyValueAfterAnEqualsSignIsRefusedAsAnEmptyArgumentIs() {
        for (String[] args : new String[][] {{"scan", "-r=", "--no-progress", events.toString()},
            {"scan", "--rules=", events.toString()}, {"rules", "-r="}, {"strategies", "--explain="},
            {"scan", "-r", rule.toString(), "-o=", events.toString()}, {"gen", "-o=", "--events", "1"},
            {"tune", "-r", rule.toString(), "--seconds=", events.toString()}}) {
            CliRun r = CliRun.run(args);
            assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().contains("is empty (an unset shell variable?)") && !FuzzFixtures.hasTrace(r.err()),
                    String.join(" ", args) + " -> " + r.err());
            assertEquals(0, r.stdout().length, r.out());
        }
        CliRun placeholder = CliRun.run("scan", "-r", rule.toString(), "--no-progress", "--placeholder=a=b", events.toString());
        assertEquals(ExitCodes.OK, placeholder.code(), "a value holding '=' is not empty: " + placeholder.err());
    }

    /**
     * An input named to ingest that is missing or unreadable was "input file not found or not readable: X": which
     * of the two, the user had to find out. Now as scan and dump say it: "X: no such file or directory" (exit 2),
     * "X: permission denied" (exit 3, as for an unreadable file found in a folder).
     */
    @Test
    void ingestSaysWhetherANamedInputIsMissingOrUnreadable() throws IOException {
        Path missing = dir.resolve("missing.jsonl");
        CliRun none = CliRun.run("ingest", "-o", dir.resolve("x.wsev").toString(), missing.toString());
        assertEquals(ExitCodes.USAGE, none.code(), none.err());
        assertTrue(none.err().contains(missing + ": no such file or directory"), none.err());
    }

    /** The same for an unreadable input, where permissions bind (not as root, which reads everything). */
    @Test
    void ingestSaysThatANamedInputIsUnreadable() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
        Path locked = Files.writeString(dir.resolve("locked.jsonl"), "{}\n");
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        CliRun denied = CliRun.run("ingest", "-o", dir.resolve("x.wsev").toString(), locked.toString());
        assertEquals(ExitCodes.BAD_INPUT, denied.code(), denied.err());
        assertTrue(denied.err().contains(locked + ": permission denied"), denied.err());
    }
}
