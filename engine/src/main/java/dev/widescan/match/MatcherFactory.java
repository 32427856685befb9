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
            new StrategyInfo(RegionMatcher.NAME, "compare each literal at each position directly over the column, no allocation"),
            new StrategyInfo(IndexOfMatcher.NAME, "JDK intrinsic indexOf per literal over a reused folded copy of each value"),
            new StrategyInfo(AhoCorasickMatcher.NAME, "dense Aho-Corasick DFA over folded units with alphabet compression; for big literal sets"),
            new StrategyInfo(PackedPairMatcher.NAME, "SIMD compare of each literal's two rarest units against broadcasts, then verify; for 1-4 literals"),
            new StrategyInfo(TeddyMatcher.NAME, "Vector API Teddy: saturating UTF-16 pack, nibble-mask fingerprints in 8 buckets, exact verify"));

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
            name = pick(literals);
        }
        return switch (name) {
            case NaiveMatcher.NAME -> new NaiveMatcher(literals);
            case RegionMatcher.NAME -> new RegionMatcher(literals);
            case IndexOfMatcher.NAME -> new IndexOfMatcher(literals);
            case AhoCorasickMatcher.NAME -> new AhoCorasickMatcher(literals);
            case TeddyMatcher.NAME -> new TeddyMatcher(literals);
            case PackedPairMatcher.NAME -> new PackedPairMatcher(literals);
            default -> throw new IllegalArgumentException("unknown matcher strategy '" + strategyName
                    + "'; valid: auto, " + String.join(", ", names()));
        };
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (StrategyInfo info : STRATEGIES) {
            names.add(info.name());
        }
        return names;
    }

    /** The strategy {@code auto} picks for {@code literals}. */
    static String pick(LiteralSet literals) {
        return AhoCorasickMatcher.NAME;
    }

    /** Why {@code auto} picks what it picks for {@code literals}: its shape and the rule applied. */
    public static String explain(LiteralSet literals) {
        return "auto -> " + pick(literals) + " (" + literals.size() + " literals)";
    }
}
