package dev.widescan.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of the RE2 regex syntax the project models: a recursive-descent parser producing an
 * immutable tree of records, walked by its two consumers, {@link RegexFactors} (the required literal
 * factors, a Hyperscan-style prefilter) and {@link RegexNfa} (the Thompson NFA behind {@link RegexDfa}).
 *
 * <h2>Why one reader, and why the tree stays close to the text</h2>
 * Both consumers used to carry their own reader of the same syntax (alternation, concatenation,
 * {@code * + ? {n,m}} and lazy forms, groups {@code (?P<n> (?<n> (?: (?i)}, classes, escapes, anchors).
 * Two readers drift apart; one reader decides once what the text says. The tree is deliberately close to
 * the text, not to a meaning: every {@code concatenation} is a {@link Concat} (even of one item, because
 * the factor analysis folds a concatenation from "empty"), a group is the {@link Concat} or {@link Alt}
 * it contains, stacked quantifiers ({@code a**}) are a {@link Repeat} of a {@link Repeat}, a hex escape
 * keeps its code as written, and a class keeps its items as written. Whatever one consumer models and
 * the other does not ({@code \b}, {@code \p}, POSIX classes, multi-line anchors, counts over 1000,
 * stacked quantifiers, non-ASCII under {@code (?i)}) is kept in the tree and refused by that consumer;
 * only what neither consumer accepts (unbalanced parentheses, a quantifier with nothing to repeat or on a
 * flag group, a quantified {@code \Q..\E}, reversed ranges, unknown escapes) makes {@link #parse} return
 * null. Flags are scoped here (a flag group lasts to the end of its enclosing group) and recorded on the
 * nodes they change: case folding on characters and classes, {@code s} on {@code .}, {@code m} on
 * {@code ^ $}.
 */
final class RegexSyntax {
    static final int FOLD = 1;
    static final int DOT_ALL = 2;
    static final int MULTI_LINE = 4;

    sealed interface Node {
    }

    /** Two or more alternatives (each a {@link Concat}). */
    record Alt(List<Node> items) implements Node {
    }

    /** A sequence (possibly empty or of one item). */
    record Concat(List<Node> items) implements Node {
    }

    /** {@code item{min,max}}, {@code max} -1 when unbounded; laziness is dropped (same set of matches). */
    record Repeat(Node item, int min, int max) implements Node {
    }

    /** A flag group such as {@code (?i)}: matches the empty string, changes the flags after it. */
    record FlagGroup() implements Node {
    }

    /** {@code ^ $} ({@code multiLine} when the {@code m} flag is on), {@code \A \z}, {@code \b \B}: the letter as written. */
    record Anchor(char symbol, boolean multiLine) implements Node {
    }

    /** {@code .} */
    record Any(boolean dotAll) implements Node {
    }

    /** One character: written, escaped, quoted or (when {@code hex}) as {@code \xHH}/{@code \x{H...}} with {@code code} as parsed. */
    record Char(int code, boolean hex, boolean fold) implements Node, ClassItem {
        char unit() {
            return (char) code;
        }
    }

    /** {@code \d \s \w \D \S \W} (the letter as written). */
    record Perl(char letter, boolean fold) implements Node, ClassItem {
    }

    /** {@code \p..} / {@code \P..}. */
    record Unicode() implements Node, ClassItem {
    }

    /** {@code [...]}: items as written; {@code dashAfterClass} when a Perl or Unicode class is followed by {@code -x}. */
    record CharClass(boolean negated, List<ClassItem> items, boolean fold, boolean dashAfterClass) implements Node {
    }

    sealed interface ClassItem {
    }

    /** {@code lo-hi} inside a class. */
    record Range(Char lo, Char hi) implements ClassItem {
    }

    /** {@code [:name:]} inside a class. */
    record Posix() implements ClassItem {
    }

    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private final String re;
    private int i;
    private int flags;

    private RegexSyntax(String re, int flags) {
        this.re = re;
        this.flags = flags;
    }

    /** The tree of {@code regex} read under the initial {@link #FOLD}/{@link #DOT_ALL}/{@link #MULTI_LINE} flags, or null. */
    static Node parse(String regex, int initialFlags) {
        RegexSyntax p = new RegexSyntax(regex, initialFlags);
        try {
            Node root = p.alternation();
            return p.i == regex.length() ? root : null;
        } catch (RuntimeException | StackOverflowError e) { // GiveUp, or syntax RE2 would reject anyway
            return null;
        }
    }

    private Node alternation() {
        Node first = concatenation();
        if (i >= re.length() || re.charAt(i) != '|') {
            return first;
        }
        List<Node> alts = new ArrayList<>();
        alts.add(first);
        while (i < re.length() && re.charAt(i) == '|') {
            i++;
            alts.add(concatenation());
        }
        return new Alt(List.copyOf(alts));
    }

    private Node concatenation() {
        List<Node> items = new ArrayList<>();
        while (i < re.length() && re.charAt(i) != '|' && re.charAt(i) != ')') {
            Node atom = atom();
            if (atom instanceof FlagGroup) {
                if (i < re.length() && ("*+?".indexOf(re.charAt(i)) >= 0 || re.charAt(i) == '{' && isRepetition())) {
                    throw new GiveUp(); // (?i)*: RE2 applies the quantifier to the atom before the flag group
                }
                items.add(atom);
            } else {
                items.add(quantified(atom));
            }
        }
        return new Concat(List.copyOf(items));
    }

    private Node quantified(Node x) {
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
            x = new Repeat(x, min, max);
        }
        return x;
    }

    /** At '{': a valid {n}, {n,} or {n,m} follows (otherwise RE2 reads '{' as a literal). */
    private boolean isRepetition() {
        int close = re.indexOf('}', i);
        return close > i + 1 && re.substring(i + 1, close).matches("\\d{1,4}(,\\d{0,4})?");
    }

    private Node atom() {
        char c = re.charAt(i);
        switch (c) {
            case '(' -> {
                return group();
            }
            case '[' -> {
                return charClass();
            }
            case '.' -> {
                i++;
                return new Any((flags & DOT_ALL) != 0);
            }
            case '^', '$' -> {
                i++;
                return new Anchor(c, (flags & MULTI_LINE) != 0);
            }
            case '\\' -> {
                return escape();
            }
            case '*', '+', '?' -> throw new GiveUp(); // a quantifier with nothing to repeat: RE2 rejects it
            default -> {
                i++;
                return new Char(c, false, fold());
            }
        }
    }

    private boolean fold() {
        return (flags & FOLD) != 0;
    }

    private Node group() {
        i++;
        int saved = flags;
        if (re.startsWith("?P<", i) || re.startsWith("?<", i)) {
            int close = re.indexOf('>', i);
            if (close < 0) {
                throw new GiveUp();
            }
            i = close + 1;
        } else if (i < re.length() && re.charAt(i) == '?') {
            int j = i + 1;
            boolean negate = false;
            int f = flags;
            while (j < re.length() && "imsU-".indexOf(re.charAt(j)) >= 0) {
                char k = re.charAt(j++);
                int bit = k == 'i' ? FOLD : k == 's' ? DOT_ALL : k == 'm' ? MULTI_LINE : 0;
                if (k == '-') {
                    negate = true;
                } else {
                    f = negate ? f & ~bit : f | bit;
                }
            }
            if (j >= re.length()) {
                throw new GiveUp();
            }
            if (re.charAt(j) == ')') { // (?i) alone: the rest of the enclosing group
                flags = f;
                i = j + 1;
                return new FlagGroup();
            }
            if (re.charAt(j) != ':') {
                throw new GiveUp();
            }
            flags = f;
            i = j + 1;
        }
        Node inner = alternation();
        if (i >= re.length() || re.charAt(i) != ')') {
            throw new GiveUp();
        }
        i++;
        flags = saved;
        return inner;
    }

    private Node escape() {
        if (i + 1 >= re.length()) {
            throw new GiveUp();
        }
        char e = re.charAt(i + 1);
        switch (e) {
            case 'b', 'B', 'A', 'z' -> {
                i += 2;
                return new Anchor(e, false);
            }
            case 'Q' -> {
                i += 2;
                int end = re.indexOf("\\E", i);
                String quoted = re.substring(i, end < 0 ? re.length() : end);
                i = end < 0 ? re.length() : end + 2;
                if (i < re.length() && ("*+?{".indexOf(re.charAt(i)) >= 0)) {
                    throw new GiveUp(); // RE2 repeats only the quoted text's last character
                }
                List<Node> items = new ArrayList<>();
                for (int k = 0; k < quoted.length(); k++) {
                    items.add(new Char(quoted.charAt(k), false, fold()));
                }
                return new Concat(List.copyOf(items));
            }
            default -> {
                return (Node) escapeItem();
            }
        }
    }

    /** At a backslash (inside or outside a class): one character, a Perl class or a Unicode class. */
    private ClassItem escapeItem() {
        if (i + 1 >= re.length()) {
            throw new GiveUp();
        }
        char e = re.charAt(i + 1);
        i += 2;
        return switch (e) {
            case 'd', 's', 'w', 'D', 'S', 'W' -> new Perl(e, fold());
            case 'p', 'P' -> {
                if (i < re.length()) {
                    if (re.charAt(i) == '{') {
                        int close = re.indexOf('}', i);
                        i = close < 0 ? re.length() : close + 1;
                    } else {
                        i++;
                    }
                }
                yield new Unicode();
            }
            case 't' -> new Char('\t', false, fold());
            case 'n' -> new Char('\n', false, fold());
            case 'r' -> new Char('\r', false, fold());
            case 'f' -> new Char('\f', false, fold());
            case 'v' -> new Char('\u000b', false, fold());
            case 'a' -> new Char('\u0007', false, fold());
            case 'x' -> new Char(hexCode(), true, fold());
            default -> {
                if (e < 128 && !Character.isLetterOrDigit(e)) {
                    yield new Char(e, false, fold());
                }
                throw new GiveUp(); // \C, octal, back-references: not modelled
            }
        };
    }

    private int hexCode() {
        int code;
        if (i < re.length() && re.charAt(i) == '{') {
            int close = re.indexOf('}', i);
            if (close < 0) {
                throw new GiveUp();
            }
            code = Integer.parseInt(re.substring(i + 1, close), 16);
            i = close + 1;
        } else {
            code = Integer.parseInt(re.substring(i, i + 2), 16);
            i += 2;
        }
        return code;
    }

    /** At '[': the class's items as written. */
    private CharClass charClass() {
        boolean fold = fold();
        i++;
        boolean negated = i < re.length() && re.charAt(i) == '^';
        if (negated) {
            i++;
        }
        List<ClassItem> items = new ArrayList<>();
        boolean dashAfterClass = false;
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
                items.add(new Posix());
                continue;
            }
            Char low;
            if (c == '\\') {
                ClassItem escaped = escapeItem();
                if (!(escaped instanceof Char ch)) {
                    // [\d-z]: RE2 rejects a range from a class; the '-' is read as a character after it
                    dashAfterClass |= i + 1 < re.length() && re.charAt(i) == '-' && re.charAt(i + 1) != ']';
                    items.add(escaped);
                    continue;
                }
                low = ch;
            } else {
                low = new Char(c, false, fold);
                i++;
            }
            if (i + 1 < re.length() && re.charAt(i) == '-' && re.charAt(i + 1) != ']') {
                i++;
                Char high;
                if (re.charAt(i) == '\\') {
                    if (!(escapeItem() instanceof Char ch)) {
                        throw new GiveUp(); // [a-\d]
                    }
                    high = ch;
                } else {
                    high = new Char(re.charAt(i++), false, fold);
                }
                if (high.unit() < low.unit()) {
                    throw new GiveUp();
                }
                items.add(new Range(low, high));
            } else {
                items.add(low);
            }
        }
        return new CharClass(negated, List.copyOf(items), fold, dashAfterClass);
    }
}
