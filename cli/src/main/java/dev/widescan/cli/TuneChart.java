package dev.widescan.cli;

import dev.widescan.tune.FieldTuning;
import dev.widescan.tune.MachineDescription;
import dev.widescan.tune.StrategyTiming;
import dev.widescan.tune.TuneReport;
import dev.widescan.tune.UntimedField;

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
 * into the title. A slot that was not timed (its field has no value in the sample) has no bar: the X axis
 * title names it; when no slot was timed the chart is drawn empty with the reason in the title, so a
 * script that asked for the file still gets one.
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
        List<String> untimed = new ArrayList<>();
        for (UntimedField u : report.untimed()) {
            untimed.add(u.field().name());
        }
        String xAxis = "field (literal set of these rules)"
                + (untimed.isEmpty() ? "" : "; not timed, no value in the sample: " + String.join(", ", untimed));
        String title = "widescan tune: " + m.cpuModel() + ", " + m.vectorBits() + "-bit vectors, " + m.jdk();
        if (max == 0) { // nothing timed (or no positive figure): no bar, and a log axis would have no decade to start at
            min = 1;
            max = 1;
            title += categories.isEmpty() ? ": nothing timed" : "";
        }
        CategoryChart chart = GbpsBarChart.create(Math.max(900, 260 + 60 * categories.size() * series.size()), title, xAxis,
                "GB/s of UTF-16 on the sample (median of rounds, one thread)", min, max);
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
        if (series.isEmpty()) {
            // XChart cannot paint a chart without a series: one empty series over the untimed fields (or a
            // placeholder category), no bar drawn.
            List<String> names = untimed.isEmpty() ? List.of("no literal set") : untimed;
            List<Double> none = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                none.add(null);
            }
            chart.addSeries("not timed", names, none);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(1.0);
        }
        return chart;
    }

    /** The file {@code --chart FILE} writes: FILE itself when it ends in .png or exists and is not a regular file, else FILE.png. */
    public static Path target(Path file) {
        String name = file.toString();
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".png")
                || java.nio.file.Files.exists(file) && !java.nio.file.Files.isRegularFile(file)) {
            // a device, FIFO or folder named as it is: written through or refused as any output is (a suffix
            // made --chart /dev/full write /dev/full.png beside the device)
            return file;
        }
        return Path.of(name + ".png");
    }

    /** The chart as PNG bytes on {@code out} (left open). */
    public static void write(TuneReport report, java.io.OutputStream out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        // encoded in memory: ImageIO's default file cache registered its stream with a shutdown hook that,
        // after a failed write (--chart /dev/full), printed a NullPointerException trace at exit
        javax.imageio.ImageIO.setUseCache(false);
        BitmapEncoder.saveBitmap(build(report), out, BitmapEncoder.BitmapFormat.PNG);
    }
}
