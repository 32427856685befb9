package dev.widescan.bench.report;

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
 * The grouped bar chart: one group of bars per parameter combination (usually per literal set), one bar
 * per strategy plus the memory-read limit, height = median GB/s of UTF-16 input. The naive baseline and
 * the limit are typically two orders of magnitude apart, so the Y axis turns logarithmic when the
 * spread exceeds {@value #LOG_SPREAD}×; otherwise the naive bars would be invisible slivers.
 */
public final class ThroughputChart {
    static final double LOG_SPREAD = 20;

    private ThroughputChart() {
    }

    /** Builds the chart; {@code title} goes on top. */
    public static CategoryChart build(ThroughputTable table, String title) {
        List<ThroughputGroup> groups = table.groups();
        List<String> categories = new ArrayList<>();
        for (ThroughputGroup g : groups) {
            categories.add(Labels.groupLabel(g, groups));
        }
        // The baseline first, the limit last: the eye reads the chart left to right as "from slowest yardstick to ceiling".
        Set<String> series = new LinkedHashSet<>();
        series.add(ThroughputTable.BASELINE);
        for (ThroughputGroup g : groups) {
            for (ThroughputRow r : g.rows()) {
                if (!r.limit()) {
                    series.add(r.strategy());
                }
            }
        }
        series.add(ThroughputTable.LIMIT_LABEL);
        series.removeIf(s -> groups.stream().noneMatch(g -> g.row(s).isPresent()));

        double min = Double.MAX_VALUE;
        double max = 0;
        for (ThroughputGroup g : groups) {
            for (ThroughputRow r : g.rows()) {
                double v = r.gigabytesPerSecond();
                if (v > 0 && !Double.isInfinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        boolean log = max > 0 && max / min > LOG_SPREAD;

        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 260 + 120 * categories.size() * series.size() / 2))
                .height(620).title(title).xAxisTitle("parameter combination")
                .yAxisTitle("GB/s of UTF-16 input (median of all forks x iterations)" + (log ? ", log scale" : ""))
                .build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setYAxisLogarithmic(log);
        if (log) {
            // Bar charts anchor the axis at zero, which a log axis cannot show: start at the decade below.
            styler.setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            styler.setYAxisMax(max * 2);
        }
        styler.setYAxisDecimalPattern(log ? "0.###" : "0.0#");
        styler.setLabelsVisible(true);
        styler.setLabelsRotation(90);
        styler.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLabelsFontColorAutomaticEnabled(false);
        styler.setLabelsFontColor(Color.BLACK);
        styler.setLabelsPosition(0.9);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(220, 220, 220));
        styler.setDecimalPattern("0.###");
        for (String s : series) {
            List<Double> values = new ArrayList<>();
            for (ThroughputGroup g : groups) {
                double v = g.row(s).map(ThroughputRow::gigabytesPerSecond).orElse(Double.NaN);
                // Zero and NaN bars cannot be drawn on a log axis; XChart skips null values.
                values.add(Double.isNaN(v) || v <= 0 ? null : v);
            }
            chart.addSeries(s, categories, values);
        }
        return chart;
    }

    /** Writes {@code <prefix>.png} (PNG, not SVG: XChart's SVGs are ~20x larger, and these get committed). */
    public static void save(CategoryChart chart, Path prefix) throws IOException {
        BitmapEncoder.saveBitmap(chart, prefix.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
