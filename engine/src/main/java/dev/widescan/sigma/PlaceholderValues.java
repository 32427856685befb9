package dev.widescan.sigma;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of Sigma's {@code |expand} placeholders ({@code %NAME%} in a rule, e.g. SigmaHQ's
 * {@code %userdomain%}) as users give them, {@code NAME=VALUE} entries, for {@link RuleLoader#load(List, boolean, Map)}:
 * the CLI's {@code --placeholder} and the Spark job's and data source's {@code placeholders}. Why users give
 * them: the Sigma specification leaves the values to the user's environment and says a tool that cannot
 * resolve a placeholder must reject the rule ({@link PlaceholderExpansion}). Repeating a name adds a value (a
 * value matches when any of them does); each value is a Sigma value (wildcards allowed).
 */
public final class PlaceholderValues {
    private PlaceholderValues() {
    }

    /**
     * The values by name, in the order given. Throws IllegalArgumentException naming a malformed entry (no
     * {@code =}, an empty name, percent signs or surrounding spaces in the name, an empty value: an unset
     * shell variable, {@code userdomain=$DOMAIN}, would make {@code |contains|expand} match every value).
     */
    public static Map<String, List<String>> parse(List<String> entries) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("placeholder '" + entry + "': expected NAME=VALUE, e.g. userdomain=CONTOSO");
            }
            String name = entry.substring(0, eq);
            if (name.indexOf('%') >= 0 || !name.strip().equals(name)) {
                throw new IllegalArgumentException("placeholder '" + entry + "': the name is written without percent signs"
                        + " or surrounding spaces (userdomain for %userdomain%)");
            }
            if (eq == entry.length() - 1) {
                throw new IllegalArgumentException("placeholder '" + entry + "': empty value (it would match every value"
                        + " with contains); give the value after '='");
            }
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(entry.substring(eq + 1));
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }
}
