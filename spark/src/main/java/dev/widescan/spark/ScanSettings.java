package dev.widescan.spark;

import dev.widescan.sigma.PlaceholderValues;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data source's options, parsed once on the driver. {@code paths} (or {@code path}): the inputs,
 * files or folders (searched recursively for {@code *.wsev}) or globs, on any Hadoop file system.
 * {@code rules}: Sigma rule files or folders on the driver's file system, separated by commas; when
 * present the source gives detections. {@code strategy} (default auto), {@code skip-unsupported}
 * (default false), {@code verify} (CRC32C of the columns read, default true), {@code map-local} (map
 * local files in place, default true; false copies block ranges like a remote file system would),
 * {@code placeholders} (a JSON array of {@code NAME=VALUE} strings: the values of {@code |expand}
 * placeholders, as the CLI's {@code --placeholder}; {@link PlaceholderValues}).
 */
public record ScanSettings(List<String> paths, List<String> rules, String strategy, boolean skipUnsupported, boolean verify,
                           boolean mapLocal, List<String> placeholders) implements Serializable {

    public static ScanSettings from(Map<String, String> options) {
        List<String> paths = new ArrayList<>();
        String one = get(options, "path");
        if (one != null) {
            paths.add(one);
        }
        String many = get(options, "paths");
        if (many != null) {
            // Spark's DataFrameReader.load(String...) passes the paths as a JSON array of strings.
            paths.addAll(JsonStrings.parseArray(many));
        }
        List<String> rules = new ArrayList<>();
        String r = get(options, "rules");
        if (r != null) {
            for (String part : r.split(",")) {
                if (!part.isBlank()) {
                    rules.add(part.trim());
                }
            }
        }
        String strategy = get(options, "strategy");
        String placeholders = get(options, "placeholders");
        List<String> entries = placeholders == null ? List.of() : JsonStrings.parseArray(placeholders, "placeholders");
        PlaceholderValues.parse(entries); // a malformed entry fails here, on the driver, naming it
        return new ScanSettings(List.copyOf(paths), List.copyOf(rules), strategy == null ? "auto" : strategy,
                bool(options, "skip-unsupported", false), bool(options, "verify", true), bool(options, "map-local", true),
                List.copyOf(entries));
    }

    public boolean detections() {
        return !rules.isEmpty();
    }

    private static String get(Map<String, String> options, String key) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean bool(Map<String, String> options, String key, boolean dflt) {
        String v = get(options, key);
        if (v == null) {
            return dflt;
        }
        if (v.equalsIgnoreCase("true") || v.isEmpty()) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("option " + key + " must be true or false, got '" + v + "'");
    }
}
