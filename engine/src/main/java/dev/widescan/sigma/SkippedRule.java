package dev.widescan.sigma;

import java.nio.file.Path;

/**
 * A rule file (or document) that was not loaded, and why.
 *
 * @param id       the rule's id when it could be read, else null
 * @param title    the rule's title when it could be read, else null
 * @param category short stable reason used to group the tally
 * @param reason   the full message: file, line, selection, field, modifier and what is wrong
 */
public record SkippedRule(Path path, String id, String title, String category, String reason) {
}
