package dev.widescan.cli;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one style of widescan's throughput bar charts ({@code tune --chart} and the benchmark reports):
 * grouped bars of GB/s, values printed on the bars, white background, and a logarithmic Y axis when the
 * largest value is more than {@value #LOG_SPREAD}× the smallest, because the naive baseline and the fast
 * kernels are one or two orders of magnitude apart and would otherwise leave the slow bars as slivers.
 */
public final class GbpsBarChart {
    /** Above this max/min ratio the Y axis is logarithmic. */
    public static final double LOG_SPREAD = 20;

    private GbpsBarChart() {
    }

    /**
     * An empty chart styled for GB/s bars; {@code min} and {@code max} are the smallest positive and the
     * largest value that will be drawn. " , log scale" is appended to {@code yAxisTitle} when the axis is
     * logarithmic. Null values added later are skipped by XChart (a log axis cannot show zero).
     */
    public static CategoryChart create(int width, String title, String xAxisTitle, String yAxisTitle, double min, double max) {
        boolean log = max > 0 && max / min > LOG_SPREAD;
        CategoryChart chart = new CategoryChartBuilder().width(width).height(620).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle + (log ? ", log scale" : "")).build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setYAxisLogarithmic(log);
        if (log) {
            // Bar charts anchor the axis at zero, which a log axis cannot show: start at the decade below.
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
        return chart;
    }
}
