package dev.widescan.sigma;

import dev.widescan.format.TerminalText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads Sigma rules from files and folders (recursively: every {@code .yml}/{@code .yaml}, in path order).
 *
 * <p>Rules whose logsource is not Windows process creation are always skipped and reported. Any other
 * problem (malformed YAML, unsupported modifier, field outside the schema, placeholder without value)
 * throws a {@link SigmaRuleException} naming file, line, selection, field and modifier, unless
 * {@code skipUnsupported}, in which case the rule is skipped and counted with its reason.
 */
public final class RuleLoader {
    /** {@link SigmaRuleException#category()} of a rules folder that cannot be listed (not skippable: no rule was read). */
    static final String UNLISTABLE_FOLDER = "unreadable rule folder";

    private RuleLoader() {
    }

    public static RuleLoadResult load(List<Path> paths, boolean skipUnsupported) {
        return load(paths, skipUnsupported, Map.of());
    }

    /** {@code placeholders}: values for {@code |expand} placeholders by name (without the percent signs). */
    public static RuleLoadResult load(List<Path> paths, boolean skipUnsupported, Map<String, List<String>> placeholders) {
        List<SigmaRule> rules = new ArrayList<>();
        List<SkippedRule> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<Object, Path> filesSeen = new HashMap<>();
        Map<String, Path> fileById = new HashMap<>();
        Map<String, String> textById = new HashMap<>();
        int filesNamedTwice = 0;
        for (Path file : ruleFiles(paths)) {
            Path sameFile = filesSeen.putIfAbsent(identity(file), file);
            if (sameFile != null) {
                // a folder named twice repeats every file in it: name a few, count the rest (one line below)
                if (filesNamedTwice++ < NAMED_DUPLICATES) {
                    warnings.add("rule file " + file + " is the same file as " + sameFile + ": loaded once");
                }
                continue;
            }
            List<Node> docs;
            String text;
            try {
                text = YamlRuleFile.read(file);
                docs = YamlRuleFile.compose(text, file);
                if (docs.size() != 1) {
                    throw new SigmaRuleException(file, 0, docs.isEmpty() ? "empty file" : "multi-document file",
                            docs.isEmpty() ? "no YAML document" : "several YAML documents (Sigma rule collections are not supported)");
                }
            } catch (SigmaRuleException e) {
                skipOrThrow(e, null, skipUnsupported, skipped);
                continue;
            }
            Node doc = docs.get(0);
            SigmaRule rule;
            try {
                rule = RuleParser.parse(doc, file, placeholders);
            } catch (SigmaRuleException e) {
                skipOrThrow(e, doc, skipUnsupported, skipped);
                continue;
            }
            String id = rule.id();
            if (id != null && !id.isEmpty()) {
                Path first = fileById.putIfAbsent(id, file);
                if (first != null) {
                    if (!textById.get(id).equals(text)) {
                        throw new SigmaRuleException(file, 0, "duplicate rule id", "rule id " + id
                                + " is also the id of a different rule in " + first + " (two rules, one id: rename one)");
                    }
                    warnings.add("rule " + id + " in " + file + " is the same rule as in " + first + ": loaded once");
                    continue;
                }
                textById.put(id, text);
            }
            rules.add(rule);
            warnings.addAll(OutsideSchema.warnings(rule));
        }
        if (filesNamedTwice > NAMED_DUPLICATES) {
            warnings.add("... and " + (filesNamedTwice - NAMED_DUPLICATES) + " more rule files named twice (a folder given twice, or a"
                    + " folder and a file or subfolder in it): loaded once");
        }
        // printed on terminals by every command: rule ids, titles and file names shown as text (TerminalText)
        warnings.replaceAll(TerminalText::safe);
        return new RuleLoadResult(rules, skipped, warnings);
    }

    /** How many rule files named twice the warnings name one by one; the rest are counted in one line. */
    private static final int NAMED_DUPLICATES = 3;

    /** The file's identity (device and inode where available) so a file reached twice, or through a link, is loaded once. */
    private static Object identity(Path file) {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key != null ? key : file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static void skipOrThrow(SigmaRuleException e, Node doc, boolean skipUnsupported, List<SkippedRule> skipped) {
        boolean logsource = e.category().equals(RuleParser.LOGSOURCE_CATEGORY);
        if (!logsource && !skipUnsupported) {
            throw e;
        }
        String[] idTitle = doc == null ? new String[2] : RuleParser.identity(doc);
        skipped.add(new SkippedRule(e.path(), idTitle[0], idTitle[1], e.category(), e.getMessage()));
    }

    /** One rule from YAML text (tests, tools); {@code source} is only used in messages and may be null. */
    public static SigmaRule parse(String yaml, Path source) {
        return parse(yaml, source, Map.of());
    }

    public static SigmaRule parse(String yaml, Path source, Map<String, List<String>> placeholders) {
        List<Node> docs = YamlRuleFile.compose(yaml, source);
        if (docs.size() != 1) {
            throw new SigmaRuleException(source, 0, "multi-document file", "expected exactly one YAML document, found " + docs.size());
        }
        return RuleParser.parse(docs.get(0), source, placeholders);
    }

    /** A rules folder (or a folder in it) that cannot be read: a usage error like a missing rules path, not bad event data. */
    static SigmaRuleException unlistable(Path folder, IOException e) {
        return new SigmaRuleException(folder, 0, UNLISTABLE_FOLDER, "cannot list rule folder: " + dev.widescan.format.IoMessages.describe(e));
    }

    /** The rule files {@code paths} name: files as given, folders walked for .yml/.yaml (what {@link #load} reads). */
    public static List<Path> ruleFiles(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try {
                    for (Path f : dev.widescan.format.FolderWalk.entries(p)) { // links to folders followed
                        // any case (RULE.YML from a Windows share): an upper-case name was passed over in silence
                        String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                        if ((n.endsWith(".yml") || n.endsWith(".yaml")) && Files.isRegularFile(f)) {
                            files.add(f);
                        }
                    }
                } catch (IOException e) {
                    throw unlistable(p, e);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else if (Files.exists(p)) {
                // -r /dev/stdin, -r <(...): said "no such rule file or folder" of a path that exists
                throw new SigmaRuleException(p, 0, "missing path", "not a regular file (a device, FIFO or socket): rules are read"
                        + " from rule files and folders");
            } else {
                throw new SigmaRuleException(p, 0, "missing path", "no such rule file or folder");
            }
        }
        return files;
    }
}
