package dev.widescan.cli;

import dev.widescan.scan.Archive;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoadResult;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import dev.widescan.tune.SelfTestFailure;
import dev.widescan.tune.TuneProgress;
import dev.widescan.tune.TuneReport;
import dev.widescan.tune.Tuner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code widescan tune}: times every matcher strategy on the user's rules and a sample of their data; writes a profile. */
@Command(name = "tune",
        mixinStandardHelpOptions = true,
        description = {
            "Times every matcher strategy that can serve each field's literal set on a sample",
            "of blocks spread over the event files: one thread, warm-up until compiled, then",
            "rounds (median and spread, GB/s of the sample's UTF-16; dictionary-encoded",
            "columns over their distinct values, as the scan matches them). Checks that all",
            "strategies report the same hits (else exit 1: engine self-test failed, with",
            "field, block and value). Prints per field GB/s, ratio to auto's choice and the",
            "winner, with CPU, vector width and JDK. A field with no value in the sample",
            "is listed as not timed and keeps auto's choice (exit 0, even when no field",
            "could be timed). -o writes a profile for 'widescan scan --profile' (auto's",
            "detections; refused for other rules)."},
        footer = {"%nExit codes: 0 success, 1 internal error or engine self-test failed (the message",
            "names field, block and value), 2 usage error (bad option, rule file, profile),",
            "3 bad input data."})
public final class TuneCommand implements Callable<Integer> {
    /** A JVM up for less than this when the command starts was started for it. */
    private static final long FRESH_JVM_MILLIS = 10_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-r", "--rules"}, required = true, paramLabel = "RULES",
            description = "Sigma rule file or folder (searched recursively); repeatable.")
    List<Path> rules;

    @Option(names = "--skip-unsupported", description = "Skip (and count) rules using unsupported Sigma constructs instead of failing.")
    boolean skipUnsupported;

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = PlaceholderOption.HELP)
    List<String> placeholders = new ArrayList<>();

    @Option(names = "--sample-blocks", defaultValue = "32", paramLabel = "N",
            description = "Blocks to sample, spread evenly over all files. Default: ${DEFAULT-VALUE}.")
    int sampleBlocks;

    @Option(names = "--seconds", defaultValue = "60", paramLabel = "S",
            description = "Time budget of the whole run (sample read, every strategy's check, warm-up and rounds). Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = {"-o", "--output"}, paramLabel = "PROFILE.json", description = "Write the profile (field -> fastest strategy) here.")
    Path profileOut;

    @Option(names = "--json", description = "Print the report as JSON instead of the table.")
    boolean json;

    @Option(names = "--chart", paramLabel = "tune.png", description = "Also draw the GB/s per field and strategy as a PNG bar chart.")
    Path chart;

    @Option(names = "--progress", negatable = true,
            description = "Force (--progress) or suppress (--no-progress) the progress line; default: shown when stderr is a terminal.")
    Boolean progress;

    @Parameters(arity = "1..*", paramLabel = "FILES", description = "Event files, or folders searched recursively for *.wsev files.")
    List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        // The budget counts from the JVM's start when the JVM was started for this command (start-up and rule
        // loading are part of the user's --seconds); from now when it has run for a while (called in-process).
        long uptimeMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        long started = System.nanoTime() - (uptimeMillis < FRESH_JVM_MILLIS ? uptimeMillis * 1_000_000L : 0);
        PrintStream err = System.err;
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new UsageException(p + ": no such file or directory");
            }
            if (!Files.isDirectory(p) && !Files.isRegularFile(p)) {
                throw new UsageException(p + ": is a " + AtomicOutput.kind(p)
                        + ", not a regular file: event files are memory-mapped (write it to a file with ingest first)");
            }
        }
        if (Archive.resolve(inputs, w -> { }).isEmpty()) {
            throw new UsageException("nothing to tune: no event file (*" + Archive.EXTENSION + ") in " + inputs);
        }
        for (Path p : rules) {
            if (!Files.exists(p)) {
                throw new UsageException("rules " + p + ": no such file or directory");
            }
        }
        Tuner.Settings settings;
        try {
            settings = new Tuner.Settings(sampleBlocks, seconds, 1);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        // The outputs are checked before the (up to --seconds long) tuning: one naming an input is refused,
        // an unwritable one fails now; both are written whole or not at all (AtomicOutput).
        List<Path> protectedInputs = new java.util.ArrayList<>(Archive.resolve(inputs, w -> { }));
        protectedInputs.addAll(RuleLoader.ruleFiles(rules)); // a rules folder's files, not the folder alone
        AtomicOutput.refuseSameFile(profileOut, "-o", chart == null ? null : TuneChart.target(chart), "--chart");
        try (AtomicOutput profileTarget = profileOut == null ? null : AtomicOutput.prepare(profileOut, "-o", protectedInputs, true);
             AtomicOutput chartTarget = chart == null ? null : AtomicOutput.prepare(TuneChart.target(chart), "--chart", protectedInputs, true)) {
            return tune(err, started, settings, profileTarget, chartTarget);
        }
    }

    private int tune(PrintStream err, long started, Tuner.Settings settings, AtomicOutput profileTarget, AtomicOutput chartTarget)
            throws IOException {
        RuleLoadResult loaded = RuleLoader.load(rules, skipUnsupported, PlaceholderOption.values(placeholders));
        for (String w : loaded.warnings()) {
            err.println("widescan tune: warning: " + w);
        }
        if (!loaded.skipped().isEmpty()) {
            err.print(loaded.tally());
        }
        if (loaded.rules().isEmpty()) {
            throw new UsageException("no rule to tune with in " + rules);
        }
        CompiledRuleSet compiled = SigmaCompiler.compile(loaded.rules());
        boolean showProgress = progress != null ? progress : Terminal.stderrIsTerminal();
        TuneReport report;
        try (Archive archive = Archive.open(inputs)) {
            if (archive.totalBlocks() == 0) {
                throw new UsageException("nothing to tune: no event block to sample in " + inputs + " (the files hold no records)");
            }
            report = new Tuner().run(compiled, archive, settings, showProgress ? progressLine(err) : TuneProgress.NONE, started);
        } catch (SelfTestFailure e) {
            if (showProgress) {
                err.print("\r\033[K");
            }
            err.println("widescan tune: " + e.getMessage());
            err.flush();
            return ExitCodes.INTERNAL;
        }
        if (showProgress) {
            err.print("\r\033[K");
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            report.writeJson(out);
        } else {
            report.writeText(out);
        }
        out.flush();
        if (report.nothingTimed() != null) {
            err.println("widescan tune: " + report.nothingTimed()); // also on stderr: --json and a script see it
        }
        if (profileTarget != null) {
            java.io.Writer w = new java.io.OutputStreamWriter(profileTarget.stream(), java.nio.charset.StandardCharsets.UTF_8);
            report.toProfile(profileOut).write(w);
            w.flush();
            profileTarget.commit();
            err.println("widescan tune: wrote profile " + profileOut + " (use: widescan scan --profile " + profileOut + " -r ...)");
        }
        if (chartTarget != null) {
            TuneChart.write(report, chartTarget.stream());
            chartTarget.commit();
            err.println("widescan tune: wrote chart " + TuneChart.target(chart));
        }
        return ExitCodes.OK;
    }

    private static TuneProgress progressLine(PrintStream err) {
        return (field, strategy, done, total, secondsLeft) -> {
            err.print(String.format(Locale.ROOT, "\r\033[Ktune: %d/%d %s %s, %.0f s left", done, total, field, strategy, secondsLeft));
            err.flush();
        };
    }
}
