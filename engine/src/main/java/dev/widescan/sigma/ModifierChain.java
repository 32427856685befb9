package dev.widescan.sigma;

import dev.widescan.format.Field;
import dev.widescan.match.LiteralKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns one {@code field|mod1|mod2: values} entry into a {@link FieldMatch}: checks the field against
 * the schema, the modifiers against what widescan supports, and applies the value-transforming
 * modifiers in the order written (the spec: "the value modifiers are applied in the given order").
 *
 * <p>Every refusal names file, line, selection, field and modifier, and carries a short category for
 * the load tally. Nothing is accepted that would silently never match.
 */
final class ModifierChain {
    private final Path path;
    private final String selection;
    private final String key;
    private final int line;
    private final Map<String, List<String>> placeholders;
    private final ValueBudget budget;

    private ModifierChain(Path path, String selection, String key, int line, Map<String, List<String>> placeholders,
                          ValueBudget budget) {
        this.budget = budget;
        this.path = path;
        this.selection = selection;
        this.key = key;
        this.line = line;
        this.placeholders = placeholders;
    }

    /** A map entry of a selection; {@code key} may have an empty field name (keywords with modifiers). */
    static FieldMatch entry(Path path, String selection, String key, Node valueNode, Map<String, List<String>> placeholders,
                            ValueBudget budget) {
        ModifierChain c = new ModifierChain(path, selection, key, YamlRuleFile.line(valueNode), placeholders, budget);
        return c.build(valueNode);
    }

    /** A field-less keyword list ({@code selection: [a, b]}): every value is searched in every field. */
    static FieldMatch keywords(Path path, String selection, Node valueNode, Map<String, List<String>> placeholders,
                               ValueBudget budget) {
        ModifierChain c = new ModifierChain(path, selection, "", YamlRuleFile.line(valueNode), placeholders, budget);
        return c.build(valueNode);
    }

    /**
     * Deepest nesting of groups a {@code |re} value may have (RE2's own parser stops at 1,000 levels of groups
     * and repetitions). RE2/J and the regex compilers simplify and walk a regex recursively: 3,000 nested groups
     * (or 1,500 repeated ones) overflowed the stack, exit 1 with a trace naming no file.
     */
    static final int MAX_REGEX_NESTING = 500;

    private SigmaRuleException tooDeep() {
        return fail("re", "regex nested too deeply", "regular expression with groups nested deeper than "
                + MAX_REGEX_NESTING + " levels");
    }

    /** How deep the groups of {@code regex} nest: parentheses outside character classes, escapes and {@code \Q...\E}. */
    static int regexNesting(String regex) {
        int depth = 0;
        int max = 0;
        int n = regex.length();
        for (int i = 0; i < n; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && regex.charAt(i + 1) == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    i = end < 0 ? n : end + 1;
                } else {
                    i++;
                }
            } else if (c == '[') {
                int j = i + 1;
                if (j < n && regex.charAt(j) == '^') {
                    j++;
                }
                if (j < n && regex.charAt(j) == ']') {
                    j++; // a ']' first in a class is a literal
                }
                while (j < n && regex.charAt(j) != ']') {
                    j += regex.charAt(j) == '\\' ? 2 : 1;
                }
                i = j;
            } else if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')' && depth > 0) {
                depth--;
            }
        }
        return max;
    }

    private SigmaRuleException fail(String modifier, String category, String message) {
        StringBuilder where = new StringBuilder("selection '").append(selection).append('\'');
        String fieldName = fieldName();
        where.append(fieldName.isEmpty() ? ", keywords" : ", field '" + fieldName + "'");
        if (modifier != null) {
            where.append(", modifier '").append(modifier).append('\'');
        }
        return new SigmaRuleException(path, line, category, where + ": " + message);
    }

    private SigmaRuleException tooMany(String modifier) {
        return fail(modifier, "too many values", "the rule expands to more than " + ValueBudget.MAX_VALUES_PER_RULE
                + " values (list items, aliases, windash, base64offset and expand forms all count; limit: docs/LIMITS.md)");
    }

    private String fieldName() {
        int bar = key.indexOf('|');
        return bar < 0 ? key : key.substring(0, bar);
    }

    private FieldMatch build(Node valueNode) {
        String fieldName = fieldName();
        boolean keyword = fieldName.isEmpty();
        // a field outside the schema is absent from every event (FieldMatch): its entry is parsed and
        // checked as any other, and answers as on an absent value
        Field field = keyword ? null : Field.byName(fieldName);
        String outside = keyword || field != null ? null : fieldName;
        Field meant = outside == null ? null : OutsideSchema.likelyMeant(outside);
        if (meant != null) {
            throw fail(null, "field '" + fieldName + "' not in the event schema", "field '" + fieldName
                    + "' is not in widescan's event schema (format.Field): did you mean '" + meant + "'? (field names are case-sensitive)");
        }
        List<String> mods = key.indexOf('|') < 0 ? List.of() : List.of(key.substring(key.indexOf('|') + 1).split("\\|", -1));
        Flags f = classify(mods, keyword);
        if (f.timePart != null && field != null && field != Field.UtcTime) {
            throw fail(f.timePart, "invalid modifier combination", "'" + f.timePart
                    + "' reads a part of a date (modifiers appendix, Time Modifiers): widescan's one date field is UtcTime");
        }
        List<ScalarNode> values = scalars(valueNode);
        budget.spend(values.size(), () -> tooMany(null));
        List<ValueGroup> groups = new ArrayList<>(values.size());
        for (ScalarNode v : values) {
            groups.add(new ValueGroup(valuePredicates(v, mods, f, keyword)));
        }
        return new FieldMatch(field, key, f.all, groups, line, outside, f.neq);
    }

    private List<ScalarNode> scalars(Node valueNode) {
        List<ScalarNode> out = new ArrayList<>();
        if (valueNode instanceof ScalarNode s) {
            out.add(s);
        } else if (valueNode instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                if (!(n instanceof ScalarNode s)) {
                    throw fail(null, "invalid value", "a value list may hold only scalars (line " + YamlRuleFile.line(n) + ")");
                }
                out.add(s);
            }
            if (out.isEmpty()) {
                throw fail(null, "invalid value", "empty value list");
            }
        } else {
            throw fail(null, "invalid value", "a value must be a scalar or a list of scalars, not a map");
        }
        return out;
    }

    /** What the modifier list asks for, validated as a whole. */
    private static final class Flags {
        boolean all;
        boolean cased;
        boolean exists;
        boolean fieldref;
        boolean re;
        int reFlags;
        String position;
        boolean transforms;
        /** {@code lt}/{@code lte}/{@code gt}/{@code gte} as written, or null. */
        String compare;
        /** {@code minute}/{@code hour}/{@code day}/{@code month}/{@code year} as written, or null. */
        String timePart;
        boolean neq;
    }

    private Flags classify(List<String> mods, boolean keyword) {
        Flags f = new Flags();
        for (String m : mods) {
            switch (m) {
                case "all" -> f.all = true;
                case "cased" -> f.cased = true;
                case "contains", "startswith", "endswith" -> {
                    if (f.position != null) {
                        throw fail(m, "invalid modifier combination", "'" + f.position + "' and '" + m + "' together");
                    }
                    f.position = m;
                }
                case "exists" -> f.exists = true;
                case "fieldref" -> f.fieldref = true;
                case "re" -> f.re = true;
                // the spec's i, m, s and pySigma's long names for the same flags (the spec names no others)
                case "i", "m", "s", "ignorecase", "multiline", "dotall" -> {
                    if (!f.re) {
                        throw fail(m, "invalid modifier combination", "regular-expression flag '" + m + "' without a preceding 're'");
                    }
                    f.reFlags |= switch (m) {
                        case "i", "ignorecase" -> com.google.re2j.Pattern.CASE_INSENSITIVE;
                        case "m", "multiline" -> com.google.re2j.Pattern.MULTILINE;
                        default -> com.google.re2j.Pattern.DOTALL;
                    };
                }
                case "windash", "base64", "base64offset", "wide", "utf16le", "utf16be", "utf16", "expand" -> f.transforms = true;
                case "lt", "lte", "gt", "gte" -> {
                    if (f.compare != null) {
                        throw fail(m, "invalid modifier combination", "'" + f.compare + "' and '" + m + "' together");
                    }
                    f.compare = m;
                }
                case "neq" -> {
                    if (f.neq) {
                        throw fail(m, "invalid modifier combination", "'neq' twice");
                    }
                    f.neq = true;
                }
                case "cidr" -> throw fail(m, "unsupported modifier '" + m + "'",
                        "IP ranges are not supported: process-creation events carry no IP address field");
                case "minute", "hour", "day", "month", "year" -> {
                    if (f.timePart != null) {
                        throw fail(m, "invalid modifier combination", "'" + f.timePart + "' and '" + m + "' together");
                    }
                    f.timePart = m;
                }
                case "week" -> throw fail(m, "unsupported modifier '" + m + "'",
                        "'week' is not supported: the spec's week number (1 to 52) names no week numbering (ISO weeks go to 53)");
                case "" -> throw fail(m, "invalid modifier combination", "empty modifier in '" + key + "'");
                default -> throw fail(m, "unknown modifier '" + m + "'", "unknown modifier '" + m + "'");
            }
        }
        int types = (f.exists ? 1 : 0) + (f.fieldref ? 1 : 0) + (f.re ? 1 : 0);
        if (types > 1) {
            throw fail(null, "invalid modifier combination", "'exists', 'fieldref' and 're' exclude each other");
        }
        if (f.exists && mods.size() != 1) {
            throw fail("exists", "invalid modifier combination", "'exists' takes no other modifier");
        }
        if (f.re && (f.position != null || f.transforms || f.cased)) {
            throw fail("re", "invalid modifier combination",
                    "'re' combines only with its flags i, m, s and with 'all' (case: use 're|i')");
        }
        String numeric = f.compare != null ? f.compare : f.timePart;
        if (numeric != null && mods.stream().anyMatch(m -> !m.equals(numeric) && !m.equals("all") && !m.equals("neq"))) {
            throw fail(numeric, "invalid modifier combination", "'" + numeric + "' compares numbers and combines only with 'all' and 'neq'");
        }
        if (f.fieldref && f.transforms) {
            throw fail("fieldref", "invalid modifier combination", "'fieldref' combines only with contains/startswith/endswith, cased, all");
        }
        if (keyword && (f.exists || f.fieldref || numeric != null || f.neq)) {
            throw fail(f.exists ? "exists" : f.fieldref ? "fieldref" : numeric != null ? numeric : "neq",
                    "invalid modifier combination", "keywords have no field to test");
        }
        return f;
    }

    private List<ValuePredicate> valuePredicates(ScalarNode v, List<String> mods, Flags f, boolean keyword) {
        boolean isNull = Tag.NULL.equals(v.getTag());
        if (f.exists) {
            if (!Tag.BOOL.equals(v.getTag())) {
                throw fail("exists", "invalid value", "'exists' needs true or false, not '" + v.getValue() + "'");
            }
            return List.of(new ValuePredicate.Exists(Boolean.parseBoolean(v.getValue().toLowerCase(java.util.Locale.ROOT))));
        }
        if (isNull) {
            if (keyword) {
                throw fail(null, "invalid value", "a keyword cannot be null");
            }
            for (String m : mods) {
                if (!m.equals("all")) {
                    throw fail(m, "invalid modifier combination", "null (field absent) takes no modifier");
                }
            }
            return List.of(new ValuePredicate.IsNull());
        }
        String raw = v.getValue();
        if (f.compare != null) {
            return List.of(new ValuePredicate.Compare(number(v, f.compare), ValuePredicate.Compare.Order.valueOf(
                    f.compare.toUpperCase(java.util.Locale.ROOT))));
        }
        if (f.timePart != null) {
            java.math.BigDecimal n = number(v, f.timePart);
            ValuePredicate.TimePart.Unit unit = ValuePredicate.TimePart.Unit.valueOf(f.timePart.toUpperCase(java.util.Locale.ROOT));
            // the modifiers appendix gives each part its range ("hour: number between 0 and 23"): a number
            // outside it is a mistake in the rule, which would otherwise load and never match
            if (n.scale() > 0 || n.compareTo(java.math.BigDecimal.valueOf(unit.min)) < 0
                    || n.compareTo(java.math.BigDecimal.valueOf(unit.max)) > 0) {
                throw fail(f.timePart, "invalid value", "'" + f.timePart + "' needs a whole number from " + unit.min + " to "
                        + unit.max + ", not '" + raw + "'");
            }
            return List.of(new ValuePredicate.TimePart(unit, n.intValueExact()));
        }
        if (f.re) {
            if (regexNesting(raw) > MAX_REGEX_NESTING) {
                throw tooDeep();
            }
            try {
                com.google.re2j.Pattern.compile(raw, f.reFlags);
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw fail("re", "invalid regular expression", "invalid regular expression: " + e.getMessage());
            } catch (StackOverflowError e) {
                throw tooDeep(); // RE2/J's recursion, should the count above ever miss a form of nesting
            }
            if (!PcreDollar.exact(raw, f.reFlags)) {
                throw fail("re", "unsupported regular expression", "'$' followed by more of the pattern: PCRE's '$' there"
                        + " (at the end or before a final newline, without reading it) has no RE2 form; widescan runs"
                        + " a '$' that ends the pattern, or any '$' under 'm' (PcreDollar)");
            }
            return List.of(new ValuePredicate.Regex(raw, f.reFlags));
        }
        if (f.fieldref) {
            Field other = Field.byName(raw);
            if (other == null) {
                throw fail("fieldref", "field '" + raw + "' not in the event schema",
                        "referenced field '" + raw + "' is not in widescan's event schema (format.Field)");
            }
            LiteralKind pos = f.position == null ? LiteralKind.EQUALS : switch (f.position) {
                case "contains" -> LiteralKind.CONTAINS;
                case "startswith" -> LiteralKind.STARTS_WITH;
                default -> LiteralKind.ENDS_WITH;
            };
            return List.of(new ValuePredicate.FieldRef(other, pos, f.cased));
        }
        return patterns(numberAsWritten(v), mods, f, keyword);
    }

    /**
     * A value's text as Sigma compares it. Rule files are YAML 1.2 (the spec's "Yaml File"), where an unquoted
     * {@code 01}, {@code +1} or {@code -0} is an integer ("the value is a string or integer value", Maps): the
     * number 1 or 0, which events print in plain decimal, so it is compared as that text ({@code EventID: 01}
     * matches EventID 1; {@code '01'}, quoted, stays the text 01). Hexadecimal and octal integers
     * ({@code 0x3e7}) keep their text: Windows prints such fields (LogonId) in that very form.
     */
    private static String numberAsWritten(ScalarNode v) {
        String raw = v.getValue();
        if (Tag.INT.equals(v.getTag()) && DECIMAL.matcher(raw).matches()) {
            return new java.math.BigInteger(raw).toString();
        }
        return raw;
    }

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[-+]?[0-9]+");

    /**
     * The number a numeric modifier compares with: a YAML 1.2 integer (decimal, {@code 0x} hexadecimal,
     * {@code 0o} octal) or finite float, unquoted as the spec writes numbers ("Numeric values don't use any
     * quotes"); the modifiers appendix: numeric modifiers "can only be applied to numeric values".
     */
    private java.math.BigDecimal number(ScalarNode v, String modifier) {
        String raw = v.getValue();
        java.math.BigDecimal n = null;
        try {
            if (Tag.INT.equals(v.getTag())) {
                String digits = raw.startsWith("+") ? raw.substring(1) : raw;
                if (digits.startsWith("0x")) {
                    n = new java.math.BigDecimal(new java.math.BigInteger(digits.substring(2), 16));
                } else if (digits.startsWith("0o")) {
                    n = new java.math.BigDecimal(new java.math.BigInteger(digits.substring(2), 8));
                } else {
                    n = new java.math.BigDecimal(new java.math.BigInteger(digits));
                }
            } else if (Tag.FLOAT.equals(v.getTag())) {
                n = new java.math.BigDecimal(raw);
            }
            if (n != null && digitsAround(n) <= MAX_NUMBER_DIGITS) {
                return n;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // .inf, .nan: no finite number to compare with; an exponent past int (1e2147483648): no scale for it
        }
        throw fail(modifier, "invalid value", "'" + modifier + "' needs a number"
                + (n == null ? "" : " of at most " + MAX_NUMBER_DIGITS + " digits before and after the point") + ", not '" + raw + "'");
    }

    /**
     * The digits a number's plain form has before or after its point, whichever side has more. A rule's
     * number is compared by its plain digits ({@link NumberCheck}); an exponent writes millions of them in a
     * few characters ({@code 1e999999999}: a gigabyte, the heap exhausted before the scan starts), and no
     * process field holds a number anywhere near {@link #MAX_NUMBER_DIGITS} digits.
     */
    private static long digitsAround(java.math.BigDecimal n) {
        java.math.BigDecimal s = n.stripTrailingZeros();
        return Math.max((long) s.precision() - s.scale(), (long) s.scale());
    }

    /** See {@link #digitsAround}; docs/LIMITS.md. */
    static final int MAX_NUMBER_DIGITS = 1000;

    private List<ValuePredicate> patterns(String raw, List<String> mods, Flags f, boolean keyword) {
        List<SigmaPattern> values = new ArrayList<>();
        if (mods.contains("expand")) {
            for (String r : PlaceholderExpansion.expand(raw, placeholders, name -> fail("expand", "placeholder not given",
                    "placeholder %" + name + "% has no value: widescan rejects rules whose placeholders are not given"))) {
                values.add(SigmaPattern.parse(r));
            }
            budget.spend(values.size(), () -> tooMany("expand"));
        } else {
            values.add(SigmaPattern.parse(raw));
        }
        SigmaEncodings.Bytes pendingBytes = null;
        String pendingName = null;
        for (String m : mods) {
            switch (m) {
                case "windash" -> {
                    List<SigmaPattern> next = new ArrayList<>();
                    for (SigmaPattern p : values) {
                        List<SigmaPattern> perms = SigmaEncodings.windash(p);
                        if (perms == null) {
                            throw fail(m, "too many windash positions", "more than " + SigmaEncodings.MAX_WINDASH_POSITIONS
                                    + " dash characters: too many permutations");
                        }
                        budget.spend(perms.size(), () -> tooMany(m));
                        next.addAll(perms);
                    }
                    values = next;
                }
                case "wide", "utf16le", "utf16be", "utf16" -> {
                    pendingName = m;
                    pendingBytes = switch (m) {
                        case "utf16be" -> SigmaEncodings.Bytes.UTF16BE;
                        case "utf16" -> SigmaEncodings.Bytes.UTF16_BOM;
                        default -> SigmaEncodings.Bytes.UTF16LE;
                    };
                }
                case "base64", "base64offset" -> {
                    SigmaEncodings.Bytes bytes = pendingBytes == null ? SigmaEncodings.Bytes.UTF8 : pendingBytes;
                    pendingBytes = null;
                    List<SigmaPattern> next = new ArrayList<>();
                    for (SigmaPattern p : values) {
                        if (p.hasWildcards()) {
                            throw fail(m, "invalid value", "'" + m + "' of a value with wildcards: the encoding would be meaningless");
                        }
                        byte[] data = bytes.encode(p.text());
                        if (m.equals("base64")) {
                            next.add(SigmaPattern.plain(SigmaEncodings.base64(data)));
                        } else {
                            List<String> forms = SigmaEncodings.base64Offsets(data);
                            budget.spend(forms.size(), () -> tooMany(m));
                            for (String form : forms) {
                                next.add(SigmaPattern.plain(form));
                            }
                        }
                    }
                    if (next.isEmpty()) {
                        throw fail(m, "invalid value", "value too short for '" + m + "'");
                    }
                    values = next;
                }
                case "contains" -> values.replaceAll(SigmaPattern::contains);
                case "startswith" -> values.replaceAll(SigmaPattern::startsWith);
                case "endswith" -> values.replaceAll(SigmaPattern::endsWith);
                default -> {
                    // all, cased, expand: flags handled elsewhere
                }
            }
        }
        if (pendingBytes != null) {
            throw fail(pendingName, "invalid modifier combination",
                    "a UTF-16 encoding modifier must be followed by base64 or base64offset");
        }
        if (keyword && f.position == null) {
            values.replaceAll(SigmaPattern::contains);
        }
        java.util.LinkedHashSet<ValuePredicate> out = new java.util.LinkedHashSet<>();
        for (SigmaPattern p : values) {
            out.add(new ValuePredicate.Pattern(p, f.cased));
        }
        return new ArrayList<>(out);
    }
}
