package dev.widescan.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.widescan.cli.GbpsBarChart;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;

/**
 * The grouped bar chart: one group of bars per parameter combination (usually per literal set), one bar
 * per strategy plus the memory-read limit, height = median GB/s of UTF-16 input. The naive baseline and
 * the limit are typically two orders of magnitude apart, so the Y axis turns logarithmic when the
 * spread exceeds {@link GbpsBarChart#LOG_SPREAD}× (the style of every throughput chart: {@link GbpsBarChart}).
 */
public final class ThroughputChart {

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
        CategoryChart chart = GbpsBarChart.create(Math.max(900, 260 + 120 * categories.size() * series.size() / 2),
                title, "parameter combination", "GB/s of UTF-16 input (median of all forks x iterations)", min, max);
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
