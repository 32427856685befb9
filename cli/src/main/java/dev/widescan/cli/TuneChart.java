package dev.widescan.cli;

import dev.widescan.tune.FieldTuning;
import dev.widescan.tune.MachineDescription;
import dev.widescan.tune.StrategyTiming;
import dev.widescan.tune.TuneReport;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * {@code widescan tune --chart}: one group of bars per field slot, one bar per strategy, height = median
 * GB/s on the sample; the style of the benchmark reports (bench's ThroughputChart): log Y axis when the
 * spread exceeds {@value #LOG_SPREAD}× (naive and teddy are two orders of magnitude apart), values on the
 * bars, white background, PNG. The machine goes into the title.
 */
public final class TuneChart {
    static final double LOG_SPREAD = 20;

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
        boolean log = max > 0 && max / min > LOG_SPREAD;
        MachineDescription m = report.machine();
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 260 + 60 * categories.size() * series.size()))
                .height(620).title("widescan tune: " + m.cpuModel() + ", " + m.vectorBits() + "-bit vectors, " + m.jdk())
                .xAxisTitle("field (literal set of these rules)")
                .yAxisTitle("GB/s of UTF-16 on the sample (median of rounds, one thread)" + (log ? ", log scale" : ""))
                .build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setYAxisLogarithmic(log);
        if (log) {
            styler.setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            styler.setYAxisMax(max * 2);
        }
        styler.setYAxisDecimalPattern(log ? "0.#####" : "0.0#");
        styler.setLabelsVisible(true);
        styler.setLabelsRotation(90);
        styler.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLabelsFontColorAutomaticEnabled(false);
        styler.setLabelsFontColor(Color.BLACK);
        styler.setLabelsPosition(0.9);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(220, 220, 220));
        styler.setDecimalPattern("0.####");
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

    /** Writes the chart as PNG to {@code file} (".png" is added when missing, as XChart does). */
    public static Path save(TuneReport report, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        String name = file.toString();
        String prefix = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(build(report), prefix, BitmapEncoder.BitmapFormat.PNG);
        return Path.of(prefix + ".png");
    }
}
