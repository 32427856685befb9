package dev.widescan.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown page and the chart file, rendered from the hand-written run. */
class MarkdownReportTest {
    @TempDir
    Path dir;

    private static List<JmhResult> smallRun() throws Exception {
        try (InputStream in = MarkdownReportTest.class.getResourceAsStream("/report/small-run.json")) {
            return JmhJsonReader.read(in, "small-run.json");
        }
    }

    @Test
    void tableRowsCarryTheComputedFigures() throws Exception {
        List<JmhResult> run = smallRun();
        RunContext context = new RunContext("quick-test", "scripts/bench.sh quick", "2026-01-01 00:00 UTC", "0.20 0.1 0.1", "0.3 0.2 0.1");
        String md = MarkdownReport.render(ThroughputTable.of(run), run, context,
                new MachineInfo("Test CPU", 2, "256-bit, Species[byte, 32, S_256_BIT]", "test"));
        assertTrue(md.contains("| seed | ascii | 0.1% hits | `teddy` | 3.50 | 1.00–5.00 | 0.040 | 17.5× | 0.219× | 0.004 | 0.000 | 4 |"), md);
        assertTrue(md.contains("| seed | ascii | 0.1% hits | *memory-read limit* | 16.0 |"), md);
        assertTrue(md.contains("`scripts/bench.sh quick`"));
        assertTrue(md.contains("quiet machine"));
        assertTrue(md.contains("| MappedReadBenchmark.ffm | size=64M | 12.5 | 12.0–13.0 | ms/op | 2 |"), md);
        assertTrue(md.contains("seed: `teddy` 3.50 GB/s = 17.5× naive, 0.219× memory-read limit"), md);
        assertFalse(new RunContext("n", "c", "d", "0.2", "0.4").loaded());
        assertTrue(new RunContext("n", "c", "d", "0.2", "1.7 1.0 0.5").loaded());
        assertTrue(new RunContext("n", "c", "d", "", "").loaded());
    }

    /** MatcherBenchmark's {@code data=} and {@code dataField=} are empty for generated data: no column for them then. */
    @Test
    void parametersEmptyEverywhereGetNoColumn() throws Exception {
        String text;
        try (InputStream in = MarkdownReportTest.class.getResourceAsStream("/report/small-run.json")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        RunContext context = new RunContext("t", "c", "d", "0.1", "0.1");
        MachineInfo machine = new MachineInfo("Test CPU", 2, "256-bit", "test");
        String withEmpty = text.replace("\"params\" : { \"hitRate\"", "\"params\" : { \"data\" : \"\", \"hitRate\"");
        assertTrue(withEmpty.contains("\"data\" : \"\""));
        List<JmhResult> run = JmhJsonReader.read(new java.io.ByteArrayInputStream(withEmpty.getBytes()), "with-empty");
        String md = MarkdownReport.render(ThroughputTable.of(run), run, context, machine);
        assertTrue(md.contains("| seed | ascii | 0.1% hits | `teddy` | 3.50 |"), md);
        assertFalse(md.contains("| data |"), md);
        String withFile = text.replace("\"params\" : { \"hitRate\"", "\"params\" : { \"data\" : \"/x.wsev\", \"hitRate\"");
        run = JmhJsonReader.read(new java.io.ByteArrayInputStream(withFile.getBytes()), "with-file");
        md = MarkdownReport.render(ThroughputTable.of(run), run, context, machine);
        assertTrue(md.contains("| /x.wsev |"), md);
    }

    @Test
    void rendererWritesChartAndPage() throws Exception {
        Path json = dir.resolve("run-1.json");
        try (InputStream in = MarkdownReportTest.class.getResourceAsStream("/report/small-run.json")) {
            Files.copy(in, json);
        }
        assertEquals(0, RenderResults.run(new String[] {json.toString(), "--command", "test"}));
        assertTrue(Files.size(dir.resolve("run-1.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("run-1.md")).contains("![GB/s of UTF-16 input per strategy](run-1.png)"));
        assertEquals(2, RenderResults.run(new String[] {}));
        assertEquals(3, RenderResults.run(new String[] {dir.resolve("missing.json").toString()}));
    }
}
