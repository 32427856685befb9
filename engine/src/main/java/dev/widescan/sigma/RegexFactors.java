package dev.widescan.sigma;

import dev.widescan.text.CaseFolding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The required literal factors of a regular expression: a small set of folded strings such that every
 * match of the regex contains at least one of them. They join the field's shared literal set, so a
 * {@code |re} predicate becomes "one of the factors hit AND the regex matches", and rules whose only
 * positive part is a regex become gated like literal rules instead of running RE2/J on every record.
 *
 * <h2>Why this shape (Hyperscan's prefilter, Russ Cox's codesearch, regex-syntax's literal extractor)</h2>
 * A one-pass recursive-descent reader of RE2 syntax computes, for each sub-expression, four sets of
 * folded strings (each null when unknown or too big):
 * <ul>
 *   <li>{@code exact}: every string the sub-expression can match (a literal, a class of a few characters
 *       such as {@code [Pp]} or {@code \s}, an alternation or bounded repetition of those);</li>
 *   <li>{@code prefix} / {@code suffix}: every match starts / ends with one of these;</li>
 *   <li>{@code factor}: every match contains one of these.</li>
 * </ul>
 * Concatenation crosses exact sets (and the left side's suffixes with the right side's prefixes, which
 * finds factors that straddle a boundary), alternation unions, {@code x{n,m}} with {@code n >= 1}
 * keeps {@code x^n}'s sets, optional or unbounded-from-zero parts become "unknown". The best factor set
 * (longest shortest member, then fewest members) of the whole expression is returned.
 *
 * <h2>Why it is safe (a superset, never a miss)</h2>
 * Everything is folded with {@link CaseFolding} and the literal matchers compare folded: a value the regex
 * matches, case-sensitively or under {@code (?i)}, contains the folded factor. Only ASCII characters are
 * taken as literal characters (their RE2 case orbits, e.g. {@code k} with the Kelvin sign, fold to the
 * same unit under {@link CaseFolding}), and caseless non-ASCII symbols such as dashes; any other character, {@code .}, big or
 * negated classes and escapes such as {@code \w} are "one unknown character". Anything this reader does
 * not understand gives up: no factors, and the regex stays ungated (evaluated on every record) as before.
 */
final class RegexFactors {
    /** Largest class (after folding) still enumerated: {@code \s} (5) and {@code [Pp]} fit, {@code \d} does not. */
    static final int CLASS_MAX = 8;
    /** Largest string set carried through the analysis and largest factor set returned. */
    static final int SET_MAX = 64;
    /** Longer strings are not worth their cross products. */
    static final int STRING_MAX = 48;

    /** The analysis of one sub-expression. */
    private record Info(Set<String> exact, Set<String> prefix, Set<String> suffix, Set<String> factor) {
        static final Info ANY = new Info(null, null, null, null);
        static final Info EMPTY = new Info(Set.of(""), Set.of(""), Set.of(""), null);

        Set<String> prefixes() {
            return exact != null ? exact : prefix;
        }

        Set<String> suffixes() {
            return exact != null ? exact : suffix;
        }

        Set<String> factors() {
            return best(exact, factor);
        }
    }

    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private final String re;
    private int i;
    /** The atom just read was a flag group such as {@code (?i)}. */
    private boolean flagGroup;

    private RegexFactors(String re) {
        this.re = re;
    }

    /**
     * The folded factors every match of {@code regex} contains, or an empty list when none could be
     * proven (the regex may match the empty string, or uses syntax this reader does not model).
     */
    static List<String> of(String regex) {
        RegexFactors r = new RegexFactors(regex);
        try {
            Info info = r.alternation();
            if (r.i != regex.length()) {
                return List.of();
            }
            Set<String> f = info.factors();
            return f == null || tooCommon(f) ? List.of() : List.copyOf(f);
        } catch (RuntimeException | StackOverflowError e) { // GiveUp, or syntax RE2 would reject anyway
            return List.of();
        }
    }

    /**
     * A factor of one or two common units (letters, digits, blanks, path and option characters: " -"
     * in 56% of generated command lines, ":" in 90%, "0x" in 13%) occurs in most command lines: as a gate it would wake the rule on every record
     * anyway while flooding the literal matcher with hits, so such a set is dropped and the regex stays
     * ungated (confirmed by the DFA on every record of its rule).
     */
    private static boolean tooCommon(Set<String> factors) {
        for (String f : factors) {
            if (f.length() <= 2 && f.chars().allMatch(RegexFactors::common)) {
                return true;
            }
        }
        return false;
    }

    private static boolean common(int c) {
        return Character.isLetterOrDigit(c) || " \t\r\n\f:\\/-\"_,;=".indexOf(c) >= 0;
    }

    private Info alternation() {
        Info result = concatenation();
        while (i < re.length() && re.charAt(i) == '|') {
            i++;
            Info next = concatenation();
            result = new Info(union(result.exact, next.exact), union(result.prefixes(), next.prefixes()),
                    union(result.suffixes(), next.suffixes()), union(result.factors(), next.factors()));
        }
        return result;
    }

    private Info concatenation() {
        Info result = Info.EMPTY;
        while (i < re.length() && re.charAt(i) != '|' && re.charAt(i) != ')') {
            Info atom = atom();
            if (flagGroup && i < re.length() && ("*+?".indexOf(re.charAt(i)) >= 0 || re.charAt(i) == '{' && isRepetition())) {
                throw new GiveUp(); // (?i)*: RE2 applies the quantifier to the atom before the flag group
            }
            flagGroup = false;
            result = concat(result, repetition(atom));
        }
        return result;
    }

    private static Info concat(Info x, Info y) {
        Set<String> exact = cross(x.exact, y.exact);
        Set<String> prefix = x.exact == null ? x.prefix : orElse(cross(x.exact, y.prefixes()), x.exact);
        Set<String> suffix = y.exact == null ? y.suffix : orElse(cross(x.suffixes(), y.exact), y.exact);
        Set<String> factor = best(x.factors(), y.factors());
        factor = best(factor, cross(x.suffixes(), y.prefixes()));
        factor = best(factor, best(prefix, suffix));
        return new Info(exact, prefix, suffix, factor);
    }

    private Info repetition(Info x) {
        while (i < re.length()) {
            char c = re.charAt(i);
            int min;
            int max;
            if (c == '*' || c == '+' || c == '?') {
                i++;
                min = c == '+' ? 1 : 0;
                max = c == '?' ? 1 : -1;
            } else if (c == '{' && isRepetition()) {
                int close = re.indexOf('}', i);
                String body = re.substring(i + 1, close);
                i = close + 1;
                int comma = body.indexOf(',');
                min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
                max = comma < 0 ? min : comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
                if (max >= 0 && max < min) {
                    throw new GiveUp();
                }
            } else {
                return x;
            }
            if (i < re.length() && re.charAt(i) == '?') { // lazy: same set of matches
                i++;
            }
            x = repeat(x, min, max);
        }
        return x;
    }

    private static Info repeat(Info x, int min, int max) {
        if (min == 0) {
            if (max != 1) {
                return Info.ANY;
            }
            return new Info(union(Set.of(""), x.exact), union(Set.of(""), x.prefixes()), union(Set.of(""), x.suffixes()), null);
        }
        Info rep = x;
        for (int k = 1; k < Math.min(min, 4); k++) {
            rep = concat(rep, x);
        }
        if (max == min && min <= 4) {
            return rep;
        }
        return new Info(null, rep.prefixes(), rep.suffixes(), rep.factors());
    }

    /** At '{': a valid {n}, {n,} or {n,m} follows (otherwise RE2 reads '{' as a literal). */
    private boolean isRepetition() {
        int close = re.indexOf('}', i);
        return close > i + 1 && re.substring(i + 1, close).matches("\\d{1,4}(,\\d{0,4})?");
    }

    private Info atom() {
        char c = re.charAt(i);
        switch (c) {
            case '(' -> {
                return group();
            }
            case '[' -> {
                return charSet(charClass());
            }
            case '.' -> {
                i++;
                return Info.ANY;
            }
            case '^', '$' -> {
                i++;
                return Info.EMPTY;
            }
            case '\\' -> {
                return escape();
            }
            case '*', '+', '?' -> throw new GiveUp(); // a quantifier with nothing to repeat: RE2 rejects it
            default -> {
                i++;
                return literalChar(c);
            }
        }
    }

    private Info group() {
        i++;
        if (re.startsWith("?P<", i) || re.startsWith("?<", i)) {
            int close = re.indexOf('>', i);
            if (close < 0) {
                throw new GiveUp();
            }
            i = close + 1;
        } else if (i < re.length() && re.charAt(i) == '?') {
            int j = i + 1;
            while (j < re.length() && "imsU-".indexOf(re.charAt(j)) >= 0) {
                j++;
            }
            if (j >= re.length()) {
                throw new GiveUp();
            }
            if (re.charAt(j) == ')') { // (?i) alone: flags change nothing once everything is folded
                i = j + 1;
                flagGroup = true;
                return Info.EMPTY;
            }
            if (re.charAt(j) != ':') {
                throw new GiveUp();
            }
            i = j + 1;
        }
        Info inner = alternation();
        if (i >= re.length() || re.charAt(i) != ')') {
            throw new GiveUp();
        }
        i++;
        return inner;
    }

    private Info escape() {
        if (i + 1 >= re.length()) {
            throw new GiveUp();
        }
        char e = re.charAt(i + 1);
        i += 2;
        switch (e) {
            case 'b', 'B', 'A', 'z' -> {
                return Info.EMPTY;
            }
            case 'Q' -> {
                int end = re.indexOf("\\E", i);
                String quoted = re.substring(i, end < 0 ? re.length() : end);
                i = end < 0 ? re.length() : end + 2;
                if (i < re.length() && ("*+?{".indexOf(re.charAt(i)) >= 0)) {
                    throw new GiveUp(); // RE2 repeats only the quoted text's last character
                }
                Info result = Info.EMPTY;
                for (int k = 0; k < quoted.length(); k++) {
                    result = concat(result, literalChar(quoted.charAt(k)));
                }
                return result;
            }
            default -> {
                i -= 2;
                Set<Character> members = new LinkedHashSet<>();
                if (!escapeInClass(members)) {
                    return Info.ANY;
                }
                return charSet(members);
            }
        }
    }

    /**
     * Reads one escape at {@code i} (inside or outside a class) into {@code members}; false when it stands
     * for too many or unknown characters ({@code \w}, {@code \pL}, ...).
     */
    private boolean escapeInClass(Set<Character> members) {
        char e = re.charAt(i + 1);
        i += 2;
        switch (e) {
            case 's' -> {
                for (char c : new char[] {'\t', '\n', '\f', '\r', ' '}) {
                    members.add(c);
                }
                return true;
            }
            case 'd' -> {
                for (char c = '0'; c <= '9'; c++) {
                    members.add(c);
                }
                return true;
            }
            case 't' -> members.add('\t');
            case 'n' -> members.add('\n');
            case 'r' -> members.add('\r');
            case 'f' -> members.add('\f');
            case 'v' -> members.add('\u000b');
            case 'a' -> members.add('\u0007');
            case 'x' -> {
                int code;
                if (i < re.length() && re.charAt(i) == '{') {
                    int close = re.indexOf('}', i);
                    if (close < 0) {
                        throw new GiveUp();
                    }
                    code = Integer.parseInt(re.substring(i + 1, close), 16);
                    i = close + 1;
                } else {
                    code = Integer.parseInt(re.substring(i, Math.min(re.length(), i + 2)), 16);
                    i += 2;
                }
                if (code >= 128) {
                    return false; // a non-ASCII unit written in hex: taken as unknown
                }
                members.add((char) code);
            }
            case 'w', 'W', 'S', 'D', 'p', 'P' -> {
                if ((e == 'p' || e == 'P') && i < re.length()) {
                    if (re.charAt(i) == '{') {
                        int close = re.indexOf('}', i);
                        i = close < 0 ? re.length() : close + 1;
                    } else {
                        i++;
                    }
                }
                return false;
            }
            default -> {
                if (e < 128 && !Character.isLetterOrDigit(e)) {
                    members.add(e);
                } else {
                    throw new GiveUp(); // octal, \C, \pN variants: not modelled
                }
            }
        }
        return true;
    }

    /** At '[': the members of the class, or null when negated, too big or not modelled. */
    private Set<Character> charClass() {
        i++;
        boolean negated = i < re.length() && re.charAt(i) == '^';
        if (negated) {
            i++;
        }
        Set<Character> members = new LinkedHashSet<>();
        boolean known = !negated;
        boolean first = true;
        while (true) {
            if (i >= re.length()) {
                throw new GiveUp();
            }
            char c = re.charAt(i);
            if (c == ']' && !first) {
                i++;
                break;
            }
            first = false;
            if (c == '[' && re.startsWith("[:", i)) {
                int end = re.indexOf(":]", i + 2);
                if (end < 0) {
                    throw new GiveUp();
                }
                i = end + 2;
                known = false;
                continue;
            }
            char low;
            if (c == '\\') {
                Set<Character> escaped = new LinkedHashSet<>();
                if (!escapeInClass(escaped)) {
                    known = false;
                    continue;
                }
                if (escaped.size() != 1) {
                    members.addAll(escaped);
                    continue;
                }
                low = escaped.iterator().next();
            } else {
                low = c;
                i++;
            }
            if (i + 1 < re.length() && re.charAt(i) == '-' && re.charAt(i + 1) != ']') {
                i++;
                char high = re.charAt(i);
                if (high == '\\') {
                    Set<Character> escaped = new LinkedHashSet<>();
                    if (!escapeInClass(escaped) || escaped.size() != 1) {
                        throw new GiveUp();
                    }
                    high = escaped.iterator().next();
                } else {
                    i++;
                }
                if (high < low) {
                    throw new GiveUp();
                }
                if (high - low > 128) {
                    known = false;
                    continue;
                }
                for (char m = low; m <= high; m++) {
                    members.add(m);
                }
            } else {
                members.add(low);
            }
        }
        return known ? members : null;
    }

    /** One character standing for itself: ASCII folded, anything else unknown (see the class comment). */
    private static Info literalChar(char c) {
        if (c >= 128 && !caselessSymbol(c)) {
            return Info.ANY;
        }
        Set<String> one = Set.of(String.valueOf(CaseFolding.fold(c)));
        return new Info(one, one, one, one);
    }

    private static Info charSet(Set<Character> members) {
        if (members == null) {
            return Info.ANY;
        }
        Set<String> folded = new LinkedHashSet<>();
        for (char c : members) {
            if (c >= 128 && !caselessSymbol(c)) {
                return Info.ANY;
            }
            folded.add(String.valueOf(CaseFolding.fold(c)));
        }
        if (folded.isEmpty() || folded.size() > CLASS_MAX) {
            return Info.ANY;
        }
        Set<String> s = Set.copyOf(folded);
        return new Info(s, s, s, s);
    }

    /**
     * A non-ASCII unit that is no letter, mark or surrogate and has no case mapping (the dashes of
     * {@code [-/–]}): its case orbit is itself under RE2 and {@link CaseFolding} alike, so it may stand
     * in a factor.
     */
    static boolean caselessSymbol(char c) {
        int type = Character.getType(c);
        return !Character.isLetter(c) && !Character.isSurrogate(c) && type != Character.NON_SPACING_MARK
                && type != Character.ENCLOSING_MARK && type != Character.COMBINING_SPACING_MARK
                && Character.toUpperCase(c) == c && Character.toLowerCase(c) == c && CaseFolding.fold(c) == c;
    }

    private static Set<String> cross(Set<String> x, Set<String> y) {
        if (x == null || y == null || (long) x.size() * y.size() > SET_MAX) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String a : x) {
            for (String b : y) {
                if (a.length() + b.length() > STRING_MAX) {
                    return null;
                }
                out.add(a + b);
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> x, Set<String> y) {
        if (x == null || y == null || x.size() + y.size() > SET_MAX) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>(x);
        out.addAll(y);
        return out.size() > SET_MAX ? null : out;
    }

    private static Set<String> orElse(Set<String> preferred, Set<String> fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** The better of two factor sets: usable (no empty member), longest shortest member, then fewest members. */
    static Set<String> best(Set<String> x, Set<String> y) {
        x = usable(x);
        y = usable(y);
        if (x == null || y == null) {
            return x == null ? y : x;
        }
        int sx = Math.min(shortest(x), 6);
        int sy = Math.min(shortest(y), 6);
        if (sx != sy) {
            return sx > sy ? x : y;
        }
        if (x.size() != y.size()) {
            return y.size() < x.size() ? y : x;
        }
        return shortest(y) > shortest(x) ? y : x;
    }

    /** The set without members that contain another member (redundant), or null when it has an empty member. */
    private static Set<String> usable(Set<String> s) {
        if (s == null || s.isEmpty() || s.contains("") || s.size() > SET_MAX) {
            return null;
        }
        List<String> sorted = new ArrayList<>(s);
        sorted.sort((a, b) -> Integer.compare(a.length(), b.length()));
        Set<String> out = new LinkedHashSet<>();
        for (String candidate : sorted) {
            boolean redundant = false;
            for (String kept : out) {
                if (candidate.contains(kept)) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant) {
                out.add(candidate);
            }
        }
        return out;
    }

    private static int shortest(Set<String> s) {
        int min = Integer.MAX_VALUE;
        for (String x : s) {
            min = Math.min(min, x.length());
        }
        return min;
    }
}
