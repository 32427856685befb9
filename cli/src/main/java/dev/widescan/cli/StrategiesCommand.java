package dev.widescan.cli;

import dev.widescan.match.MatcherFactory;
import dev.widescan.match.StrategyInfo;
import dev.widescan.scan.StrategyProfile;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import dev.widescan.sigma.RuleLoadResult;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code widescan strategies}: the matcher strategies {@code --strategy} accepts, one a line. */
@Command(name = "strategies",
        mixinStandardHelpOptions = true,
        description = "List the matcher strategies (name first, then what it does); 'auto' picks one by the literal set's shape.",
        footer = ExitCodes.HELP_FOOTER)
public final class StrategiesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--explain", paramLabel = "RULES", arity = "1..*",
            description = "Sigma rule files or folders: print, per field the rules read, what 'auto' picks and why.")
    List<Path> explain;

    @Option(names = "--profile", paramLabel = "PROFILE.json",
            description = "With --explain: also show the strategy a 'widescan tune' profile chooses per field, beside auto's.")
    Path profile;

    @Option(names = "--skip-unsupported", description = "With --explain: skip rules using unsupported constructs instead of failing.")
    boolean skipUnsupported;

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = PlaceholderOption.HELP)
    List<String> placeholders = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (profile != null && explain == null) {
            throw new UsageException("--profile needs --explain RULES (the rules the profile was tuned for)");
        }
        if (explain != null) {
            return explain(out);
        }
        int width = 0;
        for (StrategyInfo info : MatcherFactory.strategies()) {
            width = Math.max(width, info.name().length());
        }
        for (StrategyInfo info : MatcherFactory.strategies()) {
            out.printf("%-" + width + "s  %s%n", info.name(), info.description());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int explain(PrintWriter out) {
        for (Path p : explain) {
            if (!Files.exists(p)) {
                throw new UsageException("rules " + p + ": no such file or directory");
            }
        }
        RuleLoadResult loaded = RuleLoader.load(explain, skipUnsupported, PlaceholderOption.values(placeholders));
        if (loaded.rules().isEmpty() && loaded.skipped().isEmpty()) {
            throw new UsageException("no rule file (*.yml, *.yaml) in " + explain);
        }
        for (String w : loaded.warnings()) {
            spec.commandLine().getErr().println("widescan strategies: warning: " + w);
        }
        CompiledRuleSet compiled = SigmaCompiler.compile(loaded.rules());
        StrategyProfile tuned = null;
        if (profile != null) {
            try {
                tuned = StrategyProfile.read(profile);
                tuned.checkFits(compiled);
                for (int slot = 0; slot < compiled.fieldLiterals().size(); slot++) {
                    tuned.matcher(slot, compiled.fieldLiterals().get(slot).literals()); // names a strategy that exists
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        out.printf("%d rules (%d skipped), %d literals on %d fields%n", loaded.rules().size(), loaded.skipped().size(),
                compiled.literalCount(), compiled.fieldLiterals().size());
        if (tuned != null) {
            out.printf("profile %s, tuned on: %s%n", profile, tuned.machine().isEmpty() ? "(machine not recorded)"
                    : tuned.machine().getOrDefault("cpu", "?") + ", " + tuned.machine().getOrDefault("vectorBits", "?")
                    + "-bit vectors, " + tuned.machine().getOrDefault("jdk", "?"));
            out.printf("%-18s %-22s %-28s %s%n", "field", "auto", "profile", "");
            List<FieldLiterals> slots = compiled.fieldLiterals();
            for (int i = 0; i < slots.size(); i++) {
                FieldLiterals fl = slots.get(i);
                String auto = MatcherFactory.pick(fl.literals());
                String chosen = tuned.entries().get(i).label();
                out.printf("%-18s %-22s %-28s %s%n", fl.field().name(), auto, chosen,
                        chosen.equals(auto) ? "same" : "differs (measured faster on the tuned sample)");
            }
            out.println();
        }
        for (FieldLiterals fl : compiled.fieldLiterals()) {
            out.printf("%-18s %s%n", fl.field().name(), MatcherFactory.explain(fl.literals()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
