package dev.widescan.sigma;

import java.nio.file.Path;

/**
 * A rule that widescan cannot load: malformed, or using a construct it does not support. The message
 * names the file, the line, and (when known) the selection, field and modifier; {@link #category()} is a
 * short stable text used to group skipped rules in the load tally (for example
 * {@code "unsupported modifier 'cidr'"}).
 */
public final class SigmaRuleException extends RuntimeException {
    private final transient Path path;
    private final int line;
    private final String category;

    public SigmaRuleException(Path path, int line, String category, String message) {
        super(location(path, line) + message);
        this.path = path;
        this.line = line;
        this.category = category;
    }

    private static String location(Path path, int line) {
        if (path == null) {
            return "";
        }
        return line > 0 ? path + ":" + line + ": " : path + ": ";
    }

    /** The rule file, or null for rules built from text without a file. */
    public Path path() {
        return path;
    }

    /** 1-based line of the construct, or 0 when unknown. */
    public int line() {
        return line;
    }

    public String category() {
        return category;
    }

    /**
     * The message as a user sees it (CLI and Spark job alike): with a hint to {@code --skip-unsupported}
     * where that option would skip the rule (not for a missing path or two rules with one id, which it
     * does not skip, nor for a rules folder that cannot be listed).
     */
    public String messageForUser() {
        String m = getMessage();
        if (category.equals("missing path") || category.equals("duplicate rule id") || category.equals(RuleLoader.UNLISTABLE_FOLDER)
                || m.contains("--skip-unsupported")) {
            return m;
        }
        return m + " (use --skip-unsupported to skip such rules)";
    }
}
