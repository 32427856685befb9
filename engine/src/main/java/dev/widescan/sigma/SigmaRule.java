package dev.widescan.sigma;

import java.nio.file.Path;
import java.util.List;

/**
 * One loaded Sigma rule: metadata for reports and its fully validated detection. Built only by
 * {@link RuleLoader}, so every rule that exists can be compiled and evaluated.
 *
 * @param id         the rule's {@code id}, or null when the file has none
 * @param sourcePath the file it came from
 * @param author     the rule's {@code author} (a list joined with ", "), or null: the Detection Rule License
 *                   1.1, under which SigmaHQ publishes, requires it beside every match shown with the rule
 * @param license    the rule's {@code license} when the file states one, else null
 */
public record SigmaRule(String id, String title, String level, String status, List<String> tags,
                        Logsource logsource, Path sourcePath, Detection detection, String author, String license) {
    public SigmaRule {
        tags = List.copyOf(tags);
    }

    /** {@code id} when present, else the title: how reports name a rule. */
    public String displayName() {
        return id != null ? id : title;
    }
}
