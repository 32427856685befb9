package dev.widescan.cli;

import dev.widescan.tune.FieldTuning;
import dev.widescan.tune.MachineDescription;
import dev.widescan.tune.StrategyTiming;
import dev.widescan.tune.TuneReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;

/**
 * {@code widescan tune --chart}: one group of bars per field slot, one bar per strategy, height = median
 * GB/s on the sample, in the style of every throughput chart ({@link GbpsBarChart}), PNG. The machine goes
 * into the title.
 */
public final class TuneChart {

    private TuneChart() {
    }

    public static CategoryChart build(TuneReport report) {
        List<String> categories = new ArrayList<>();
        Set<String> series = new LinkedHashSet<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (FieldTuning f : report.fields()) {
            categories.add(f.field() + " (" + f.literals().size() + " literals)");
            for (StrategyTiming t : f.timings()) {
                series.add(t.label());
                if (t.medianGbps() > 0) {
                    min = Math.min(min, t.medianGbps());
                    max = Math.max(max, t.medianGbps());
                }
            }
        }
        MachineDescription m = report.machine();
        CategoryChart chart = GbpsBarChart.create(Math.max(900, 260 + 60 * categories.size() * series.size()),
                "widescan tune: " + m.cpuModel() + ", " + m.vectorBits() + "-bit vectors, " + m.jdk(),
                "field (literal set of these rules)", "GB/s of UTF-16 on the sample (median of rounds, one thread)", min, max);
        for (String s : series) {
            List<Double> values = new ArrayList<>();
            for (FieldTuning f : report.fields()) {
                Double v = null;
                for (StrategyTiming t : f.timings()) {
                    if (t.label().equals(s) && t.medianGbps() > 0) {
                        v = t.medianGbps();
                    }
                }
                values.add(v);
            }
            chart.addSeries(s, categories, values);
        }
        return chart;
    }

    /** The file {@code --chart FILE} writes: FILE itself when it ends in .png, else FILE.png. */
    public static Path target(Path file) {
        String name = file.toString();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? file : Path.of(name + ".png");
    }

    /** The chart as PNG bytes on {@code out} (left open). */
    public static void write(TuneReport report, java.io.OutputStream out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BitmapEncoder.saveBitmap(build(report), out, BitmapEncoder.BitmapFormat.PNG);
    }
}
