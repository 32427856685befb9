package dev.widescan.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.widescan.format.Field;
import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import dev.widescan.sigma.RuleLoadResult;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import dev.widescan.sigma.SigmaRule;
import dev.widescan.sigma.SkippedRule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code widescan rules}: loads Sigma rules the way {@code scan} will, prints the load tally (loaded,
 * skipped by reason, each skipped rule with its reason) and what the compiled set asks of the scanner
 * (literals per field by kind, fields read, rules evaluated on every record).
 */
@Command(name = "rules",
        mixinStandardHelpOptions = true,
        description = "Load and compile Sigma rules; print the load tally and per-field literal counts.",
        footer = ExitCodes.HELP_FOOTER)
public final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--rules"}, required = true, paramLabel = "PATH",
            description = "Sigma rule file or folder (searched recursively for .yml/.yaml); repeatable.")
    List<Path> paths;

    @Option(names = "--skip-unsupported",
            description = "Skip (and count) rules using constructs widescan does not support, instead of failing.")
    boolean skipUnsupported;

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = PlaceholderOption.HELP)
    List<String> placeholders = new ArrayList<>();

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        // a rule that cannot be loaded propagates: ExitCodeMapping gives exit 2 and adds the --skip-unsupported
        // hint only where that option would skip it (not for a missing path or two rules with one id)
        RuleLoadResult loaded = RuleLoader.load(paths, skipUnsupported, PlaceholderOption.values(placeholders));
        if (loaded.rules().isEmpty() && loaded.skipped().isEmpty()) {
            // a folder without a single rule file (renamed, another extension): not a vacuous success
            throw new UsageException("no rule file (*.yml, *.yaml) in " + paths);
        }
        for (String w : loaded.warnings()) {
            spec.commandLine().getErr().println("widescan rules: warning: " + w);
        }
        CompiledRuleSet set = SigmaCompiler.compile(loaded.rules());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            writeJson(out, loaded, set);
        } else {
            writeText(out, loaded, set);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<LiteralKind, Integer> byKind(FieldLiterals fl) {
        Map<LiteralKind, Integer> counts = new EnumMap<>(LiteralKind.class);
        for (LiteralKind k : LiteralKind.values()) {
            counts.put(k, 0);
        }
        for (Literal l : fl.literals().literals()) {
            counts.merge(l.kind(), 1, Integer::sum);
        }
        return counts;
    }

    private static int cased(FieldLiterals fl) {
        int n = 0;
        for (Literal l : fl.literals().literals()) {
            n += l.caseSensitive() ? 1 : 0;
        }
        return n;
    }

    private static void writeText(PrintWriter out, RuleLoadResult loaded, CompiledRuleSet set) {
        out.print(loaded.tally());
        for (SkippedRule s : loaded.skipped()) {
            out.println("  skipped: " + dev.widescan.format.TerminalText.safe(s.reason()));
        }
        out.printf("literals: %d distinct over %d fields (matched); %d more asked on demand (at most 2 units, waking no rule)%n",
                set.literalCount(), set.fieldLiterals().size(), set.onDemandLiteralCount());
        out.printf("  %-18s %8s %8s %10s %8s %6s %6s%n", "field", "literals", "contains", "startswith", "endswith", "equals", "cased");
        for (FieldLiterals fl : set.fieldLiterals()) {
            Map<LiteralKind, Integer> k = byKind(fl);
            out.printf("  %-18s %8d %8d %10d %8d %6d %6d%n", fl.field(), fl.literals().size(), k.get(LiteralKind.CONTAINS),
                    k.get(LiteralKind.STARTS_WITH), k.get(LiteralKind.ENDS_WITH), k.get(LiteralKind.EQUALS), cased(fl));
        }
        StringBuilder fields = new StringBuilder();
        for (Field f : set.fieldsNeeded()) {
            fields.append(fields.isEmpty() ? "" : ", ").append(f);
        }
        out.println("fields read: " + set.fieldsNeeded().size() + " (" + fields + ")");
        CompiledRuleSet.RegexTally rx = set.regexTally();
        out.printf("regex checks: %d (%d gated by required factors; confirmed by the lazy DFA: %d, by RE2/J: %d)%n",
                rx.checks(), rx.gated(), rx.viaDfa(), rx.checks() - rx.viaDfa());
        for (String p : rx.viaRe2()) {
            out.println("  RE2/J: " + p);
        }
        out.println("rules evaluated on every record (no literal gate): " + set.alwaysEvaluatedRuleCount());
        for (Map.Entry<Integer, String> e : set.alwaysEvaluatedReasons().entrySet()) {
            SigmaRule r = set.rule(e.getKey());
            out.println("  " + r.id() + "  " + r.title() + ": " + e.getValue());
        }
    }

    private static void writeJson(PrintWriter out, RuleLoadResult loaded, CompiledRuleSet set) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            // Closing the generator must not close standard output: WidescanCli.execute would then find it
            // in error and exit 4 after a complete report.
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("loaded", loaded.rules().size());
            g.writeNumberField("skipped", loaded.skipped().size());
            g.writeObjectFieldStart("skippedByReason");
            for (Map.Entry<String, Integer> e : loaded.skippedByCategory().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("skippedRules");
            for (SkippedRule s : loaded.skipped()) {
                g.writeStartObject();
                g.writeStringField("path", String.valueOf(s.path()));
                g.writeStringField("id", s.id());
                g.writeStringField("title", s.title());
                g.writeStringField("category", s.category());
                g.writeStringField("reason", s.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("literals", set.literalCount());
            g.writeNumberField("literalsOnDemand", set.onDemandLiteralCount());
            g.writeArrayFieldStart("fields");
            for (FieldLiterals fl : set.fieldLiterals()) {
                Map<LiteralKind, Integer> k = byKind(fl);
                g.writeStartObject();
                g.writeStringField("field", fl.field().name());
                g.writeNumberField("literals", fl.literals().size());
                g.writeNumberField("contains", k.get(LiteralKind.CONTAINS));
                g.writeNumberField("startswith", k.get(LiteralKind.STARTS_WITH));
                g.writeNumberField("endswith", k.get(LiteralKind.ENDS_WITH));
                g.writeNumberField("equals", k.get(LiteralKind.EQUALS));
                g.writeNumberField("caseSensitive", cased(fl));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("fieldsRead");
            for (Field f : set.fieldsNeeded()) {
                g.writeString(f.name());
            }
            g.writeEndArray();
            CompiledRuleSet.RegexTally rx = set.regexTally();
            g.writeObjectFieldStart("regexChecks");
            g.writeNumberField("checks", rx.checks());
            g.writeNumberField("gatedByFactors", rx.gated());
            g.writeNumberField("confirmedByDfa", rx.viaDfa());
            g.writeArrayFieldStart("confirmedByRe2j");
            for (String p : rx.viaRe2()) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeNumberField("alwaysEvaluatedRules", set.alwaysEvaluatedRuleCount());
            g.writeArrayFieldStart("alwaysEvaluated");
            for (Map.Entry<Integer, String> e : set.alwaysEvaluatedReasons().entrySet()) {
                SigmaRule r = set.rule(e.getKey());
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("title", r.title());
                g.writeStringField("reason", e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }
}
