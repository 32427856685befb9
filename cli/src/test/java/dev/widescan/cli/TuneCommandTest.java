package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.Field;
import dev.widescan.tune.TuneTestData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code widescan tune} end to end: report, profile, chart; {@code scan --profile}; {@code strategies --explain --profile}; refusals. */
class TuneCommandTest {
    @TempDir
    Path dir;



    @Test
    void tuneWritesReportProfileAndChartThatScanAndExplainUse() throws IOException {
        Path rules = TuneTestData.rules(dir, "rules", TuneTestData.RULES);
        Path events = TuneTestData.events(dir.resolve("e.wsev"), 6 * 1024, 1024, 5).toAbsolutePath();
        Path profile = dir.resolve("p.json");
        Path chart = dir.resolve("tune.png");
        CliRun tune = CliRun.run("tune", "-r", rules.toString(), "--seconds", "3", "--sample-blocks", "4", "--json", "-o", profile.toString(),
                "--chart", chart.toString(), "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, tune.code(), tune.err());
        for (String key : new String[] {"\"cpu\"", "\"vectorBits\"", "\"jdk\"", "\"field\" : \"CommandLine\"", "\"field\" : \"Image\"",
            "\"ratioToAuto\"", "\"winner\"", "\"medianGBps\"", "\"dictionaryNote\""}) {
            assertTrue(tune.out().contains(key), key + " in " + tune.out());
        }
        assertTrue(Files.readString(profile).contains("\"format\" : \"widescan-tune-profile\""));
        byte[] png = Files.readAllBytes(chart);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG");

        CliRun text = CliRun.run("tune", "-r", rules.toString(), "--seconds", "2", "--sample-blocks", "2", "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, text.code(), text.err());
        assertTrue(text.out().startsWith("machine: ") && text.out().contains("-bit vectors") && text.out().contains("<- winner")
                && text.out().contains("x auto"), text.out());

        Path auto = dir.resolve("auto.jsonl");
        Path tuned = dir.resolve("tuned.jsonl");
        assertEquals(ExitCodes.OK, CliRun.run("scan", "-r", rules.toString(), "-o", auto.toString(), "--no-progress", events.toString()).code());
        CliRun scan = CliRun.run("scan", "-r", rules.toString(), "--profile", profile.toString(), "-o", tuned.toString(), "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, scan.code(), scan.err());
        assertTrue(Files.size(auto) > 1000, "detections: " + Files.size(auto));
        assertEquals(Files.readString(auto), Files.readString(tuned));

        CliRun explain = CliRun.run("strategies", "--explain", rules.toString(), "--profile", profile.toString());
        assertEquals(ExitCodes.OK, explain.code(), explain.err());
        assertTrue(explain.out().contains("tuned on: ") && explain.out().matches("(?s).*field\\s+auto\\s+profile.*")
                && explain.out().matches("(?s).*\\nImage\\s+anchored\\s+\\S+.*"), explain.out());

        Path other = TuneTestData.rules(dir, "other", TuneTestData.RULES.replace("'office'", "'outlook'"));
        CliRun refused = CliRun.run("scan", "-r", other.toString(), "--profile", profile.toString(), events.toString());
        assertEquals(ExitCodes.USAGE, refused.code());
        assertTrue(refused.err().contains("tuned for other rules") && refused.err().contains("ParentImage"), refused.err());
        assertTrue(!refused.err().contains("\tat "), "no stack trace");
        assertEquals(ExitCodes.USAGE, CliRun.run("strategies", "--explain", other.toString(), "--profile", profile.toString()).code());
        CliRun both = CliRun.run("scan", "-r", rules.toString(), "--strategy", "teddy", "--profile", profile.toString(), events.toString());
        assertEquals(ExitCodes.USAGE, both.code());
        assertTrue(both.err().contains("give one of them"), both.err());
    }

    /**
     * A rule field with literals and no value in the sampled blocks (the data fills CommandLine only): tune
     * once died on it with a bare IndexOutOfBoundsException (exit 1). Now exit 0; the text and JSON reports
     * name each such field as not timed, the chart has no bar for it, the profile keeps auto's choice for it
     * and gives auto's detections; with no field to time at all, tune still finishes and says so.
     */
    @Test
    void fieldsWithoutValuesInTheSampleAreNotTimedAndTuneFinishes() throws IOException {
        Path rules = TuneTestData.rules(dir, "rules", TuneTestData.RULES);
        Path events = TuneTestData.events(dir.resolve("e.wsev"), 4 * 1024, 1024, 6,
                Set.of(Field.Image, Field.ParentImage), Set.of()).toAbsolutePath();
        Path profile = dir.resolve("p.json");
        Path chart = dir.resolve("tune.png");
        CliRun text = CliRun.run("tune", "-r", rules.toString(), "--seconds", "2", "--sample-blocks", "4", "-o", profile.toString(),
                "--chart", chart.toString(), "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, text.code(), text.err());
        assertTrue(!text.err().contains("Exception") && !text.err().contains("\tat "), "no stack trace: " + text.err());
        assertTrue(text.out().matches("(?s).*\nImage \\(slot \\d\\): 3 literals \\(contains 0, startswith 0, endswith 3, equals 0\\); no value of this"
                + " field in the \\d+ sample blocks?: not timed, the profile keeps auto's choice \\(anchored\\)\n.*"), text.out());
        assertTrue(text.out().matches("(?s).*\nParentImage \\(slot \\d\\): 1 literal \\(.*\\); no value of this field in the \\d+ sample blocks?:"
                + " not timed, the profile keeps auto's choice \\(\\S+\\)\n.*"), text.out());
        assertTrue(text.out().contains("<- winner") && text.out().contains("CommandLine (slot"), "CommandLine is timed: " + text.out());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(chart), 4), "a PNG");
        Path auto = dir.resolve("auto.jsonl");
        Path tuned = dir.resolve("tuned.jsonl");
        Path matching = TuneTestData.events(dir.resolve("full.wsev"), 2 * 1024, 1024, 6).toAbsolutePath(); // Image filled: detections
        assertEquals(ExitCodes.OK, CliRun.run("scan", "-r", rules.toString(), "-o", auto.toString(), "--no-progress", matching.toString()).code());
        CliRun scan = CliRun.run("scan", "-r", rules.toString(), "--profile", profile.toString(), "-o", tuned.toString(), "--no-progress",
                matching.toString());
        assertEquals(ExitCodes.OK, scan.code(), scan.err());
        assertTrue(Files.size(auto) > 1000, "detections: " + Files.size(auto));
        assertEquals(Files.readString(auto), Files.readString(tuned));
        CliRun explain = CliRun.run("strategies", "--explain", rules.toString(), "--profile", profile.toString());
        assertTrue(explain.out().matches("(?s).*\nImage\\s+anchored\\s+anchored\\s+same.*"), explain.out());

        CliRun json = CliRun.run("tune", "-r", rules.toString(), "--seconds", "2", "--sample-blocks", "4", "--json", "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, json.code(), json.err());
        assertTrue(json.out().matches("(?s).*\"fields\" : \\[ \\{\\s*\"slot\" : \\d,\\s*\"field\" : \"CommandLine\".*"), json.out());
        assertTrue(json.out().matches("(?s).*\"untimedFields\" : \\[ \\{\\s*\"slot\" : \\d,\\s*\"field\" : \"Image\".*\"timed\" : false,"
                + "\\s*\"reason\" : \"no value of this field in the \\d+ sample blocks?\",\\s*\"auto\" : \"anchored\".*\"field\" : \"ParentImage\".*"), json.out());

        // (In process, the budget counts from the test JVM's start: the sample may be cut, so its block count varies.)
        // No field of the rules has a value: nothing to time, exit 0, said on stdout and stderr; outputs still written.
        Path images = TuneTestData.rules(dir, "images", TuneTestData.RULES.split("---\n")[1]);
        Path chart2 = dir.resolve("none.png");
        CliRun none = CliRun.run("tune", "-r", images.toString(), "--seconds", "5", "-o", dir.resolve("p2.json").toString(),
                "--chart", chart2.toString(), "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, none.code(), none.err());
        assertTrue(none.out().contains("nothing could be timed: no field these rules match by literal (Image (slot 0), ParentImage (slot 1))"
                + " has a value in the "), none.out());
        assertTrue(none.err().contains("widescan tune: nothing could be timed") && !none.err().contains("\tat "), none.err());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(chart2), 4), "a PNG");
        assertTrue(Files.readString(dir.resolve("p2.json")).contains("\"strategy\" : \"anchored\""));
        CliRun noneJson = CliRun.run("tune", "-r", images.toString(), "--seconds", "5", "--json", "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, noneJson.code(), noneJson.err());
        assertTrue(noneJson.out().contains("\"fields\" : [ ]") && noneJson.out().contains("\"nothingTimed\" : \"nothing could be timed"), noneJson.out());
    }

    /**
     * The same rules named in another order (-r b -r a, a shell glob in another locale) compile to the same
     * literal sets in another id order: the profile tune made for them must be accepted, not refused as
     * "tuned for other rules" (a strategy is built from the scan's own literal set, so order cannot matter).
     */
    @Test
    void profileFitsTheSameRulesGivenInAnotherOrder() throws IOException {
        Path rules = TuneTestData.rules(dir, "rules", TuneTestData.RULES);
        Path events = TuneTestData.events(dir.resolve("e.wsev"), 2 * 1024, 1024, 9).toAbsolutePath();
        Path profile = dir.resolve("p.json");
        String a = rules.resolve("rule0.yml").toString();
        String b = rules.resolve("rule1.yml").toString();
        String c = rules.resolve("rule2.yml").toString();
        CliRun tune = CliRun.run("tune", "-r", a, "-r", b, "-r", c, "--seconds", "2", "--sample-blocks", "2", "-o", profile.toString(),
                "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, tune.code(), tune.err());
        CliRun auto = CliRun.run("scan", "-r", c, "-r", b, "-r", a, "--no-progress", events.toString());
        CliRun tuned = CliRun.run("scan", "-r", c, "-r", b, "-r", a, "--profile", profile.toString(), "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, tuned.code(), tuned.err());
        assertTrue(auto.out().length() > 1000, "detections: " + auto.out().length());
        assertEquals(auto.out(), tuned.out());
        assertEquals(ExitCodes.OK, CliRun.run("strategies", "--explain", c, "--explain", a, "--explain", b, "--profile", profile.toString()).code());
    }

    /**
     * tune's outputs keep the promises of every other output: -o naming an input (the event file, a rule
     * file) is refused before anything is written, an unwritable -o fails before the minute of tuning, and
     * the profile and chart are written whole or not at all (AtomicOutput).
     */
    @Test
    void tuneOutputsNeverOverwriteInputsAndFailBeforeTuning() throws IOException {
        Path rules = TuneTestData.rules(dir, "rules", TuneTestData.RULES);
        Path rule = rules.resolve("rule0.yml");
        Path events = TuneTestData.events(dir.resolve("e.wsev"), 1024, 1024, 5);
        byte[] eventBytes = Files.readAllBytes(events);
        byte[] ruleBytes = Files.readAllBytes(rule);
        for (String[] args : new String[][] {{"-o", events.toString()}, {"-o", rule.toString()}}) {
            CliRun r = CliRun.run("tune", "-r", rules.toString(), "--seconds", "30", args[0], args[1], "--no-progress", events.toString());
            assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().contains("refusing to overwrite an input"), r.err());
        }
        assertArrayEquals(eventBytes, Files.readAllBytes(events));
        assertArrayEquals(ruleBytes, Files.readAllBytes(rule));
        long t0 = System.nanoTime();
        CliRun r = CliRun.run("tune", "-r", rules.toString(), "--seconds", "30", "-o", dir.resolve("no/such/p.json").toString(),
                "--no-progress", events.toString());
        assertEquals(ExitCodes.OUTPUT_ERROR, r.code(), r.err());
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "refused before tuning for --seconds 30");
        Path profile = dir.resolve("p.json");
        Path chart = dir.resolve("c.png");
        r = CliRun.run("tune", "-r", rules.toString(), "--seconds", "2", "--sample-blocks", "1", "-o", profile.toString(),
                "--chart", chart.toString(), "--no-progress", events.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(Files.readString(profile).contains("\"format\" : \"widescan-tune-profile\""));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(chart), 4));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(), listing.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "temporary files left");
        }
    }

    /** --profile naming the event file (or any binary file) says it is not a profile, not "cannot read: Input length = 1". */
    @Test
    void aBinaryFileGivenAsProfileIsNamedNotAProfile() throws IOException {
        Path rules = TuneTestData.rules(dir, "rules", TuneTestData.RULES);
        Path events = TuneTestData.events(dir.resolve("e.wsev"), 1024, 1024, 5);
        for (String command : new String[] {"scan", "strategies"}) {
            CliRun r = command.equals("scan")
                    ? CliRun.run("scan", "-r", rules.toString(), "--profile", events.toString(), events.toString())
                    : CliRun.run("strategies", "--explain", rules.toString(), "--profile", events.toString());
            assertEquals(ExitCodes.USAGE, r.code(), r.err());
            assertTrue(r.err().contains("e.wsev") && r.err().contains("not a widescan tune profile"), r.err());
        }
    }

    @Test
    void badProfilesAndOptionsAreUsageErrors() throws IOException {
        Path rules = TuneTestData.rules(dir, "rules", TuneTestData.RULES);
        Path events = TuneTestData.events(dir.resolve("e.wsev"), 1024, 1024, 5);
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\n \"format\": \"widescan-tune-profile\",\n \"version\": 1,\n \"fields\": [ {\n");
        CliRun r = CliRun.run("scan", "-r", rules.toString(), "--profile", bad.toString(), events.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("bad.json") && r.err().contains("line"), r.err());
        Path wrongKind = Files.writeString(dir.resolve("other.json"), "{\"fields\": []}");
        r = CliRun.run("scan", "-r", rules.toString(), "--profile", wrongKind.toString(), events.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("not a widescan tune profile"), r.err());
        var compiled = dev.widescan.sigma.SigmaCompiler.compile(dev.widescan.sigma.RuleLoader.load(java.util.List.of(rules), false).rules());
        java.util.List<dev.widescan.scan.StrategyProfile.Entry> entries = new java.util.ArrayList<>();
        for (var fl : compiled.fieldLiterals()) {
            entries.add(new dev.widescan.scan.StrategyProfile.Entry(fl.field(), fl.literals().size(),
                    dev.widescan.scan.StrategyProfile.fingerprint(fl.literals()), "bogus", java.util.Map.of()));
        }
        Path bogus = dir.resolve("bogus.json");
        new dev.widescan.scan.StrategyProfile(bogus, entries, java.util.Map.of()).write(bogus);
        r = CliRun.run("scan", "-r", rules.toString(), "--profile", bogus.toString(), events.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("bogus.json") && r.err().contains("unknown matcher strategy 'bogus'"), r.err());
        assertEquals(ExitCodes.USAGE, CliRun.run("strategies", "--explain", rules.toString(), "--profile", bogus.toString()).code());
        assertEquals(ExitCodes.USAGE, CliRun.run("tune", "-r", rules.toString(), "--seconds", "0", events.toString()).code());
        assertEquals(ExitCodes.USAGE, CliRun.run("tune", "-r", rules.toString(), "--sample-blocks", "0", events.toString()).code());
        assertEquals(ExitCodes.USAGE, CliRun.run("strategies", "--profile", bad.toString()).code());
    }

    @Test
    void aChartNamedByADeviceOrFolderIsThatPathNotOneWithPngAdded() throws java.io.IOException {
        assertEquals(Path.of("/dev/full"), TuneChart.target(Path.of("/dev/full")), "a device: written through, no /dev/full.png");
        assertEquals(dir, TuneChart.target(dir), "a folder: refused as any output folder is");
        assertEquals(dir.resolve("c.png"), TuneChart.target(dir.resolve("c")), "a file that does not exist yet gets the suffix");
        java.nio.file.Files.writeString(dir.resolve("d"), "x");
        assertEquals(dir.resolve("d.png"), TuneChart.target(dir.resolve("d")), "an existing regular file: FILE.png, as documented");
    }

    @Test
    void aChartToAFullDeviceIsExitFourAndTheChartIsEncodedWithoutImageIosFileCache() throws java.io.IOException {
        Path events = TuneTestData.events(dir.resolve("e.wsev"), 2 * 1024, 1024, 5).toAbsolutePath();
        CliRun r = CliRun.run("tune", "-r", TuneTestData.rules(dir, "rules", TuneTestData.RULES).toString(), "--seconds", "2", "--sample-blocks", "1",
                "--chart", "/dev/full", "--no-progress", events.toString());
        assertEquals(ExitCodes.OUTPUT_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("cannot write --chart /dev/full"), r.err());
        // ImageIO's file cache left a stream to a shutdown hook that printed a NullPointerException trace at exit
        assertTrue(!javax.imageio.ImageIO.getUseCache(), "the chart is encoded in memory");
    }
}
