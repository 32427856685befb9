package dev.widescan.bench.tools;

import dev.widescan.format.ColumnEncodings;
import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.scan.Archive;
import dev.widescan.scan.ScanOptions;
import dev.widescan.scan.ScanStats;
import dev.widescan.scan.Scanner;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The tools behind bench/RESULTS.md section 7 (format v3 sizes, page faults, threads), run with the
 * benchmarks jar on the class path: {@code java $(jvm flags) -cp bench/target/benchmarks.jar
 * dev.widescan.bench.tools.FormatExperiments COMMAND ...}.
 * <ul>
 *   <li>{@code reencode IN OUT PLAIN|DICTIONARY|COMPACT}: the same records with other column kinds (v1/v2/v3);</li>
 *   <li>{@code lines LINES.u8 OUT COPIES ENCODING}: every line of the peers workload's {@code cl.u8} as a
 *       Sysmon event with only CommandLine, EventID, Channel and Provider_Name, COPIES times;</li>
 *   <li>{@code warm FILE RULES ROUNDS}: scan passes over FILE in one JVM, 1 and 2 threads alternately,
 *       with the scan threads' CPU times and faults: thread scaling without the JIT warm-up.</li>
 * </ul>
 */
public final class FormatExperiments {
    private FormatExperiments() {
    }

    public static void main(String[] a) throws IOException {
        switch (a.length == 0 ? "" : a[0]) {
            case "reencode" -> reencode(Path.of(a[1]), Path.of(a[2]), ColumnEncodings.valueOf(a[3]));
            case "lines" -> lines(Path.of(a[1]), Path.of(a[2]), Integer.parseInt(a[3]), ColumnEncodings.valueOf(a[4]));
            case "warm" -> warm(Path.of(a[1]), Path.of(a[2]), Integer.parseInt(a[3]));
            default -> {
                System.err.println("usage: reencode IN OUT ENCODING | lines LINES.u8 OUT COPIES ENCODING | warm FILE RULES ROUNDS");
                System.exit(2);
            }
        }
    }

    private static void reencode(Path in, Path out, ColumnEncodings encodings) throws IOException {
        EventRecord r = new EventRecord();
        try (EventFile f = EventFile.open(in); EventFileWriter w = EventFileWriter.create(out, 4096, encodings)) {
            EventBlock b = null;
            for (int i = 0; i < f.blockCount(); i++) {
                b = f.readBlock(i, b);
                for (int k = 0; k < b.recordCount(); k++) {
                    b.readRecord(k, r);
                    w.append(r);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %,d bytes%n", out, Files.size(out));
    }

    private static void lines(Path lines, Path out, int copies, ColumnEncodings encodings) throws IOException {
        EventRecord r = new EventRecord().set(Field.EventID, "1").set(Field.Channel, "Microsoft-Windows-Sysmon/Operational")
                .set(Field.Provider_Name, "Microsoft-Windows-Sysmon");
        long n = 0;
        try (EventFileWriter w = EventFileWriter.create(out, 4096, encodings)) {
            for (int c = 0; c < copies; c++) {
                try (BufferedReader in = Files.newBufferedReader(lines, StandardCharsets.UTF_8)) {
                    for (String line; (line = in.readLine()) != null; n++) {
                        w.append(r.set(Field.CommandLine, line));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %,d records, %,d bytes%n", out, n, Files.size(out));
    }

    private static void warm(Path file, Path rules, int rounds) {
        CompiledRuleSet compiled = SigmaCompiler.compile(RuleLoader.load(List.of(rules), false).rules());
        for (int round = 0; round < rounds; round++) {
            for (int threads = 1; threads <= 2; threads++) {
                // An archive unmaps each file after its last block: a fresh one (and mapping) per pass.
                try (Archive archive = Archive.open(List.of(file))) {
                    ScanStats s = new Scanner(compiled, new ScanOptions("auto", threads, true, true, false))
                            .scan(archive, OutputStream.nullOutputStream(), System.err);
                    ScanStats.ThreadTimes t = s.threadTimes();
                    System.out.printf(Locale.ROOT, "round %d threads %d: wall %.2f s, %.2f GB/s, %d detections; %s%n", round, threads,
                            s.seconds(), s.gigabytesPerSecond(), s.detections(), t == null ? "no thread times"
                                    : String.format(Locale.ROOT, "user %.2f s, system %.2f s, %d minor faults, %d waits, %d preemptions",
                                            t.userSeconds(), t.systemSeconds(), t.minorFaults(), t.waits(), t.preemptions()));
                }
            }
        }
    }
}
