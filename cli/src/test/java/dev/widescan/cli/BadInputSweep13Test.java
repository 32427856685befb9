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
}
