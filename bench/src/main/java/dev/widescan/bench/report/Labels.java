package dev.widescan.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Short labels and number formats shared by the chart and the table. A group's label shows only the
 * parameters that differ between the groups of the run (the literal set, usually), so that the chart's
 * categories stay readable; the table lists every parameter anyway.
 */
public final class Labels {
    /** Parameters in the order readers look for them; any others follow alphabetically. */
    private static final List<String> PREFERRED = List.of("literals", "profile", "hitRate");

    private Labels() {
    }

    /** The run's parameter names (strategy excluded), preferred ones first. */
    public static List<String> parameterNames(List<ThroughputGroup> groups) {
        Set<String> all = new java.util.TreeSet<>();
        Set<String> used = new java.util.HashSet<>();
        for (ThroughputGroup g : groups) {
            all.addAll(g.combination().keySet());
            g.combination().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    used.add(k);
                }
            });
        }
        // Parameters left at an empty default everywhere (e.g. MatcherBenchmark's data= for generated data) say nothing.
        all.retainAll(used);
        List<String> out = new ArrayList<>();
        for (String p : PREFERRED) {
            if (all.remove(p)) {
                out.add(p);
            }
        }
        out.addAll(all);
        return out;
    }

    public static String groupLabel(ThroughputGroup group, List<ThroughputGroup> groups) {
        List<String> names = parameterNames(groups);
        List<String> varying = new ArrayList<>();
        for (String name : names) {
            Set<String> values = new LinkedHashSet<>();
            for (ThroughputGroup g : groups) {
                values.add(g.combination().getOrDefault(name, "-"));
            }
            if (values.size() > 1) {
                varying.add(name);
            }
        }
        boolean manyBenchmarks = groups.stream().map(ThroughputGroup::benchmark).distinct().count() > 1;
        List<String> parts = new ArrayList<>();
        if (manyBenchmarks) {
            parts.add(group.benchmark());
        }
        for (String name : varying.isEmpty() ? names : varying) {
            String v = group.combination().get(name);
            if (v != null) {
                parts.add(parameterValue(name, v));
            }
        }
        return parts.isEmpty() ? group.benchmark() : String.join(" / ", parts);
    }

    /** Hit rates read better as percentages (0.001 becomes 0.1% hits). */
    public static String parameterValue(String name, String value) {
        if (name.equals("hitRate")) {
            try {
                return trimZeros(String.format(Locale.ROOT, "%.4f", Double.parseDouble(value) * 100)) + "% hits";
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    /** Three significant digits, never scientific notation: 0.187, 2.41, 15.9, 312. */
    public static String rate(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double a = Math.abs(value);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : a >= 0.01 ? "%.3f" : "%.2g";
        return String.format(Locale.ROOT, pattern, value);
    }

    public static String ratio(double value) {
        return Double.isNaN(value) ? "n/a" : rate(value) + "×";
    }

    /** Events per second in millions. */
    public static String millions(double value) {
        return Double.isNaN(value) ? "n/a" : rate(value / 1e6);
    }

    /** Allocation figures: whole bytes, with thousands separators. */
    public static String bytes(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 10 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String trimZeros(String s) {
        String t = s.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
