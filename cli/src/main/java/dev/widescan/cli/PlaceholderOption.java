package dev.widescan.cli;

import dev.widescan.sigma.PlaceholderValues;
import java.util.List;
import java.util.Map;

/**
 * {@code --placeholder NAME=VALUE} on every command that loads rules: the values of Sigma's {@code |expand}
 * placeholders, parsed by the engine's {@link PlaceholderValues} (the Spark job's too); a malformed entry is
 * a usage error (exit 2).
 */
final class PlaceholderOption {
    static final String HELP = "Value of the Sigma placeholder %%NAME%% for |expand (e.g. userdomain=CONTOSO); repeatable,"
            + " a name given again adds a value. Rules with a placeholder no value is given for are refused.";

    private PlaceholderOption() {
    }

    static Map<String, List<String>> values(List<String> entries) {
        try {
            return PlaceholderValues.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage(), e);
        }
    }
}
