package dev.widescan.bench.catalog;

import dev.widescan.format.Field;
import dev.widescan.match.Literal;
import dev.widescan.match.LiteralSet;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import dev.widescan.sigma.RuleLoadResult;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import dev.widescan.sigma.SigmaRuleException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build-time step (Maven profile {@code sigma-catalog}): loads the SigmaHQ process_creation catalog with
 * the engine's own loader and compiler, exactly as {@code widescan scan} would, and writes the compiled
 * CommandLine literal set (deduplicated, case-folded where case-insensitive) as bench resources:
 * {@value #ALL_FILE} and an evenly spread {@value #SUBSET_SIZE}-literal subset {@value #SUBSET_FILE}.
 *
 * <p>Why from the compiler and not by grepping YAML: the benchmark must scan the literal set the engine
 * really runs (after modifiers, wildcards split into literals, deduplication), not an approximation.
 * Why an even stride for the subset rather than the first 500: catalog order follows rule paths, so a
 * prefix would over-represent a few rule families.
 *
 * <pre>java FLAGS -cp ... dev.widescan.bench.catalog.CatalogLiteralExtractor SIGMA_ROOT OUT_DIR</pre>
 * SIGMA_ROOT is a SigmaHQ checkout; its {@value #RULE_FOLDERS_TEXT} folders that exist are loaded
 * (rules-placeholder is left out: its rules need site-specific placeholder values). Rules widescan
 * cannot run are skipped and counted, as with {@code --skip-unsupported}.
 */
public final class CatalogLiteralExtractor {
    static final String ALL_FILE = "catalog-commandline.txt";
    static final String SUBSET_FILE = "catalog-commandline-500.txt";
    static final int SUBSET_SIZE = 500;
    static final List<String> RULE_FOLDERS = List.of("rules", "rules-emerging-threats", "rules-threat-hunting");
    private static final String RULE_FOLDERS_TEXT = "rules, rules-emerging-threats, rules-threat-hunting";

    private CatalogLiteralExtractor() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: CatalogLiteralExtractor SIGMA_ROOT OUT_DIR");
            System.exit(2);
        }
        try {
            int[] counts = extract(Path.of(args[0]), Path.of(args[1]));
            System.out.println("catalog literals: " + counts[0] + " CommandLine literals from " + counts[1]
                    + " rules -> " + Path.of(args[1]).resolve(ALL_FILE) + " (and a " + SUBSET_SIZE + "-literal subset)");
        } catch (SigmaRuleException | IllegalArgumentException e) {
            System.err.println("CatalogLiteralExtractor: " + e.getMessage());
            System.exit(3);
        } catch (IOException e) {
            System.err.println("CatalogLiteralExtractor: cannot write into " + args[1] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Returns {CommandLine literal count, loaded rule count}. */
    static int[] extract(Path sigmaRoot, Path outDir) throws IOException {
        List<Path> folders = new ArrayList<>();
        for (String f : RULE_FOLDERS) {
            if (Files.isDirectory(sigmaRoot.resolve(f))) {
                folders.add(sigmaRoot.resolve(f));
            }
        }
        if (folders.isEmpty()) {
            throw new IllegalArgumentException(sigmaRoot + ": none of the rule folders " + RULE_FOLDERS_TEXT + " exists");
        }
        RuleLoadResult loaded = RuleLoader.load(folders, true);
        CompiledRuleSet compiled = SigmaCompiler.compile(loaded.rules());
        LiteralSet commandLine = null;
        for (FieldLiterals fl : compiled.fieldLiterals()) {
            if (fl.field() == Field.CommandLine) {
                commandLine = fl.literals();
            }
        }
        if (commandLine == null || commandLine.size() == 0) {
            throw new IllegalArgumentException(sigmaRoot + ": the " + loaded.rules().size()
                    + " loaded rules have no CommandLine literal");
        }
        String origin = "# SigmaHQ CommandLine literals compiled by widescan from " + folders.size() + " folder(s) of "
                + sigmaRoot.getFileName() + " (" + loaded.rules().size() + " rules loaded, " + loaded.skipped().size()
                + " skipped)";
        Files.createDirectories(outDir);
        List<Literal> all = commandLine.literals();
        write(outDir.resolve(ALL_FILE), origin, all);
        write(outDir.resolve(SUBSET_FILE), origin + "; the literals at indexes 0, " + stride(all.size()) + ", " + 2 * stride(all.size()) + ", ...", subset(all));
        return new int[] {all.size(), loaded.rules().size()};
    }

    static int stride(int size) {
        return Math.max(1, size / SUBSET_SIZE);
    }

    static List<Literal> subset(List<Literal> all) {
        List<Literal> out = new ArrayList<>(SUBSET_SIZE);
        for (int i = 0, step = stride(all.size()); i < all.size() && out.size() < SUBSET_SIZE; i += step) {
            out.add(all.get(i));
        }
        return out;
    }

    private static void write(Path file, String origin, List<Literal> literals) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(origin + "\n# " + literals.size() + " literals; format: KIND<TAB>CASE(i|c)<TAB>TEXT, see LiteralFile\n");
            for (Literal l : literals) {
                w.write(LiteralFile.line(l));
                w.write('\n');
            }
        }
    }
}
