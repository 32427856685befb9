package dev.widescan.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Thompson NFA over UTF-16 code units for the subset of RE2 syntax whose meaning on a value without
 * surrogates is exactly RE2/J's, built for {@link RegexDfa}. {@link #parse} returns null for anything
 * outside that subset, and the caller keeps RE2/J for that pattern.
 *
 * <p>The subset, and why each part is exact: literals; classes {@code [...]}/{@code [^...]} with ranges
 * and {@code \d \s \w \D \S \W} (RE2's Perl classes are ASCII); {@code .} (all but {@code \n} unless
 * {@code s}); groups, alternation, {@code * + ? {n} {n,} {n,m}} and their lazy forms (laziness changes
 * which match is found, never whether one exists); {@code ^ $ \A \z} without multi-line mode (then RE2's
 * {@code ^}/{@code $} are the text's ends); flags {@code i s U} inline or given. Case-insensitivity follows
 * RE2's fold orbits, which for ASCII letters are the two cases plus the Kelvin sign (with k) and the long
 * s (with s); like RE2, a class is folded first and then negated. Not in the subset (null): word
 * boundaries, Unicode and POSIX classes, octal and back-references, multi-line anchors, and
 * case-insensitive non-ASCII characters (their orbits are not modelled here).
 */
final class RegexNfa {
    static final byte SET = 0;
    static final byte SPLIT = 1;
    static final byte MATCH = 2;
    static final byte BEGIN = 3;
    static final byte END = 4;
    /** More NFA states than this and RE2/J keeps the pattern (e.g. huge counted repetitions). */
    static final int MAX_STATES = 20_000;

    byte[] type = new byte[64];
    int[] out1 = new int[64];
    int[] out2 = new int[64];
    /** For SET states: index into {@link #sets}. */
    int[] setOf = new int[64];
    /** Sorted, disjoint, inclusive code-unit ranges: lo0, hi0, lo1, hi1, ... */
    final List<int[]> sets = new ArrayList<>();
    int size;
    int start;
    /**
     * A class every match repeats at least {@link #runLength} (≥ {@link #MIN_RUN}) times in a row: the longest
     * top-level counted repetition of one class ({@code [a-fA-F0-9]{64}}), or null. Kept only for classes
     * holding all surrogate units or none, so that a run of code points is a run of as many units or more.
     */
    int[] runSet;
    int runLength;
    static final int MIN_RUN = 8;

    private sealed interface Node {
    }

    private record Chars(int[] ranges) implements Node {
    }

    private record Cat(List<Node> items) implements Node {
    }

    private record Alt(List<Node> items) implements Node {
    }

    private record Rep(Node item, int min, int max) implements Node {
    }

    private record Assert(byte kind) implements Node {
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private RegexNfa() {
    }

    /** The NFA of {@code regex} under RE2/J {@code re2Flags}, or null when outside the exact subset. */
    static RegexNfa parse(String regex, int re2Flags) {
        int f = 0;
        if ((re2Flags & com.google.re2j.Pattern.CASE_INSENSITIVE) != 0) {
            f |= RegexSyntax.FOLD;
        }
        if ((re2Flags & com.google.re2j.Pattern.DOTALL) != 0) {
            f |= RegexSyntax.DOT_ALL;
        }
        if ((re2Flags & com.google.re2j.Pattern.MULTILINE) != 0) {
            f |= RegexSyntax.MULTI_LINE;
        }
        RegexSyntax.Node tree = RegexSyntax.parse(regex, f);
        if (tree == null) {
            return null;
        }
        RegexNfa n = new RegexNfa();
        try {
            Node root = lower(tree);
            int match = n.add(MATCH, -1, -1, -1);
            n.start = n.compile(root, match);
            n.findRequiredRun(root);
            return n;
        } catch (Unsupported | StackOverflowError e) {
            return null;
        }
    }

    private void findRequiredRun(Node n) {
        if (n instanceof Cat c) {
            for (Node item : c.items()) {
                findRequiredRun(item);
            }
        } else if (n instanceof Rep r && r.item() instanceof Chars ch && r.min() >= MIN_RUN && r.min() > runLength
                && surrogatesAllOrNone(ch.ranges())) {
            runSet = ch.ranges();
            runLength = r.min();
        }
    }

    private static boolean surrogatesAllOrNone(int[] ranges) {
        int inside = 0;
        for (int k = 0; k < ranges.length; k += 2) {
            int lo = Math.max(ranges[k], 0xD800);
            int hi = Math.min(ranges[k + 1], 0xDFFF);
            inside += Math.max(0, hi - lo + 1);
        }
        return inside == 0 || inside == 0xE000 - 0xD800;
    }

    // ---- from the syntax tree to the exact subset (null-free, flags already applied) -----------------

    private static Node lower(RegexSyntax.Node n) {
        return switch (n) {
            case RegexSyntax.Alt a -> {
                List<Node> alts = new ArrayList<>();
                for (RegexSyntax.Node item : a.items()) {
                    alts.add(lower(item));
                }
                yield new Alt(alts);
            }
            case RegexSyntax.Concat c -> {
                List<Node> items = new ArrayList<>();
                for (RegexSyntax.Node item : c.items()) {
                    if (!(item instanceof RegexSyntax.FlagGroup)) { // (?i): only changes the flags after it
                        items.add(lower(item));
                    }
                }
                yield items.size() == 1 ? items.get(0) : new Cat(items);
            }
            case RegexSyntax.Repeat r -> {
                if (r.min() > 1000 || r.max() > 1000 || r.item() instanceof RegexSyntax.Repeat) {
                    throw new Unsupported(); // huge counts; a** (RE2 rejects it, such a pattern never loads anyway)
                }
                yield new Rep(lower(r.item()), r.min(), r.max());
            }
            case RegexSyntax.FlagGroup f -> new Cat(List.of());
            case RegexSyntax.Anchor a -> switch (a.symbol()) {
                case '^', '$' -> {
                    if (a.multiLine()) {
                        throw new Unsupported();
                    }
                    yield new Assert(a.symbol() == '^' ? BEGIN : END);
                }
                case 'A' -> new Assert(BEGIN);
                case 'z' -> new Assert(END);
                default -> throw new Unsupported(); // \b \B
            };
            case RegexSyntax.Any a -> new Chars(a.dotAll() ? new int[] {0, 0xFFFF} : new int[] {0, 9, 11, 0xFFFF});
            case RegexSyntax.Char ch -> new Chars(single(unit(ch), ch.fold()));
            case RegexSyntax.Perl p -> new Chars(normalize(perl(p)));
            case RegexSyntax.Unicode u -> throw new Unsupported();
            case RegexSyntax.CharClass c -> new Chars(charClass(c));
        };
    }

    /** A character's unit; hex escapes beyond the BMP or naming a surrogate are not modelled. */
    private static char unit(RegexSyntax.Char ch) {
        if (ch.hex() && (ch.code() > 0xFFFF || (ch.code() >= 0xD800 && ch.code() <= 0xDFFF))) {
            throw new Unsupported();
        }
        return ch.unit();
    }

    /** A Perl class's ranges (RE2's are ASCII), folded, and for {@code \D \S \W} then negated. */
    private static int[] perl(RegexSyntax.Perl p) {
        int[] ranges = switch (Character.toLowerCase(p.letter())) {
            case 'd' -> new int[] {'0', '9'};
            case 's' -> new int[] {'\t', '\n', '\f', '\f', '\r', '\r', ' ', ' '};
            default -> new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
        };
        int[] folded = fold(normalize(ranges), p.fold());
        return Character.isUpperCase(p.letter()) ? negate(folded) : folded;
    }

    /** A class's ranges, folded then negated as RE2 does. */
    private static int[] charClass(RegexSyntax.CharClass cls) {
        if (cls.dashAfterClass()) {
            throw new Unsupported(); // [\d-z]: RE2 rejects it
        }
        List<int[]> parts = new ArrayList<>();
        for (RegexSyntax.ClassItem item : cls.items()) {
            parts.add(switch (item) {
                case RegexSyntax.Posix p -> throw new Unsupported();
                case RegexSyntax.Unicode u -> throw new Unsupported();
                case RegexSyntax.Perl p -> perl(p);
                case RegexSyntax.Char ch -> fold(new int[] {unit(ch), unit(ch)}, cls.fold());
                case RegexSyntax.Range r -> fold(new int[] {unit(r.lo()), unit(r.hi())}, cls.fold());
            });
        }
        int total = 0;
        for (int[] p : parts) {
            total += p.length;
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        int[] set = normalize(all);
        return cls.negated() ? negate(set) : set;
    }

    private static boolean isLetter(int c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    private static int[] single(char c, boolean fold) {
        if (c >= 0xD800 && c <= 0xDFFF) {
            throw new Unsupported();
        }
        return fold(new int[] {c, c}, fold);
    }

    /** With the fold flag: adds RE2's case orbits of ASCII letters; non-ASCII under fold is not modelled. */
    private static int[] fold(int[] ranges, boolean fold) {
        if (!fold) {
            return ranges;
        }
        List<Integer> extra = new ArrayList<>();
        for (int r = 0; r < ranges.length; r += 2) {
            if (ranges[r + 1] >= 128) {
                throw new Unsupported();
            }
            for (int c = ranges[r]; c <= ranges[r + 1]; c++) {
                if (isLetter(c)) {
                    extra.add(c ^ 0x20);
                    int lower = c | 0x20;
                    if (lower == 'k') {
                        extra.add(0x212A);
                    } else if (lower == 's') {
                        extra.add(0x017F);
                    }
                }
            }
        }
        int[] all = Arrays.copyOf(ranges, ranges.length + 2 * extra.size());
        for (int k = 0; k < extra.size(); k++) {
            all[ranges.length + 2 * k] = extra.get(k);
            all[ranges.length + 2 * k + 1] = extra.get(k);
        }
        return normalize(all);
    }

    /** Sorts and merges range pairs. */
    static int[] normalize(int[] ranges) {
        int n = ranges.length / 2;
        long[] packed = new long[n];
        for (int k = 0; k < n; k++) {
            packed[k] = ((long) ranges[2 * k] << 32) | ranges[2 * k + 1];
        }
        Arrays.sort(packed);
        int[] out = new int[ranges.length];
        int m = 0;
        for (long p : packed) {
            int lo = (int) (p >>> 32);
            int hi = (int) p;
            if (m > 0 && lo <= out[m - 1] + 1) {
                out[m - 1] = Math.max(out[m - 1], hi);
            } else {
                out[m++] = lo;
                out[m++] = hi;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** The complement within [0, 0xFFFF]. */
    static int[] negate(int[] set) {
        int[] out = new int[set.length + 2];
        int m = 0;
        int next = 0;
        for (int k = 0; k < set.length; k += 2) {
            if (set[k] > next) {
                out[m++] = next;
                out[m++] = set[k] - 1;
            }
            next = set[k + 1] + 1;
        }
        if (next <= 0xFFFF) {
            out[m++] = next;
            out[m++] = 0xFFFF;
        }
        return Arrays.copyOf(out, m);
    }

    /**
     * The fewest characters any match consumes (0-1 shortest path from the start to MATCH: SET states
     * cost one, SPLIT and assertions nothing). A value with fewer UTF-16 units has fewer code points too,
     * so it cannot match.
     */
    int minimumLength() {
        int[] dist = new int[size];
        Arrays.fill(dist, Integer.MAX_VALUE);
        java.util.ArrayDeque<Integer> deque = new java.util.ArrayDeque<>();
        dist[start] = 0;
        deque.add(start);
        while (!deque.isEmpty()) {
            int q = deque.pollFirst();
            if (type[q] == MATCH) {
                return dist[q];
            }
            int[] targets = type[q] == SPLIT ? new int[] {out1[q], out2[q]} : new int[] {out1[q]};
            int cost = type[q] == SET ? 1 : 0;
            for (int t : targets) {
                if (t >= 0 && dist[q] + cost < dist[t]) {
                    dist[t] = dist[q] + cost;
                    if (cost == 0) {
                        deque.addFirst(t);
                    } else {
                        deque.addLast(t);
                    }
                }
            }
        }
        return Integer.MAX_VALUE; // no path: the pattern matches nothing
    }

    // ---- Thompson construction (backwards: each piece is built knowing its successor) -------------------

    private int compile(Node n, int next) {
        return switch (n) {
            case Chars c -> {
                sets.add(c.ranges());
                yield add(SET, next, -1, sets.size() - 1);
            }
            case Assert a -> add(a.kind(), next, -1, -1);
            case Cat c -> {
                int s = next;
                for (int k = c.items().size() - 1; k >= 0; k--) {
                    s = compile(c.items().get(k), s);
                }
                yield s;
            }
            case Alt a -> {
                int s = compile(a.items().get(a.items().size() - 1), next);
                for (int k = a.items().size() - 2; k >= 0; k--) {
                    s = add(SPLIT, compile(a.items().get(k), next), s, -1);
                }
                yield s;
            }
            case Rep r -> repeat(r, next);
        };
    }

    private int repeat(Rep r, int next) {
        int s;
        if (r.max() < 0) {
            int loop = add(SPLIT, -1, next, -1);
            int body = compile(r.item(), loop);
            out1[loop] = body;
            s = r.min() == 0 ? loop : body;
            for (int k = 1; k < r.min(); k++) {
                s = compile(r.item(), s);
            }
            return s;
        }
        s = next;
        for (int k = 0; k < r.max() - r.min(); k++) {
            s = add(SPLIT, compile(r.item(), s), next, -1);
        }
        for (int k = 0; k < r.min(); k++) {
            s = compile(r.item(), s);
        }
        return s;
    }

    private int add(byte t, int a, int b, int set) {
        if (size == MAX_STATES) {
            throw new Unsupported();
        }
        if (size == type.length) {
            type = Arrays.copyOf(type, size * 2);
            out1 = Arrays.copyOf(out1, size * 2);
            out2 = Arrays.copyOf(out2, size * 2);
            setOf = Arrays.copyOf(setOf, size * 2);
        }
        type[size] = t;
        out1[size] = a;
        out2[size] = b;
        setOf[size] = set;
        return size++;
    }
}
