package dev.widescan.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds a matcher by strategy name, or picks one by the literal set's shape ({@code auto}), in the manner
 * of .NET's {@code SearchValues.Create}. The crossovers behind {@code auto} come from the JMH suite
 * (bench/results/matchers.md); {@link #explain} states the rule applied to a given set.
 */
public final class MatcherFactory {
    public static final String AUTO = "auto";

    private MatcherFactory() {
    }

    private static final List<StrategyInfo> STRATEGIES = List.of(
            new StrategyInfo(NaiveMatcher.NAME, "decode each value to a String, fold it, String.contains per literal (allocates; the yardstick)"),
            new StrategyInfo(AhoCorasickMatcher.NAME, "dense Aho-Corasick DFA over folded units with alphabet compression; for big literal sets"),
            new StrategyInfo(LargeSetMatcher.NAME, "Aho-Corasick walked by two branch-free chains that record output transitions, each output state"
                    + " reported once per value, endswith/equals read off each value's final state; for big sets with dense hits"),
            new StrategyInfo(TeddyMatcher.NAME, "Vector API Teddy: saturating UTF-16 pack, nibble (or AVX-512 VBMI 7-bit table) fingerprints in 8 buckets, exact verify"));

    /** Every strategy {@link #create} accepts besides {@code auto}, in listing order. */
    public static List<StrategyInfo> strategies() {
        return STRATEGIES;
    }

    /**
     * A matcher of the named strategy ({@code auto} = the factory's pick) for {@code literals}.
     *
     * @throws IllegalArgumentException naming the valid strategies when the name is unknown
     */
    public static Matcher create(String strategyName, LiteralSet literals) {
        String name = strategyName.toLowerCase(Locale.ROOT);
        if (name.equals(AUTO)) {
            String picked = pick(literals);
            if (picked.equals(AnchoredMatcher.NAME)) {
                return new AnchoredMatcher(literals);
            }
            if (picked.endsWith("+" + AnchoredMatcher.NAME)) {
                return timed(new SplitMatcher(literals, picked.substring(0, picked.indexOf('+'))));
            }
            return timed(create(picked, literals));
        }
        // auto's own composite names (what Matcher.strategyName() reports), also accepted by name so that a
        // tuning profile can name them: "anchored" and "BODY+anchored".
        if (name.equals(AnchoredMatcher.NAME)) {
            return new AnchoredMatcher(literals);
        }
        if (name.endsWith("+" + AnchoredMatcher.NAME) && name.indexOf('+') == name.length() - AnchoredMatcher.NAME.length() - 1) {
            String body = name.substring(0, name.indexOf('+'));
            if (!names().contains(body)) {
                throw new IllegalArgumentException("unknown matcher strategy '" + strategyName + "'; valid: auto, "
                        + String.join(", ", names()) + " (and, for a field with both kinds of literals, NAME+anchored)");
            }
            return new SplitMatcher(literals, body);
        }
        return switch (name) {
            case NaiveMatcher.NAME -> new NaiveMatcher(literals);
            case AhoCorasickMatcher.NAME -> new AhoCorasickMatcher(literals);
            case LargeSetMatcher.NAME -> new LargeSetMatcher(literals);
            case TeddyMatcher.NAME -> new TeddyMatcher(literals);
            default -> throw new IllegalArgumentException("unknown matcher strategy '" + strategyName
                    + "'; valid: auto, " + String.join(", ", names()));
        };
    }

    /** A vector matcher with its pieces timed until it runs compiled ({@link TimedKernelMatcher}); others as they are. */
    private static Matcher timed(Matcher matcher) {
        return matcher.vectorKernel() == null ? matcher : new TimedKernelMatcher(matcher);
    }

    /**
     * With the strategy's exposed parameters: {@code vectorBits} (128, 256, 512) for {@code teddy}; an
     * empty map is {@link #create(String, LiteralSet)}.
     *
     * @throws IllegalArgumentException naming the parameter when the strategy does not take it or the value is bad
     */
    public static Matcher create(String strategyName, java.util.Map<String, String> parameters, LiteralSet literals) {
        if (parameters.isEmpty()) {
            return create(strategyName, literals);
        }
        String name = strategyName.toLowerCase(Locale.ROOT);
        if (name.equals(TeddyMatcher.NAME) && parameters.size() == 1 && parameters.containsKey(TEDDY_VECTOR_BITS)) {
            String bits = parameters.get(TEDDY_VECTOR_BITS);
            try {
                return new TeddyMatcher(literals, Integer.parseInt(bits));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("teddy " + TEDDY_VECTOR_BITS + " must be 128, 256 or 512, not '" + bits + "'");
            }
        }
        // say what is wrong: an unknown name first, then the parameters the strategy does not take
        boolean known = name.equals(AUTO) || name.equals(AnchoredMatcher.NAME) || names().contains(name)
                || name.endsWith("+" + AnchoredMatcher.NAME) && names().contains(name.substring(0, name.indexOf('+')));
        if (!known) {
            throw new IllegalArgumentException("unknown matcher strategy '" + strategyName + "'; valid: auto, " + String.join(", ", names()));
        }
        if (name.equals(TeddyMatcher.NAME)) {
            java.util.Set<String> others = new java.util.TreeSet<>(parameters.keySet());
            others.remove(TEDDY_VECTOR_BITS);
            throw new IllegalArgumentException("teddy takes only the parameter " + TEDDY_VECTOR_BITS + ", not " + others);
        }
        throw new IllegalArgumentException("strategy '" + strategyName + "' takes no parameters " + parameters.keySet()
                + " (only teddy takes " + TEDDY_VECTOR_BITS + ")");
    }

    /** Teddy's one exposed parameter: the vector width its kernel is built for. */
    public static final String TEDDY_VECTOR_BITS = "vectorBits";

    /**
     * Every strategy name {@link #create(String, LiteralSet)} accepts that can serve {@code literals}: the
     * listed strategies (each serves any set, exactly; the shape only decides speed), {@code anchored}
     * when no literal is CONTAINS, and {@code BODY+anchored} for every listed body when both kinds are there.
     */
    public static List<String> candidates(LiteralSet literals) {
        List<String> out = new ArrayList<>(names());
        boolean anyContains = false;
        boolean anyAnchored = false;
        for (Literal l : literals.literals()) {
            anyContains |= l.kind() == LiteralKind.CONTAINS;
            anyAnchored |= l.kind() != LiteralKind.CONTAINS;
        }
        if (anyAnchored && !anyContains) {
            out.add(AnchoredMatcher.NAME);
        } else if (anyAnchored) {
            for (String body : names()) {
                out.add(body + "+" + AnchoredMatcher.NAME);
            }
        }
        return out;
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (StrategyInfo info : STRATEGIES) {
            names.add(info.name());
        }
        return names;
    }

    /**
     * Teddy's 8 buckets hold ~6-8 literals each before verification dominates. Measured: 45 seed literals
     * teddy 1.56-1.73 GB/s vs aho-corasick 0.55-0.70; 500 literals teddy 0.10 vs aho-corasick 0.53. The
     * crossover lies between; 64 (Rust's limit too) is not yet pinned down by a run between 64 and 500.
     */
    static final int TEDDY_MAX_LITERALS = 64;
    /** Below a 3-unit fingerprint Teddy proposes candidates at most positions (3 units: 0.040 per unit, 4: 0.008). */
    static final int TEDDY_MIN_LENGTH = 3;

    /**
     * A big set, mostly CONTAINS, with a CONTAINS literal this short hits most values, and then
     * {@link LargeSetMatcher} wins: measured 2.1-2.8x aho-corasick on the catalog's 11,403 CommandLine literals,
     * 1.3x on a 500 subset (JMH and one-JVM runs), 6.7x on the catalog's ParentCommandLine set (`widescan tune`
     * on a generated archive; bench/RESULTS.md section 14). Where it loses: sets without short literals and
     * with few hits (the bench's gen500, gen10000: aho-corasick 4-6% ahead), and the catalog's Image set (72%
     * endswith, matched over small dictionaries of paths: aho-corasick 1.27x ahead).
     */
    static final int LARGE_SET_SHORTEST = 2;

    /** The strategy {@code auto} picks for {@code literals} (a name {@link #create(String, LiteralSet)} accepts). */
    public static String pick(LiteralSet literals) {
        return pick(literals, Simd.current());
    }

    /** The strategy {@code auto} would pick for {@code literals} with the capabilities {@code simd} (tests). */
    static String pick(LiteralSet literals, Simd simd) {
        return decide(new Shape(literals), simd).strategy;
    }

    private record Decision(String strategy, String reason) {
    }

    private static Decision decide(Shape shape, Simd simd) {
        if (shape.count == 0) {
            return new Decision(AnchoredMatcher.NAME, "no literals: nothing to scan");
        }
        if (shape.contains == 0) {
            return new Decision(AnchoredMatcher.NAME, "no CONTAINS literal: each value's first and last unit select the few"
                    + " startswith/equals/endswith literals to compare there (bucketed by folded unit); no unit scan");
        }
        Decision body = decideBody(shape.contains, shape.shortestContains, shape.count, simd);
        if (shape.contains < shape.count && body.strategy.equals(TeddyMatcher.NAME)) {
            return new Decision(TeddyMatcher.NAME + "+" + AnchoredMatcher.NAME, (shape.count - shape.contains)
                    + " anchored literals checked per value (they would only crowd Teddy's buckets); the "
                    + shape.contains + " CONTAINS literals: " + body.reason);
        }
        return body;
    }

    /** The position-free strategy for {@code count} literals whose shortest is {@code shortest} units. */
    private static Decision decideBody(int count, int shortest, int all, Simd simd) {
        if (count <= TEDDY_MAX_LITERALS && shortest >= TEDDY_MIN_LENGTH && !simd.vectorKernels()) {
            return new Decision(AhoCorasickMatcher.NAME, "Teddy's shape, but no vector kernel would run compiled here ("
                    + simd.explain() + "): one DFA step per unit instead");
        }
        if (count <= TEDDY_MAX_LITERALS && shortest >= TEDDY_MIN_LENGTH) {
            return new Decision(TeddyMatcher.NAME, "<= " + TEDDY_MAX_LITERALS + " literals, shortest >= "
                    + TEDDY_MIN_LENGTH + " units: SIMD fingerprint prefilter (measured fastest on 1 and 45 literals)");
        }
        if (count > TEDDY_MAX_LITERALS && shortest <= LARGE_SET_SHORTEST && 2 * count >= all) {
            return new Decision(LargeSetMatcher.NAME, "> " + TEDDY_MAX_LITERALS + " literals, mostly CONTAINS, one of " + shortest
                    + " unit(s): hits on most values expected; outputs recorded by a branch-free walk and reported once per value"
                    + " (measured 2.1-2.8x aho-corasick on the catalog's CommandLine set)");
        }
        return new Decision(AhoCorasickMatcher.NAME, count > TEDDY_MAX_LITERALS
                ? "> " + TEDDY_MAX_LITERALS + " literals: Teddy's buckets overflow, one DFA step per unit regardless of count"
                : "a literal shorter than " + TEDDY_MIN_LENGTH + " units: Teddy would verify at most positions");
    }

    /** What {@code auto} looks at. */
    private static final class Shape {
        final int count;
        int shortest = Integer.MAX_VALUE;
        int shortestContains = Integer.MAX_VALUE;
        int longest;
        long totalLength;
        int caseSensitive;
        int nonAscii;
        int contains;
        int startsWith;
        int endsWith;
        int equals;

        Shape(LiteralSet literals) {
            count = literals.size();
            for (Literal literal : literals.literals()) {
                String text = literal.text();
                shortest = Math.min(shortest, text.length());
                longest = Math.max(longest, text.length());
                totalLength += text.length();
                caseSensitive += literal.caseSensitive() ? 1 : 0;
                if (!text.chars().allMatch(c -> c < 128)) {
                    nonAscii++;
                }
                switch (literal.kind()) {
                    case CONTAINS -> {
                        contains++;
                        shortestContains = Math.min(shortestContains, text.length());
                    }
                    case STARTS_WITH -> startsWith++;
                    case ENDS_WITH -> endsWith++;
                    case EQUALS -> equals++;
                }
            }
        }
    }

    /** Why {@code auto} picks what it picks for {@code literals}: its shape and the rule applied. */
    public static String explain(LiteralSet literals) {
        Shape shape = new Shape(literals);
        Decision decision = decide(shape, Simd.current());
        StringBuilder sb = new StringBuilder();
        sb.append("literals: ").append(shape.count);
        if (shape.count > 0) {
            sb.append(" (contains ").append(shape.contains).append(", startswith ").append(shape.startsWith)
                    .append(", endswith ").append(shape.endsWith).append(", equals ").append(shape.equals).append(')')
                    .append(String.format(Locale.ROOT, "%nlengths: shortest %d, longest %d, mean %.1f code units",
                            shape.shortest, shape.longest, shape.totalLength / (double) shape.count))
                    .append(String.format(Locale.ROOT, "%ncase: %d case-insensitive, %d case-sensitive",
                            shape.count - shape.caseSensitive, shape.caseSensitive))
                    .append(String.format(Locale.ROOT, "%nnon-ASCII: %d literals (%.1f%%)",
                            shape.nonAscii, 100.0 * shape.nonAscii / shape.count));
        }
        if (shape.contains > 0) {
            sb.append(String.format(Locale.ROOT, "%n%s", Simd.current().explain()));
        }
        sb.append(String.format(Locale.ROOT, "%nauto -> %s: %s", decision.strategy, decision.reason));
        return sb.toString();
    }
}
