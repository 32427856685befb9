package dev.widescan.spark;

import dev.widescan.match.Matcher;
import dev.widescan.match.MatcherFactory;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import dev.widescan.sigma.PlaceholderValues;
import dev.widescan.sigma.RuleLoadResult;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import dev.widescan.sigma.SigmaRule;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The rules of a detection scan as they travel to executors: the YAML text of every rule the driver
 * loaded (in load order), broadcast once per job.
 *
 * <p>Why texts and not the compiled set: the driver loads the rules with the engine's own loader (so
 * skip-unsupported, tallies and error messages are the CLI's), but executors cannot read the driver's
 * files, and the compiled set (matchers, programs, RE2/J regexes) is neither small nor meant to be
 * serialised. Each executor JVM re-parses the accepted texts and compiles them once per job (cached by
 * the texts' digest), then every task of that job on that executor shares the immutable compiled set.
 */
public final class RulePack implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Object LOCK = new Object();
    private static String cachedDigest;
    private static CompiledRuleSet cachedRules;
    private static String cachedStrategy;
    private static List<Matcher> cachedMatchers;
    private static CompiledRuleSet cachedMatchersFor;

    private final String[] sources;
    private final String[] texts;
    /** The {@code NAME=VALUE} placeholder entries the texts were loaded with ({@link PlaceholderValues}). */
    private final String[] placeholders;
    private final String digest;

    private RulePack(String[] sources, String[] texts, String[] placeholders) {
        this.sources = sources;
        this.texts = texts;
        this.placeholders = placeholders;
        this.digest = digest(sources, texts, placeholders);
    }

    /** Loads the rules on the driver (the CLI's loader and messages) and keeps the texts of those accepted. */
    public static RulePack load(List<String> ruleFiles, boolean skipUnsupported, List<String> placeholders,
                                RuleLoadResult[] resultOut) {
        List<Path> paths = new ArrayList<>();
        for (String r : ruleFiles) {
            paths.add(Path.of(r));
        }
        RuleLoadResult loaded = RuleLoader.load(paths, skipUnsupported, PlaceholderValues.parse(placeholders));
        if (resultOut != null && resultOut.length > 0) {
            resultOut[0] = loaded;
        }
        if (loaded.rules().isEmpty()) {
            throw new IllegalArgumentException("no rule to scan with in " + ruleFiles
                    + (loaded.skipped().isEmpty() ? "" : " (" + loaded.skipped().size() + " skipped)"));
        }
        String[] sources = new String[loaded.rules().size()];
        String[] texts = new String[sources.length];
        for (int i = 0; i < sources.length; i++) {
            SigmaRule rule = loaded.rules().get(i);
            sources[i] = rule.sourcePath().toString();
            try {
                texts[i] = Files.readString(rule.sourcePath(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot re-read rule " + rule.sourcePath() + ": " + e.getMessage(), e);
            }
        }
        return new RulePack(sources, texts, placeholders.toArray(new String[0]));
    }

    public int ruleCount() {
        return texts.length;
    }

    /** The compiled set, built once per JVM and rule pack. */
    public CompiledRuleSet compiled() {
        synchronized (LOCK) {
            if (!digest.equals(cachedDigest)) {
                List<SigmaRule> rules = new ArrayList<>(texts.length);
                Map<String, List<String>> values = PlaceholderValues.parse(List.of(placeholders));
                for (int i = 0; i < texts.length; i++) {
                    rules.add(RuleLoader.parse(texts[i], Path.of(sources[i]), values));
                }
                cachedRules = SigmaCompiler.compile(rules);
                cachedDigest = digest;
            }
            return cachedRules;
        }
    }

    /**
     * One matcher per field slot of {@link #compiled()} for {@code strategy}, built once per JVM (matchers
     * are immutable and shared by threads, as in the engine's Scanner). Throws IllegalArgumentException
     * naming an unknown strategy.
     */
    public List<Matcher> matchers(String strategy) {
        CompiledRuleSet rules = compiled();
        synchronized (LOCK) {
            if (cachedMatchers == null || !strategy.equals(cachedStrategy) || rules != cachedMatchersFor) {
                List<Matcher> ms = new ArrayList<>();
                for (FieldLiterals fl : rules.fieldLiterals()) {
                    ms.add(MatcherFactory.create(strategy, fl.literals()));
                }
                cachedMatchers = List.copyOf(ms);
                cachedStrategy = strategy;
                cachedMatchersFor = rules;
            }
            return cachedMatchers;
        }
    }

    private static String digest(String[] sources, String[] texts, String[] placeholders) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < texts.length; i++) {
                md.update(sources[i].getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(texts[i].getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            md.update((byte) 1); // the rules' values end here: a text cannot hold this byte after its NUL
            for (String p : placeholders) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
