package dev.widescan.cli;

import dev.widescan.match.KernelPreWarm;
import dev.widescan.match.MatcherFactory;
import dev.widescan.match.TeddyMatcher;
import dev.widescan.scan.Archive;
import dev.widescan.scan.ScanOptions;
import dev.widescan.scan.ScanStats;
import dev.widescan.scan.Scanner;
import dev.widescan.scan.StrategyProfile;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoadResult;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code widescan scan}. Unlike the other commands, its options are declared in code ({@link #spec}), not with
 * picocli's annotations: reading annotations makes the JDK generate a proxy class per annotation type and
 * picocli reflect over every field, ~50 ms of the main thread on a cold JVM (with the top command, which is
 * declared in code for the same reason), and the main thread's way to a scan's first block is the command's
 * start-up on small archives (bench/RESULTS.md §24). The help text, the parsing and the errors are the same.
 */
public final class ScanCommand implements Callable<Integer> {
    static final String NAME = "scan";

    /** Set by {@link #spec}. */
    CommandSpec spec;

    /** Where detections go without -o; tests in this package point it elsewhere. */
    OutputStream stdout;

    List<Path> rules;
    String strategy;
    Path profile;
    Integer threads;
    Path output;
    Path statsJson;
    boolean skipUnsupported;
    List<String> placeholders;
    boolean skipBad;
    boolean sorted;
    Boolean progress;
    boolean noVerify;
    List<Path> inputs;

    /** The command's picocli model, bound to {@code command}: what the annotations of the other commands declare. */
    static CommandSpec spec(ScanCommand command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
        spec.usageMessage().description(
                "Scans event files with Sigma rules on all cores; writes one JSON object per detection. "
                + "Each line: rule_id, rule_title, rule_author (and rule_license where the rule states one: the Detection "
                + "Rule License 1.1 of SigmaHQ's rules asks for the author beside every match), level, file, record "
                + "(0-based index in that file), event (its non-absent fields).",
                "Output order: by file then record with --sorted (the default); --no-sorted writes blocks as they finish "
                + "(same set of lines, lower latency). A summary goes to stderr at the end.",
                "Every column read is CRC32C-checked: the rules' columns in every block, all the others in blocks with "
                + "detections before their events are written. -o and --stats-json are written to a temporary file and "
                + "renamed at the end (an existing file is replaced only by a complete one); an output that is an input is "
                + "refused. A run that finds no event file to scan is a usage error (exit 2).")
                .footer(ExitCodes.HELP_FOOTER);
        WidescanCli.addStandardHelpOptions(spec);
        spec.addOption(OptionSpec.builder("-r", "--rules").required(true).paramLabel("RULES")
                .type(List.class).auxiliaryTypes(Path.class)
                .description("Sigma rule file or folder (searched recursively); repeatable.").build());
        spec.addOption(OptionSpec.builder("--strategy").defaultValue("auto").paramLabel("NAME").type(String.class)
                .converters(new StrategyConverter())
                .description("Matcher strategy: auto (the factory's choice per field) or a name from 'widescan strategies'. Default: ${DEFAULT-VALUE}.").build());
        spec.addOption(OptionSpec.builder("--profile").paramLabel("PROFILE.json").type(Path.class)
                .description("Per-field strategies measured by 'widescan tune' on these rules (same detections as auto; refused for other rules).").build());
        spec.addOption(OptionSpec.builder("--threads").paramLabel("N").type(Integer.class).converters(new ThreadsConverter())
                .description("Worker threads, 1.." + ThreadsConverter.MAX + ". Default: available cores.").build());
        spec.addOption(OptionSpec.builder("-o", "--output").paramLabel("OUT.jsonl").type(Path.class)
                .description("Write detections here instead of stdout ('-': stdout).").build());
        spec.addOption(OptionSpec.builder("--stats-json").paramLabel("PATH").type(Path.class)
                .description("Also write the summary as JSON to PATH.").build());
        spec.addOption(OptionSpec.builder("--skip-unsupported").type(boolean.class)
                .description("Skip (and count) rules using unsupported Sigma constructs instead of failing.").build());
        spec.addOption(OptionSpec.builder("--placeholder").paramLabel("NAME=VALUE").type(List.class).auxiliaryTypes(String.class)
                .description(PlaceholderOption.HELP).build());
        spec.addOption(OptionSpec.builder("--skip-bad").type(boolean.class)
                .description("Report and skip a corrupt event file or block instead of stopping; the others are scanned."
                        + " The summary lists what was skipped and the exit code is 5 (detections of skipped blocks are missing).").build());
        spec.addOption(OptionSpec.builder("--sorted").negatable(true).defaultValue("true").fallbackValue("true").type(boolean.class)
                .description("Order detections by file then record (default); --no-sorted writes them as blocks finish.").build());
        spec.addOption(OptionSpec.builder("--progress").negatable(true).type(Boolean.class)
                .description("Force (--progress) or suppress (--no-progress) the progress bar; default: shown when stderr is a terminal.").build());
        spec.addOption(OptionSpec.builder("--no-verify").type(boolean.class)
                .description("Skip every CRC32C check (faster on trusted files). Gives up the guarantee that detections"
                        + " and their events come from undamaged bytes: a flipped bit can then change, add or drop detections silently.").build());
        spec.addPositional(PositionalParamSpec.builder().arity("1..*").required(true).paramLabel("FILES_OR_DIRS").type(List.class).auxiliaryTypes(Path.class)
                .description("Event files, or folders searched recursively for *.wsev files.").build());
        command.spec = spec;
        return spec;
    }

    /** Copies the parsed values (or their defaults) from the model into the fields {@link #call} reads. */
    private void readOptions() {
        rules = spec.findOption("--rules").getValue();
        strategy = spec.findOption("--strategy").getValue();
        profile = spec.findOption("--profile").getValue();
        threads = spec.findOption("--threads").getValue();
        output = spec.findOption("--output").getValue();
        statsJson = spec.findOption("--stats-json").getValue();
        skipUnsupported = flag("--skip-unsupported");
        List<String> given = spec.findOption("--placeholder").getValue();
        placeholders = given == null ? new ArrayList<>() : given;
        skipBad = flag("--skip-bad");
        sorted = flag("--sorted");
        progress = spec.findOption("--progress").getValue();
        noVerify = flag("--no-verify");
        inputs = spec.positionalParameters().get(0).getValue();
    }

    /** A flag's value: false when neither given nor defaulted (picocli leaves an unset option's value null). */
    private boolean flag(String name) {
        return Boolean.TRUE.equals(spec.findOption(name).getValue());
    }

    /**
     * Called by {@code main} before picocli builds its model (~0.1 s of a cold start): when the command is
     * {@code scan} with a strategy that may run the Teddy kernel, starts {@link KernelPreWarm} at once, so
     * that C2 compiles the kernel before the rule loader's own hot methods fill its queue. Returns the
     * warm-up thread, or null when none was started.
     */
    static Thread warmUpEarly(String[] args) {
        if (args.length == 0 || !args[0].equals("scan")) {
            return null;
        }
        String strategy = MatcherFactory.AUTO;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--strategy") && i + 1 < args.length) {
                strategy = args[i + 1];
            } else if (args[i].startsWith("--strategy=")) {
                strategy = args[i].substring("--strategy=".length());
            }
        }
        return mayRunTeddy(strategy) ? KernelPreWarm.startInBackground() : null;
    }

    /**
     * Called by {@code main} with {@link #warmUpEarly}: for {@code scan}, does the scan's first-use work
     * ({@link Scanner#prepareFirstUse}: native-call stubs, case-folding tables) on a daemon thread while
     * picocli and the rules load, instead of on the main thread between the rules and the first block.
     * Returns that thread, or null when the command is not {@code scan}.
     */
    static Thread prepareEarly(String[] args) {
        if (args.length == 0 || !args[0].equals("scan")) {
            return null;
        }
        return Thread.ofPlatform().daemon().name("widescan-scan-prepare").start(Scanner::prepareFirstUse);
    }

    /** Whether {@code strategy} (auto, or any form of teddy at this machine's width) may run the default Teddy kernel. */
    static boolean mayRunTeddy(String strategy) {
        return strategy.equals(MatcherFactory.AUTO) || strategy.equals(TeddyMatcher.NAME)
                || strategy.startsWith(TeddyMatcher.NAME + "+");
    }

    @Override
    public Integer call() throws IOException {
        readOptions();
        // C2 compiles the vector kernel while the rules load (started by main already; once per process)
        Thread warmUp = mayRunTeddy(strategy) ? KernelPreWarm.startInBackground() : null;
        PrintWriter err = spec.commandLine().getErr();
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new UsageException(p + ": no such file or directory");
            }
            if (!Files.isDirectory(p) && !Files.isRegularFile(p)) {
                throw new UsageException(p + ": is a " + AtomicOutput.kind(p)
                        + ", not a regular file: event files are memory-mapped (write it to a file with ingest first)");
            }
        }
        for (Path p : rules) {
            if (!Files.exists(p)) {
                throw new UsageException("rules " + p + ": no such file or directory");
            }
        }
        Archive.Found eventFiles = Archive.find(inputs, w -> err.println("widescan scan: warning: " + w));
        if (eventFiles.paths().isEmpty()) {
            throw new UsageException("nothing to scan: no event file (*" + Archive.EXTENSION + ") in " + inputs);
        }
        RuleLoadResult loaded = RuleLoader.load(rules, skipUnsupported, PlaceholderOption.values(placeholders));
        for (String w : loaded.warnings()) {
            err.println("widescan scan: warning: " + w);
        }
        if (!loaded.skipped().isEmpty()) {
            err.print(loaded.tally());
        }
        if (loaded.rules().isEmpty()) {
            throw new UsageException("no rule to scan with in " + rules);
        }
        CompiledRuleSet compiled = SigmaCompiler.compile(loaded.rules());
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        boolean showProgress = progress != null ? progress : Terminal.stderrIsTerminal();
        Scanner scanner;
        try {
            StrategyProfile tuned = profile == null ? null : StrategyProfile.read(profile);
            ScanOptions options = new ScanOptions(strategy, n, !noVerify, sorted, showProgress, skipBad, tuned);
            scanner = new Scanner(compiled, options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (output != null && output.toString().equals("-")) {
            output = null; // -o - : standard output, as without -o
        }
        List<Path> protectedInputs = new ArrayList<>(eventFiles.paths());
        protectedInputs.addAll(RuleLoader.ruleFiles(rules)); // a rules folder's files, not the folder alone
        if (profile != null) {
            protectedInputs.add(profile);
        }
        AtomicOutput.refuseSameFile(output, "-o", statsJson, "--stats-json");
        ScanStats stats;
        try (AtomicOutput detections = output == null ? null : AtomicOutput.prepare(output, "-o", protectedInputs, true);
             AtomicOutput statsOut = statsJson == null ? null : AtomicOutput.prepare(statsJson, "--stats-json", protectedInputs, true)) {
            if (statsOut != null) {
                // its temporary file is created now, as -o's is: a folder where none can be created is exit 4
                // before the scan, not after it (when -o's complete detections would be thrown away with it)
                statsOut.stream();
            }
            OutputStream out = detections != null ? detections.stream()
                    : new java.io.BufferedOutputStream(stdout != null ? AtomicOutput.guard(stdout, "standard output") : AtomicOutput.stdout(), 1 << 16);
            try (Archive archive = Archive.open(eventFiles, skipBad, Math.max(n, Archive.MIN_OPENERS))) {
                err.flush();
                KernelPreWarm.await(warmUp); // the kernel's compile, begun there, ends before the first block
                stats = scanner.scan(archive, out, System.err);
            }
            out.flush();
            if (statsOut != null) {
                statsOut.stream().write(stats.toJson().getBytes(StandardCharsets.UTF_8));
                statsOut.commit();
            }
            if (detections != null) {
                detections.commit();
            }
        }
        err.print(stats.summary());
        err.flush();
        return stats.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.SKIPPED_BAD_INPUT;
    }
}
