package dev.widescan.tune;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.sigma.SigmaCompiler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's sample line as a user reads it. */
class TuneReportTextTest {
    private static String sampleLine(int sampleBlocks, int requestedBlocks, int archiveBlocks) {
        TuneReport report = new TuneReport(new MachineDescription("cpu", 2, 256, "jdk"), SigmaCompiler.compile(List.of()), List.of(), List.of(),
                sampleBlocks, requestedBlocks, archiveBlocks, 2, 10, 9.5);
        StringWriter text = new StringWriter();
        report.writeText(new PrintWriter(text, true));
        return text.toString().lines().filter(l -> l.startsWith("sample: ")).findFirst().orElseThrow();
    }

    /** Rules with no literal at all (a regex without a required literal): nothing to time, said, no self-test claim. */
    @Test
    void rulesWithoutLiteralsSayNothingToTime() {
        TuneReport report = new TuneReport(new MachineDescription("cpu", 2, 256, "jdk"), SigmaCompiler.compile(List.of()), List.of(), List.of(),
                4, 4, 4, 1, 10, 0.5);
        StringWriter text = new StringWriter();
        report.writeText(new PrintWriter(text, true));
        assertTrue(text.toString().contains("nothing to time: these rules match no field by literal") && !text.toString().contains("self-test"),
                text.toString());
        assertTrue(report.nothingTimed().startsWith("nothing to time"));
    }

    /** Cut from what could be sampled: never "1 of 16 blocks (cut from 32 ...)" on an archive of 16 blocks. */
    @Test
    void aCutSampleSaysWhatItWasCutFrom() {
        String line = sampleLine(1, 32, 16);
        assertTrue(line.startsWith("sample: 1 of 16 blocks") && line.contains("(cut from 16 to stay within the budget)"), line);
        line = sampleLine(4, 8, 100);
        assertTrue(line.contains("(cut from 8 to stay within the budget)"), line);
        line = sampleLine(16, 32, 16);
        assertTrue(!line.contains("cut from"), line);
    }
}
