package dev.widescan.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code expand} modifier: {@code %name%} placeholders replaced by the values the user supplied
 * (each a Sigma value, wildcards allowed); several placeholders give every combination. {@code \%} is a
 * plain percent sign. A placeholder without values is an error: the spec says a tool that cannot
 * resolve placeholders must reject the rule.
 */
final class PlaceholderExpansion {
    private PlaceholderExpansion() {
    }

    static List<String> expand(String raw, Map<String, List<String>> values, Function<String, RuntimeException> missing) {
        List<StringBuilder> out = new ArrayList<>();
        out.add(new StringBuilder());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '%') {
                out.forEach(sb -> sb.append('%'));
                i += 2;
                continue;
            }
            int close = c == '%' ? raw.indexOf('%', i + 1) : -1;
            if (close > i + 1) {
                String name = raw.substring(i + 1, close);
                List<String> subst = values.get(name);
                if (subst == null || subst.isEmpty()) {
                    throw missing.apply(name);
                }
                List<StringBuilder> next = new ArrayList<>(out.size() * subst.size());
                for (StringBuilder sb : out) {
                    for (String s : subst) {
                        next.add(new StringBuilder(sb).append(s));
                    }
                }
                out = next;
                i = close + 1;
                continue;
            }
            out.forEach(sb -> sb.append(c));
            i++;
        }
        return out.stream().map(StringBuilder::toString).toList();
    }
}
