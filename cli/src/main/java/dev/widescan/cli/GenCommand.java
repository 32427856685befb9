package dev.widescan.cli;

import dev.widescan.corpus.CorpusGenerator;
import dev.widescan.corpus.ExpectedSidecar;
import dev.widescan.corpus.GenerationSummary;
import dev.widescan.corpus.GeneratorSettings;
import dev.widescan.corpus.Profile;
import dev.widescan.corpus.SeedRule;
import dev.widescan.format.EventFileWriter;
import dev.widescan.ingest.EventJson;
import dev.widescan.sigma.RuleLoadResult;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaRule;
import java.io.IOException;
import java.io.OutputStream;
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

/** {@code widescan gen}: a realistic archive of process-creation events with a known set of detections. */
@Command(name = "gen",
        mixinStandardHelpOptions = true,
        description = {
            "Generates N realistic Windows process-creation events (Sysmon 1 and Security 4688) "
            + "into an event file, or JSONL with --jsonl; the same seed gives the same bytes. "
            + "A fraction --hit-rate of events gets a CommandLine literal of the rules spliced in "
            + "(random place, random case) and is verified to match; background events are verified "
            + "to match no rule. With the seed rule, filter cases it must NOT report (MpCmdRun, "
            + "CompatTelRunner children) are added at hit-rate/10. The ground truth (detected "
            + "events, per rule, optionally every record) goes to OUT.expected.json.",
            "",
            "Profiles:",
            "  realistic  lengths of real telemetry: median 55, mean 131, p90 145, p99 1,532",
            "             code units, max 32,767; mostly ASCII",
            "  unicode    as realistic, 20%% of events with non-ASCII user names, paths and",
            "             arguments (Cyrillic, CJK, accented Latin, emoji as surrogate pairs)",
            "  long       every command line 30,000..32,767 code units (the Windows limit)",
            ""},
        footer = ExitCodes.HELP_FOOTER)
public final class GenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "File to write (replaced only once complete: written to a temporary file, then renamed); the sidecar is OUT.expected.json.")
    Path output;

    @Option(names = {"-n", "--events"}, required = true, paramLabel = "N", description = "Number of events.")
    long events;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hit-rate", paramLabel = "R", defaultValue = "0.001",
            description = "Fraction of events that rules detect, 0..1 (default: ${DEFAULT-VALUE}).")
    double hitRate;

    @Option(names = {"-r", "--rules"}, arity = "1..*", paramLabel = "RULES",
            description = "Sigma rule files or folders (default: the bundled seed rule ba3f5c1b).")
    List<Path> rules;

    @Option(names = "--skip-unsupported", description = "Skip rules widescan cannot load instead of stopping.")
    boolean skipUnsupported;

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = PlaceholderOption.HELP)
    List<String> placeholders = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "P", defaultValue = "realistic",
            description = "realistic, unicode or long (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--jsonl", description = "Write JSON Lines (Sysmon field names) instead of an event file.")
    boolean jsonl;

    @Option(names = "--expected-records", description = "List every detected record (index and rule ids) in the sidecar.")
    boolean expectedRecords;

    @Override
    public Integer call() throws IOException {
        Profile p = Profile.parse(profile);
        if (p == null) {
            throw new UsageException("unknown --profile '" + profile + "': use realistic, unicode or long");
        }
        GeneratorSettings settings;
        try {
            settings = new GeneratorSettings(events, seed, hitRate, p, expectedRecords);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<SigmaRule> loaded = loadRules();
        CorpusGenerator generator;
        try {
            generator = new CorpusGenerator(settings, loaded);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path sidecarPath = ExpectedSidecar.pathFor(output);
        // a rules folder's files, not the folder alone: -o DIR/rule.yml with -r DIR must not replace the rule
        List<Path> ruleInputs = rules == null ? List.of() : RuleLoader.ruleFiles(rules);
        long started = System.nanoTime();
        GenerationSummary summary;
        // Both files go to temporary files renamed at the end: a kill leaves the previous pair (or none),
        // never a half-written archive; the sidecar is renamed first so a new archive never sits beside
        // an old sidecar.
        AtomicOutput.refuseSameFile(output, "-o", sidecarPath, "sidecar");
        try (AtomicOutput target = AtomicOutput.prepare(output, "-o", ruleInputs, jsonl);
             AtomicOutput sidecarTarget = AtomicOutput.prepare(sidecarPath, "sidecar", ruleInputs, true)) {
            try (ExpectedSidecar sidecar = ExpectedSidecar.create(sidecarTarget.path(), settings, loaded)) {
                summary = jsonl ? writeJsonl(generator, sidecar, target) : writeEventFile(generator, sidecar, target.path());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            sidecarTarget.commit();
            target.commit();
        } catch (IOException e) {
            // gen reads nothing but its rules (loaded above): every I/O failure here is on its outputs
            throw new OutputException("cannot write -o " + output + ": " + AtomicOutput.describe(e), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter err = spec.commandLine().getErr();
        long fileBytes = Files.size(output);
        err.println(String.format(Locale.ROOT,
                "widescan gen: wrote %,d events (%s, profile %s, seed %d) to %s: %,d bytes, %,.1f MB of UTF-16 values in %.2f s = %,.1f MB/s, %,.0f events/s",
                summary.events(), jsonl ? "JSONL" : "event file", p.cliName(), seed, output, fileBytes,
                summary.utf16Bytes() / 1e6, seconds, summary.utf16Bytes() / 1e6 / seconds, summary.events() / seconds));
        err.println(String.format(Locale.ROOT,
                "widescan gen: expected detections %,d (hit events %,d; filter cases %,d not detected; background redrawn %,d) -> %s",
                summary.detectedEvents(), summary.hitEvents(), summary.filterEvents(), summary.regenerated(), sidecarPath));
        if (!summary.rulesWithoutWitness().isEmpty()) {
            err.println("widescan gen: " + summary.rulesWithoutWitness().size()
                    + " rule(s) could not be hit by splicing a CommandLine literal (listed in the sidecar)");
        }
        err.flush();
        return ExitCodes.OK;
    }

    private List<SigmaRule> loadRules() {
        if (rules == null || rules.isEmpty()) {
            return List.of(SeedRule.load());
        }
        for (Path r : rules) {
            if (!Files.exists(r)) {
                throw new UsageException("rule file or folder not found: " + r);
            }
        }
        RuleLoadResult result = RuleLoader.load(rules, skipUnsupported, PlaceholderOption.values(placeholders)); // a bad rule: exit 2 through ExitCodeMapping
        for (String w : result.warnings()) {
            spec.commandLine().getErr().println("widescan gen: warning: " + w);
        }
        if (result.rules().isEmpty()) {
            throw new UsageException("no loadable process_creation rule in " + rules + (result.skipped().isEmpty() ? "" : " (" + result.tally() + ")"));
        }
        if (!result.skipped().isEmpty()) {
            spec.commandLine().getErr().println("widescan gen: " + result.tally());
        }
        return result.rules();
    }

    private GenerationSummary writeEventFile(CorpusGenerator generator, ExpectedSidecar sidecar, Path path) throws IOException {
        EventFileWriter writer = EventFileWriter.create(path);
        try {
            GenerationSummary s = generator.generate(writer::append, sidecar);
            writer.close();
            return s;
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
    }

    private GenerationSummary writeJsonl(CorpusGenerator generator, ExpectedSidecar sidecar, AtomicOutput target) throws IOException {
        OutputStream out = target.stream();
        try (EventJson json = new EventJson(out)) {
            GenerationSummary s = generator.generate(json::write, sidecar);
            json.flush();
            return s;
        }
    }
}
