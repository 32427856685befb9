package dev.widescan.bench.tools;

import dev.widescan.scan.Archive;
import dev.widescan.scan.ScanOptions;
import dev.widescan.scan.ScanStats;
import dev.widescan.scan.Scanner;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The warm in-process figure of bench/RESULTS.md section 15: the whole SigmaHQ catalog scanned over one
 * event file N times in one JVM, exactly as {@code widescan scan} scans it (Scanner, detections written to
 * a file), printing each pass's events/s and the scan thread's CPU time; the median CPU time of the second
 * half is the per-event cost once the JIT is done, with output, and barely moved by other jobs on the
 * machine (they take wall time, not this thread's CPU time). Run with the benchmarks jar on the class path:
 * {@code java $(jvm flags) -cp bench/target/benchmarks.jar dev.widescan.bench.tools.WarmCatalogScan
 * SIGMA_DIR EVENT_FILE PASSES THREADS OUT}.
 */
public final class WarmCatalogScan {
    private WarmCatalogScan() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: WarmCatalogScan SIGMA_DIR EVENT_FILE PASSES THREADS OUT");
            System.exit(2);
        }
        Path sigma = Path.of(args[0]);
        List<Path> rules = List.of(sigma.resolve("rules"), sigma.resolve("rules-emerging-threats"),
                sigma.resolve("rules-threat-hunting"), sigma.resolve("rules-placeholder"));
        CompiledRuleSet compiled = SigmaCompiler.compile(RuleLoader.load(rules, true).rules());
        int passes = Integer.parseInt(args[2]);
        Scanner scanner = new Scanner(compiled, new ScanOptions("auto", Integer.parseInt(args[3]), true, true, false));
        double[] cpu = new double[passes];
        double[] eventsPerSecond = new double[passes];
        for (int i = 0; i < passes; i++) {
            try (Archive archive = Archive.open(List.of(Path.of(args[1])));
                 OutputStream out = new BufferedOutputStream(new FileOutputStream(args[4]), 1 << 16)) {
                ScanStats s = scanner.scan(archive, out, System.err);
                cpu[i] = s.threadTimes().userSeconds() + s.threadTimes().systemSeconds();
                eventsPerSecond[i] = s.eventsPerSecond();
                System.out.printf("pass %d: %.0f events/s, %.3f s, scan-thread CPU %.3f s, detections %d%n",
                        i, eventsPerSecond[i], s.seconds(), cpu[i], s.detections());
            }
        }
        double[] c = Arrays.copyOfRange(cpu, passes / 2, passes);
        double[] e = Arrays.copyOfRange(eventsPerSecond, passes / 2, passes);
        Arrays.sort(c);
        Arrays.sort(e);
        System.out.printf("second half: median %.0f events/s, median scan-thread CPU %.3f s%n", e[e.length / 2], c[c.length / 2]);
    }
}
