package dev.widescan.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The renderer's arithmetic on a hand-written JMH file whose right answers are worked out by hand. */
class ThroughputTableTest {
    private static final double EPS = 1e-9;

    private static List<JmhResult> smallRun() throws Exception {
        try (InputStream in = ThroughputTableTest.class.getResourceAsStream("/report/small-run.json")) {
            return JmhJsonReader.read(in, "small-run.json");
        }
    }

    @Test
    void medianPoolsForksAndIterations() {
        assertEquals(2.0, Samples.median(new double[] {3, 1, 2}), EPS);
        assertEquals(2.5, Samples.median(new double[] {4, 1, 3, 2}), EPS);
        assertEquals(7.0, Samples.median(new double[] {7}), EPS);
        assertTrue(Double.isNaN(Samples.median(new double[0])));
    }

    @Test
    void readerFlattensRawDataAndKeepsParamsAndUnits() throws Exception {
        List<JmhResult> run = smallRun();
        assertEquals(5, run.size());
        JmhResult naive = run.get(0);
        assertEquals("MatcherBenchmark", naive.className());
        assertEquals("MatcherBenchmark.scan", naive.shortName());
        assertEquals("naive", naive.params().get("strategy"));
        assertEquals(6, naive.secondary("bytes").sampleCount());
        // samples 1e8 2e8 9e8 2e8 3e8 1.5e8 -> sorted 1, 1.5, 2, 2, 3, 9 (x1e8) -> median 2e8, not the mean 3e8
        assertEquals(2.0e8, naive.secondary("bytes").median(), 1);
        assertEquals("25.0.3", naive.jdkVersion());
        assertEquals(List.of("--add-modules=jdk.incubator.vector"), naive.jvmArgs());
    }

    @Test
    void rateUnitsConvertToPerSecond() {
        assertEquals(1.0, RateUnit.perSecondFactor("ops/s"), EPS);
        assertEquals(1e3, RateUnit.perSecondFactor("ops/ms"), EPS);
        assertEquals(1e6, RateUnit.perSecondFactor("ops/us"), EPS);
        assertEquals(1e9, RateUnit.perSecondFactor("ops/ns"), EPS);
        assertEquals(1.0 / 60, RateUnit.perSecondFactor("ops/min"), EPS);
        assertThrows(IllegalArgumentException.class, () -> RateUnit.perSecondFactor("ms/op"));
        assertThrows(IllegalArgumentException.class, () -> RateUnit.perSecondFactor("B/op"));
    }

    @Test
    void groupsRatiosAndUnitsMatchHandComputedValues() throws Exception {
        ThroughputTable table = ThroughputTable.of(smallRun());
        assertEquals(2, table.groups().size());

        ThroughputGroup seed = table.groups().get(0);
        assertEquals("seed", seed.combination().get("literals"));
        assertFalse(seed.combination().containsKey("strategy"));
        ThroughputRow naive = seed.row("naive").orElseThrow();
        ThroughputRow teddy = seed.row("teddy").orElseThrow();
        ThroughputRow limit = seed.row(ThroughputTable.LIMIT_LABEL).orElseThrow();

        // naive: median bytes 2e8 per second = 0.2 GB/s; 1000 events/s; range 1e8..9e8
        assertEquals(0.2, naive.gigabytesPerSecond(), EPS);
        assertEquals(0.1, naive.minGigabytesPerSecond(), EPS);
        assertEquals(0.9, naive.maxGigabytesPerSecond(), EPS);
        assertEquals(1000, naive.eventsPerSecond(), EPS);
        assertEquals(1.0, naive.vsNaive(), EPS);
        // teddy counts per millisecond: samples 4,1,5,3 (x1e6)/ms -> median 3.5e6/ms = 3.5e9/s = 3.5 GB/s
        assertEquals(3.5, teddy.gigabytesPerSecond(), EPS);
        assertEquals(40_000, teddy.eventsPerSecond(), EPS);
        assertEquals(17.5, teddy.vsNaive(), EPS);
        // limit: median of 1.5e10 and 1.7e10 = 16 GB/s
        assertEquals(16.0, limit.gigabytesPerSecond(), EPS);
        assertTrue(limit.limit());
        assertEquals(3.5 / 16, teddy.vsLimit(), EPS);
        assertEquals(0.2 / 16, naive.vsLimit(), EPS);
        assertEquals(80.0, limit.vsNaive(), EPS);
        assertEquals(1.0, limit.vsLimit(), EPS);
        assertEquals("teddy", seed.best().orElseThrow().strategy());

        // allocation: 5000 B/op; events per op = 1000 events/s / 10 ops/s = 100 -> 50 B/event
        assertEquals(5000, naive.allocBytesPerOp(), EPS);
        assertEquals(50, naive.allocBytesPerEvent(), EPS);
        // teddy: 0.004 B/op over 40/ms / 0.4/ms = 100 events per op
        assertEquals(0.00004, teddy.allocBytesPerEvent(), 1e-12);

        // a group without a naive run has no naive ratio, but still a limit ratio (same profile)
        ThroughputGroup gen = table.groups().get(1);
        ThroughputRow genTeddy = gen.row("teddy").orElseThrow();
        assertEquals(1.0, genTeddy.gigabytesPerSecond(), EPS);
        assertTrue(Double.isNaN(genTeddy.vsNaive()));
        assertEquals(1.0 / 16, genTeddy.vsLimit(), EPS);
        assertTrue(Double.isNaN(genTeddy.allocBytesPerOp()));

        // a benchmark without a bytes counter is kept aside, not converted
        assertEquals(1, table.others().size());
        assertEquals("MappedReadBenchmark.ffm", table.others().get(0).shortName());
        assertEquals(12.5, table.others().get(0).primary().median(), EPS);
    }

    @Test
    void limitOfAnotherProfileIsNotUsed() {
        String json = """
                [ { "benchmark" : "x.MatcherBenchmark.scan", "params" : { "profile" : "unicode", "strategy" : "naive" },
                    "primaryMetric" : { "score" : 1, "scoreUnit" : "ops/s", "rawData" : [[1]] },
                    "secondaryMetrics" : { "bytes" : { "score" : 1e8, "scoreUnit" : "ops/s", "rawData" : [[1e8]] } } },
                  { "benchmark" : "x.MemoryReadBenchmark.readVectors", "params" : { "profile" : "ascii" },
                    "primaryMetric" : { "score" : 1, "scoreUnit" : "ops/s", "rawData" : [[1]] },
                    "secondaryMetrics" : { "bytes" : { "score" : 1e10, "scoreUnit" : "ops/s", "rawData" : [["NaN"], [1e10]] } } } ]
                """;
        ThroughputTable table = ThroughputTable.of(JmhJsonReader.read(stream(json), "inline"));
        assertEquals(2, table.groups().size());
        assertTrue(Double.isNaN(table.groups().get(0).row("naive").orElseThrow().vsLimit()));
        assertEquals(ThroughputTable.LIMIT_LABEL, table.groups().get(1).rows().get(0).strategy());
    }

    @Test
    void badFilesAreRejectedWithTheirNameAndPlace() {
        ReportInputException empty = assertThrows(ReportInputException.class,
                () -> JmhJsonReader.read(stream("[]"), "empty.json"));
        assertTrue(empty.getMessage().contains("empty.json") && empty.getMessage().contains("no JMH results"), empty.getMessage());
        ReportInputException truncated = assertThrows(ReportInputException.class,
                () -> JmhJsonReader.read(stream("[ { \"benchmark\" : \"a.B.c\", \"primaryMetric\" : { \"score\" : 1"), "cut.json"));
        assertTrue(truncated.getMessage().startsWith("cut.json:1:"), truncated.getMessage());
        ReportInputException noMetric = assertThrows(ReportInputException.class,
                () -> JmhJsonReader.read(stream("[ { \"benchmark\" : \"a.B.c\" } ]"), "x.json"));
        assertTrue(noMetric.getMessage().contains("result #1 (a.B.c) has no \"primaryMetric\""), noMetric.getMessage());
        ReportInputException notArray = assertThrows(ReportInputException.class,
                () -> JmhJsonReader.read(stream("{}"), "obj.json"));
        assertTrue(notArray.getMessage().contains("expected a JSON array"), notArray.getMessage());
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
