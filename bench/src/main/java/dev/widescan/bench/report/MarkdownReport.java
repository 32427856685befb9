package dev.widescan.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Markdown page that goes next to a result file: what was run, where, under what load, the chart,
 * and the table of numbers the chart is drawn from (so every bar can be checked and quoted).
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(ThroughputTable table, List<JmhResult> results, RunContext run, MachineInfo machine) {
        StringBuilder md = new StringBuilder();
        md.append("# widescan JMH results: ").append(run.name()).append("\n\n");
        md.append("![GB/s of UTF-16 input per strategy](").append(run.name()).append(".png)\n\n");
        JmhResult first = results.get(0);
        md.append("| | |\n|---|---|\n");
        md.append("| Command | `").append(run.command().replace("|", "\\|")).append("` |\n");
        md.append("| Date | ").append(run.date()).append(" |\n");
        md.append("| JDK | ").append(first.jdkVersion()).append(" (").append(first.vmVersion()).append(") |\n");
        md.append("| CPU | ").append(machine.cpuModel()).append(", ").append(machine.logicalCpus()).append(" logical CPUs |\n");
        md.append("| Vector species | ").append(machine.vectorSpecies()).append(" (ByteVector.SPECIES_PREFERRED) |\n");
        md.append("| JVM flags | `").append(String.join(" ", first.jvmArgs())).append("` |\n");
        md.append("| JMH | ").append(first.forks()).append(" forks × ").append(first.measurementIterations())
                .append(" measurement iterations per row |\n");
        md.append("| Load average (1/5/15 min) | before: ").append(orUnknown(run.loadBefore())).append("; after: ")
                .append(orUnknown(run.loadAfter())).append(" — ")
                .append(run.loaded() ? "**loaded machine** (shared with other jobs; figures are pessimistic and noisy)"
                        : "quiet machine (1-minute load < " + RunContext.QUIET_LOAD + ")")
                .append(" |\n");
        md.append("| Raw data | [").append(run.name()).append(".json](").append(run.name()).append(".json) |\n\n");

        md.append("GB/s = 10^9 bytes of UTF-16 input per second (2 bytes per code unit), the median over all forks × ")
                .append("iterations of the benchmark's `bytes` counter; *range* is the slowest and fastest of those samples. ")
                .append("*× naive* and *× limit* divide medians taken in this same run: by the `naive` strategy and by the ")
                .append("memory-read limit (plain vector loads over the same column) of the same parameters.\n\n");

        List<String> params = Labels.parameterNames(table.groups());
        boolean gc = table.groups().stream().flatMap(g -> g.rows().stream()).anyMatch(r -> !Double.isNaN(r.allocBytesPerOp()));
        boolean manyBenchmarks = table.groups().stream().map(ThroughputGroup::benchmark).distinct().count() > 1;
        List<String> header = new ArrayList<>();
        if (manyBenchmarks) {
            header.add("benchmark");
        }
        header.addAll(params);
        header.addAll(List.of("strategy", "GB/s", "range GB/s", "M events/s", "× naive", "× limit"));
        if (gc) {
            header.addAll(List.of("alloc B/op", "alloc B/event"));
        }
        header.add("samples");
        md.append("## Throughput\n\n");
        row(md, header);
        row(md, header.stream().map(h -> h.startsWith("GB") || h.startsWith("range") || h.startsWith("M ")
                || h.startsWith("×") || h.startsWith("alloc") || h.equals("samples") ? "---:" : "---").toList());
        for (ThroughputGroup g : table.groups()) {
            for (ThroughputRow r : g.rows()) {
                List<String> cells = new ArrayList<>();
                if (manyBenchmarks) {
                    cells.add(g.benchmark());
                }
                for (String p : params) {
                    String v = g.combination().get(p);
                    cells.add(v == null ? "" : Labels.parameterValue(p, v));
                }
                cells.add(r.limit() ? "*" + r.strategy() + "*" : "`" + r.strategy() + "`");
                cells.add(Labels.rate(r.gigabytesPerSecond()));
                cells.add(Labels.rate(r.minGigabytesPerSecond()) + "–" + Labels.rate(r.maxGigabytesPerSecond()));
                cells.add(Labels.millions(r.eventsPerSecond()));
                cells.add(Labels.ratio(r.vsNaive()));
                cells.add(Labels.ratio(r.vsLimit()));
                if (gc) {
                    cells.add(Labels.bytes(r.allocBytesPerOp()));
                    cells.add(Labels.bytes(r.allocBytesPerEvent()));
                }
                cells.add(Integer.toString(r.samples()));
                row(md, cells);
            }
        }
        md.append('\n');
        if (gc) {
            md.append("Allocation (`-prof gc`): `gc.alloc.rate.norm` median, bytes per benchmark operation (one scan of the ")
                    .append("whole column) and per event. The target is ≈ 0 for every strategy but `naive`.\n\n");
        }

        md.append("## Best strategy per combination\n\n");
        for (ThroughputGroup g : table.groups()) {
            g.best().ifPresent(best -> md.append("- ").append(Labels.groupLabel(g, table.groups())).append(": `")
                    .append(best.strategy()).append("` ").append(Labels.rate(best.gigabytesPerSecond())).append(" GB/s = ")
                    .append(Labels.ratio(best.vsNaive())).append(" naive, ").append(Labels.ratio(best.vsLimit()))
                    .append(" memory-read limit\n"));
        }
        md.append('\n');

        if (!table.others().isEmpty()) {
            md.append("## Other results (no `bytes` counter, shown as JMH reports them)\n\n");
            row(md, List.of("benchmark", "params", "median", "range", "unit", "samples"));
            row(md, List.of("---", "---", "---:", "---:", "---", "---:"));
            for (JmhResult r : table.others()) {
                List<String> kv = new ArrayList<>();
                for (Map.Entry<String, String> e : r.params().entrySet()) {
                    kv.add(e.getKey() + "=" + e.getValue());
                }
                JmhMetric m = r.primary();
                row(md, List.of(r.shortName(), String.join(", ", kv), Labels.rate(m.median()),
                        Labels.rate(m.min()) + "–" + Labels.rate(m.max()), m.unit(), Integer.toString(m.sampleCount())));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "unknown" : s.strip();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }
}
