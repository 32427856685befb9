package dev.widescan.bench.catalog;

import dev.widescan.match.Literal;
import dev.widescan.match.LiteralKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of a literal set as a bench resource: one literal a line,
 * {@code KIND<TAB>CASE<TAB>TEXT}, with KIND one of {@code contains startswith endswith equals} (Sigma's
 * modifier names), CASE {@code i} (case-insensitive) or {@code c} ({@code |cased}), and '#' lines as
 * comments.
 *
 * <p>Why an escaped line format rather than raw text: catalog literals contain tabs, backslashes,
 * quotes, emoji and, in principle, line breaks and lone surrogates; a line format with
 * {@code \\ \t \n \r \\uXXXX} escapes keeps every one exact (a lone surrogate would otherwise turn into
 * '?' in UTF-8) while the file stays greppable. Only backslash, control characters and unpaired
 * surrogates are escaped; everything else is written as UTF-8 text.
 */
public final class LiteralFile {
    private LiteralFile() {
    }

    public static String line(Literal literal) {
        return kindName(literal.kind()) + '\t' + (literal.caseSensitive() ? 'c' : 'i') + '\t' + escape(literal.text());
    }

    public static List<Literal> read(Reader reader, String source) throws IOException {
        List<Literal> out = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        int lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            out.add(parse(line, source + ":" + lineNo));
        }
        return out;
    }

    static Literal parse(String line, String where) {
        int tab1 = line.indexOf('\t');
        int tab2 = tab1 < 0 ? -1 : line.indexOf('\t', tab1 + 1);
        if (tab2 < 0) {
            throw new IllegalArgumentException(where + ": expected KIND<TAB>CASE<TAB>TEXT, found '" + line + "'");
        }
        LiteralKind kind = switch (line.substring(0, tab1)) {
            case "contains" -> LiteralKind.CONTAINS;
            case "startswith" -> LiteralKind.STARTS_WITH;
            case "endswith" -> LiteralKind.ENDS_WITH;
            case "equals" -> LiteralKind.EQUALS;
            default -> throw new IllegalArgumentException(where + ": unknown kind '" + line.substring(0, tab1)
                    + "' (expected contains, startswith, endswith or equals)");
        };
        String caseFlag = line.substring(tab1 + 1, tab2);
        if (!caseFlag.equals("i") && !caseFlag.equals("c")) {
            throw new IllegalArgumentException(where + ": case flag must be 'i' or 'c', found '" + caseFlag + "'");
        }
        String text = unescape(line.substring(tab2 + 1), where);
        if (text.isEmpty()) {
            throw new IllegalArgumentException(where + ": empty literal text");
        }
        return new Literal(text, kind, caseFlag.equals("c"));
    }

    static String kindName(LiteralKind kind) {
        return kind.name().replace("_", "").toLowerCase(Locale.ROOT);
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (Character.isISOControl(c) || loneSurrogate(text, i)) {
                sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                sb.append(c);
                if (Character.isHighSurrogate(c)) {
                    sb.append(text.charAt(++i));
                }
            }
        }
        return sb.toString();
    }

    private static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c);
    }

    static String unescape(String s, String where) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new IllegalArgumentException(where + ": dangling backslash at the end of the literal");
            }
            char e = s.charAt(++i);
            switch (e) {
                case '\\' -> sb.append('\\');
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    if (i + 4 >= s.length()) {
                        throw new IllegalArgumentException(where + ": truncated \\u escape at column " + i);
                    }
                    try {
                        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException(where + ": bad \\u escape at column " + i);
                    }
                    i += 4;
                }
                default -> throw new IllegalArgumentException(where + ": unknown escape \\" + e + " at column " + i);
            }
        }
        return sb.toString();
    }
}
