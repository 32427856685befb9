package dev.widescan.cli;

import dev.widescan.scan.Archive;
import dev.widescan.scan.ScanOptions;
import dev.widescan.scan.ScanStats;
import dev.widescan.scan.Scanner;
import dev.widescan.scan.StrategyProfile;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoadResult;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Scans event files with Sigma rules on all cores; writes one JSON object per detection.",
            "Each line: rule_id, rule_title, level, file, record (0-based index in that file), event (its non-absent fields).",
            "Output order: by file then record with --sorted (the default); --unsorted writes blocks as they finish",
            "(same set of lines, lower latency). A summary goes to stderr at the end."},
        footer = ExitCodes.HELP_FOOTER)
public final class ScanCommand implements Callable<Integer> {

    @Option(names = {"-r", "--rules"}, required = true, paramLabel = "RULES",
            description = "Sigma rule file or folder (searched recursively); repeatable.")
    List<Path> rules;

    @Option(names = "--strategy", defaultValue = "auto", paramLabel = "NAME",
            description = "Matcher strategy: auto (the factory's choice per field) or a name from 'widescan strategies'. Default: ${DEFAULT-VALUE}.")
    String strategy;

    @Option(names = "--profile", paramLabel = "PROFILE.json",
            description = "Per-field strategies measured by 'widescan tune' on these rules (same detections as auto; refused for other rules).")
    Path profile;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: available cores.")
    Integer threads;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.jsonl", description = "Write detections here instead of stdout.")
    Path output;

    @Option(names = "--stats-json", paramLabel = "PATH", description = "Also write the summary as JSON to PATH.")
    Path statsJson;

    @Option(names = "--skip-unsupported", description = "Skip (and count) rules using unsupported Sigma constructs instead of failing.")
    boolean skipUnsupported;

    @Option(names = "--sorted", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Order detections by file then record (default); --no-sorted writes them as blocks finish.")
    boolean sorted;

    @Option(names = "--progress", negatable = true,
            description = "Force (--progress) or suppress (--no-progress) the progress bar; default: shown when stderr is a terminal.")
    Boolean progress;

    @Option(names = "--no-verify", description = "Skip the CRC32C check of the columns read (faster on trusted files).")
    boolean noVerify;

    @Parameters(arity = "1..*", paramLabel = "FILES_OR_DIRS", description = "Event files, or folders searched recursively for *.wsev files.")
    List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new UsageException(p + ": no such file or directory");
            }
        }
        for (Path p : rules) {
            if (!Files.exists(p)) {
                throw new UsageException("rules " + p + ": no such file or directory");
            }
        }
        RuleLoadResult loaded = RuleLoader.load(rules, skipUnsupported);
        if (!loaded.skipped().isEmpty()) {
            err.print(loaded.tally());
        }
        if (loaded.rules().isEmpty()) {
            throw new UsageException("no rule to scan with in " + rules);
        }
        CompiledRuleSet compiled = SigmaCompiler.compile(loaded.rules());
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new UsageException("--threads must be >= 1, got " + n);
        }
        boolean showProgress = progress != null ? progress : Terminal.stderrIsTerminal();
        Scanner scanner;
        try {
            StrategyProfile tuned = profile == null ? null : StrategyProfile.read(profile);
            ScanOptions options = new ScanOptions(strategy, n, !noVerify, sorted, showProgress, tuned);
            scanner = new Scanner(compiled, options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        ScanStats stats;
        try (Archive archive = Archive.open(inputs);
             OutputStream out = output == null ? new NonClosing(System.out) : Files.newOutputStream(output);
             OutputStream buffered = new BufferedOutputStream(out, 1 << 16)) {
            stats = scanner.scan(archive, buffered, err);
        }
        err.print(stats.summary());
        if (statsJson != null) {
            Files.writeString(statsJson, stats.toJson(), StandardCharsets.UTF_8);
        }
        return ExitCodes.OK;
    }

    /** Lets try-with-resources flush stdout without closing it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
