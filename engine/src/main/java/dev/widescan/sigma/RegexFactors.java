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
 * A walk over the tree {@link RegexSyntax} reads computes, for each sub-expression, four sets of
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
 * negated classes and escapes such as {@code \w} are "one unknown character". Anything the reader or this
 * analysis does not understand gives up: no factors, and the regex stays ungated (evaluated on every record) as before.
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

    private RegexFactors() {
    }

    /**
     * The folded factors every match of {@code regex} contains, or an empty list when none could be
     * proven (the regex may match the empty string, or uses syntax this analysis does not model).
     */
    static List<String> of(String regex) {
        RegexSyntax.Node root = RegexSyntax.parse(regex, 0); // flags change nothing once everything is folded
        if (root == null) {
            return List.of();
        }
        try {
            Set<String> f = info(root).factors();
            return f == null || tooCommon(f) ? List.of() : List.copyOf(f);
        } catch (GiveUp | StackOverflowError e) {
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

    private static Info info(RegexSyntax.Node node) {
        return switch (node) {
            case RegexSyntax.Alt a -> {
                Info result = info(a.items().get(0));
                for (int k = 1; k < a.items().size(); k++) {
                    Info next = info(a.items().get(k));
                    result = new Info(union(result.exact, next.exact), union(result.prefixes(), next.prefixes()),
                            union(result.suffixes(), next.suffixes()), union(result.factors(), next.factors()));
                }
                yield result;
            }
            case RegexSyntax.Concat c -> {
                Info result = Info.EMPTY;
                for (RegexSyntax.Node item : c.items()) {
                    result = concat(result, info(item));
                }
                yield result;
            }
            case RegexSyntax.Repeat r -> repeat(info(r.item()), r.min(), r.max());
            case RegexSyntax.FlagGroup f -> Info.EMPTY; // (?i) alone: flags change nothing once everything is folded
            case RegexSyntax.Anchor a -> Info.EMPTY;
            case RegexSyntax.Any a -> Info.ANY;
            case RegexSyntax.Unicode u -> Info.ANY;
            case RegexSyntax.Char ch -> ch.hex() && ch.code() >= 128 ? Info.ANY : literalChar(ch.unit()); // non-ASCII hex: unknown
            case RegexSyntax.Perl p -> p.letter() == 's' || p.letter() == 'd' ? charSet(perlMembers(p.letter())) : Info.ANY;
            case RegexSyntax.CharClass c -> charSet(classMembers(c));
        };
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

    private static Set<Character> perlMembers(char letter) {
        Set<Character> members = new LinkedHashSet<>();
        if (letter == 's') {
            for (char c : new char[] {'\t', '\n', '\f', '\r', ' '}) {
                members.add(c);
            }
        } else {
            for (char c = '0'; c <= '9'; c++) {
                members.add(c);
            }
        }
        return members;
    }

    /**
     * The members of a class, or null when negated, too big or not modelled ({@code \w}, {@code \p..},
     * POSIX classes, non-ASCII hex escapes and ranges of more than 128 units are unknown characters).
     */
    private static Set<Character> classMembers(RegexSyntax.CharClass cls) {
        Set<Character> members = new LinkedHashSet<>();
        boolean known = !cls.negated();
        for (RegexSyntax.ClassItem item : cls.items()) {
            switch (item) {
                case RegexSyntax.Posix p -> known = false;
                case RegexSyntax.Unicode u -> known = false;
                case RegexSyntax.Perl p -> {
                    if (p.letter() == 's' || p.letter() == 'd') {
                        members.addAll(perlMembers(p.letter()));
                    } else {
                        known = false;
                    }
                }
                case RegexSyntax.Char ch -> {
                    if (ch.hex() && ch.code() >= 128) {
                        known = false;
                    } else {
                        members.add(ch.unit());
                    }
                }
                case RegexSyntax.Range r -> {
                    if (r.lo().hex() && r.lo().code() >= 128) {
                        known = false;
                    } else if (r.hi().hex() && r.hi().code() >= 128) {
                        throw new GiveUp(); // a range to a non-ASCII hex escape: not modelled
                    } else if (r.hi().unit() - r.lo().unit() > 128) {
                        known = false;
                    } else {
                        for (int m = r.lo().unit(); m <= r.hi().unit(); m++) {
                            members.add((char) m);
                        }
                    }
                }
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
        // Unmodifiable but in the class's order: Set.copyOf would iterate in an order salted per JVM, and the
        // factors become literal ids, which a tuning profile's fingerprint must find the same in every run.
        Set<String> s = java.util.Collections.unmodifiableSet(folded);
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
