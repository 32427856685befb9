package dev.widescan.sigma;

import com.google.re2j.Pattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What {@link RegexFactors} and {@link RegexNfa} make of a pattern, as one line of text (factors sorted,
 * since their order follows an unordered set; the NFA's arrays, class sets and required run), and the
 * pattern lists the golden tests run: the catalog's, the required-run test's, and seeded random
 * concatenations of syntax pieces that include what only one consumer accepts and what neither does.
 */
final class RegexSyntaxGolden {
    static final int[] FLAGS = {0, Pattern.CASE_INSENSITIVE, Pattern.DOTALL, Pattern.MULTILINE,
        Pattern.CASE_INSENSITIVE | Pattern.DOTALL};

    private static final String[] PIECES = {"a", "b", "k", "K", "s", "S", "-", " ", ":", "/", ".", "\\.", "\\+", "\\s", "\\S",
        "\\w", "\\W", "\\d", "\\D", "[ab]", "[^a]", "[a-c]", "[^\\\\]", "(ab)", "(?:a|b)", "(?:a|)", "(?i)", "(?i:ab)", "(?-i:k)",
        "^", "$", "\\b", "\\B", "\\x61", "\\x{41}", "\\x{2013}", "\\x{100}", "\\x{10000}", "\\x{D800}", "\\x-1", "\\x4",
        "\\Qa.\\E", "\\Qk", "\\E", "{", "}", "[]a]", "[^]a]", "\u212A", "é", "–", "[-/–]", "\uD83D", "(?s:.)", "(?m)", "(?m:^a$)",
        "\\A", "\\z", "[[:alpha:]]", "[[:x", "\\pL", "\\p{Greek}", "\\PL", "[\\pL]", "[\\p{L}-]", "x{2}", "b{1,3}", "(?:ab){2,}",
        "a*?", "k+", "s?", "[K-M]", "\\n", "\\t", "\\v", "\\a", "\\f", "\\r", "(?U)a+", "(?P<n>ab)", "(?<n>c)", "(?P<n", "(?imsU-i:x)",
        "(?", "(?x)", "(?i", ")", "(", "\\", "[", "[]", "\\1", "\\C", "\\0", "\\Z", "[\\d-z]", "[\\s-a]", "[\\w-]", "[a-\\d]",
        "[z-a]", "[a-\\x{100}]", "[\\x{100}-\\x{200}]", "[\\x41-\\x5A]", "[\\x{D800}]", "[\\uD800]", "[\\n-\\r]", "[\\--/]",
        "[a-z0-9_]", "[^\\s]", "[\\S\\d]", "[A-Za-z]", "[\\]]", "[\\^]", "[^-]", "[ -~]", "[\u00e0-\u00ff]", "\\{", "\\}",
        "a{2}{3}", "a**", "a+?", "a{1001}", "a{0,1001}", "a{3,}?", "{2}", "a{,2}", "a{2,1}", "a{99999}", "(a|b|c)", "||", "|",
        "(?:)", "()", "(((a)))", "(?i)(?-i)", "(?s)", "\\Q\\E", "\\Q*\\E", "\\Qab\\E*", "x{0}", "[a-a]", "[\\x00-\\x7F]", "\\x{}",
        "\\x{zz}", "0x", "rundll32", "https?://", "[0-9]{64}", "[a-fA-F0-9]{8}", ".{1000,}", ".*", ".+", "\\\\"};
    private static final String[] QUANTIFIERS = {"*", "+", "?", "{0,2}", "{1}", "{2,}", "*?", "{9}", "{3,12}", "{1001}", "**"};

    private RegexSyntaxGolden() {
    }

    /** The patterns of the golden test: the catalog's, required-run shapes, and {@code random} seeded concatenations. */
    static List<String> patterns(int random) {
        List<String> out = new ArrayList<>(RegexConfirmPropertiesTest.CATALOG);
        SplittableRandom rnd = new SplittableRandom(0x5EED_5A7AL);
        for (String cls : new String[] {"[a-fA-F0-9]", "\\w", "\\S", ".", "[^ ]", "[^\\\\]", "\\d", "(?s:.)", "[a-z\uDC00-\uDFFF]"}) {
            for (String rep : new String[] {"{8}", "{9,}", "{10,14}", "{7}"}) {
                out.add("\\s" + cls + rep + "x");
                out.add("(?:a|" + cls + rep + ")");
            }
        }
        while (out.size() < RegexConfirmPropertiesTest.CATALOG.size() + 72 + random) {
            StringBuilder p = new StringBuilder();
            int n = 1 + rnd.nextInt(7);
            for (int k = 0; k < n; k++) {
                p.append(PIECES[rnd.nextInt(PIECES.length)]);
                if (rnd.nextInt(4) == 0) {
                    p.append(QUANTIFIERS[rnd.nextInt(QUANTIFIERS.length)]);
                }
            }
            out.add(p.toString());
        }
        return out;
    }

    /** One line describing both consumers' answers for {@code regex} under every flag set of {@link #FLAGS}. */
    static String describe(String regex) {
        StringBuilder sb = new StringBuilder();
        List<String> factors = new ArrayList<>(RegexFactors.of(regex));
        factors.sort(null);
        sb.append("factors=").append(factors);
        for (int flags : FLAGS) {
            sb.append(" | ").append(flags).append(':').append(describe(RegexNfa.parse(regex, flags)));
        }
        return sb.toString();
    }

    static String describe(RegexNfa n) {
        if (n == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("size=").append(n.size).append(" start=").append(n.start).append(" min=").append(n.minimumLength());
        sb.append(" type=").append(Arrays.toString(Arrays.copyOf(n.type, n.size)));
        sb.append(" out1=").append(Arrays.toString(Arrays.copyOf(n.out1, n.size)));
        sb.append(" out2=").append(Arrays.toString(Arrays.copyOf(n.out2, n.size)));
        sb.append(" setOf=").append(Arrays.toString(Arrays.copyOf(n.setOf, n.size)));
        sb.append(" sets=");
        for (int[] s : n.sets) {
            sb.append(Arrays.toString(s));
        }
        sb.append(" run=").append(Arrays.toString(n.runSet)).append('x').append(n.runLength);
        return sb.toString();
    }

    /** Random patterns in the default golden test. */
    static final int RANDOM = 30_000;
    /** Patterns before this index get a golden line each; later ones one line per {@link #BLOCK}. */
    static final int SINGLE = RegexConfirmPropertiesTest.CATALOG.size() + 72;
    static final int BLOCK = 100;

    /**
     * The golden lines of {@code patterns} described by {@code describe}: "index hash" for each of the
     * first {@link #SINGLE} patterns, "first-last hash" for each block of {@link #BLOCK} after them.
     */
    static List<String> lines(List<String> patterns, int single, Function<String, String> describe) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < patterns.size() && k < single; k++) {
            out.add(k + " " + hash(describe.apply(patterns.get(k))));
        }
        for (int from = single; from < patterns.size(); from += BLOCK) {
            int to = Math.min(patterns.size(), from + BLOCK);
            StringBuilder sb = new StringBuilder();
            for (int k = from; k < to; k++) {
                sb.append(describe.apply(patterns.get(k))).append('\n');
            }
            out.add(from + "-" + (to - 1) + " " + hash(sb.toString()));
        }
        return out;
    }

    /** Every distinct {@code |re} pattern of the SigmaHQ rule folders under {@code sigma}, sorted. */
    static List<String> sharedPatterns(Path sigma) throws IOException {
        List<Path> folders = SharedSigmaTest.RULE_FOLDERS.stream().map(sigma::resolve).toList();
        TreeSet<String> out = new TreeSet<>();
        for (SigmaRule rule : RuleLoader.load(folders, true).rules()) {
            for (Selection s : rule.detection().selections().values()) {
                for (List<FieldMatch> alternative : s.alternatives()) {
                    for (FieldMatch m : alternative) {
                        for (ValueGroup g : m.values()) {
                            for (ValuePredicate v : g.anyOf()) {
                                if (v instanceof ValuePredicate.Regex r) {
                                    out.add(r.regex());
                                }
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    static void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    /** FNV-1a, 64 bits, as 16 hex digits: a golden line per pattern stays short. */
    static String hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < s.length(); k++) {
            h ^= s.charAt(k);
            h *= 0x100000001b3L;
        }
        return String.format("%016x", h);
    }
}
