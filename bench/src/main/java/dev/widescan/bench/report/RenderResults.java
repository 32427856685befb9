package dev.widescan.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders one JMH JSON result file into {@code NAME.png} and {@code NAME.md} next to
 * it (or in {@code --out-dir}). Run by scripts/bench.sh after every suite:
 *
 * <pre>java FLAGS -cp bench/target/benchmarks.jar dev.widescan.bench.report.RenderResults RESULT.json
 *     [--name NAME] [--out-dir DIR] [--command "CMD"] [--load-before "L1 L5 L15"] [--load-after "..."]</pre>
 *
 * Exit codes: 0 rendered, 2 usage error, 3 unusable result file (message names file and place),
 * 1 the outputs could not be written.
 */
public final class RenderResults {
    private static final String USAGE = "usage: RenderResults RESULT.json [--name NAME] [--out-dir DIR] "
            + "[--command CMD] [--load-before LOAD] [--load-after LOAD]";

    private RenderResults() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Path json = null;
        String name = null;
        Path outDir = null;
        String command = "";
        String loadBefore = "";
        String loadAfter = "";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                if (i + 1 >= args.length) {
                    return usage("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--name" -> name = v;
                    case "--out-dir" -> outDir = Path.of(v);
                    case "--command" -> command = v;
                    case "--load-before" -> loadBefore = v;
                    case "--load-after" -> loadAfter = v;
                    default -> {
                        return usage("unknown option " + a);
                    }
                }
            } else if (json == null) {
                json = Path.of(a);
            } else {
                return usage("only one result file, got a second: " + a);
            }
        }
        if (json == null) {
            return usage("missing the JMH JSON result file");
        }
        if (name == null) {
            String file = json.getFileName().toString();
            name = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        }
        if (outDir == null) {
            outDir = json.toAbsolutePath().getParent();
        }
        List<JmhResult> results;
        ThroughputTable table;
        try {
            results = JmhJsonReader.read(json);
            table = ThroughputTable.of(results);
        } catch (ReportInputException | IllegalArgumentException e) {
            System.err.println("RenderResults: " + e.getMessage());
            return 3;
        }
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        RunContext run = new RunContext(name, command, date, loadBefore, loadAfter);
        try {
            Files.createDirectories(outDir);
            Path md = outDir.resolve(name + ".md");
            Files.writeString(md, MarkdownReport.render(table, results, run, MachineInfo.current()), StandardCharsets.UTF_8);
            if (!table.groups().isEmpty()) {
                ThroughputChart.save(ThroughputChart.build(table, "widescan matchers, " + name), outDir.resolve(name));
                System.out.println("wrote " + outDir.resolve(name + ".png"));
            }
            System.out.println("wrote " + md);
        } catch (IOException e) {
            System.err.println("RenderResults: cannot write the report into " + outDir + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("RenderResults: drawing the chart for " + json + " failed: " + e);
            return 1;
        }
        return 0;
    }

    private static int usage(String problem) {
        System.err.println("RenderResults: " + problem);
        System.err.println(USAGE);
        return 2;
    }
}
