package dev.widescan.sigma;

import dev.widescan.format.Field;
import dev.widescan.match.LiteralSet;

/**
 * The one literal set the scanner runs on {@code field}: every distinct non-empty literal any rule needs
 * there (deduplicated across rules), each tagged with its kind and case sensitivity. Case-insensitive
 * literals are stored case-folded ({@link dev.widescan.text.CaseFolding}) so that equal literals dedupe.
 */
public record FieldLiterals(Field field, LiteralSet literals) {
}
