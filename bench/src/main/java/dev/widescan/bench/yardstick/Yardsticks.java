package dev.widescan.bench.yardstick;

import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.MatcherFactory;
import dev.widescan.match.TeddyMatcher;
import java.util.List;

/**
 * Strategies kept only as yardsticks beside the engine's: {@code auto} never picks them and they lost
 * everywhere they were measured (0.03-0.12 GB/s on the seed literals, below naive; bench/RESULTS.md,
 * "Yardsticks"), so they live with the benchmarks, where they still answer "what would the obvious
 * allocation-free loop / the JDK's indexOf intrinsic / memchr's packed pair do here". Plus Teddy at an
 * explicit width and lookup ({@code teddy-128}, {@code teddy-256}, {@code teddy-512},
 * {@code teddy-512-vbmi}) to compare kernels on one machine.
 */
public final class Yardsticks {
    /** The yardstick names {@link #create} accepts besides the engine's strategies. */
    public static final List<String> NAMES = List.of(RegionMatcher.NAME, IndexOfMatcher.NAME, PackedPairMatcher.NAME);

    private Yardsticks() {
    }

    /** A yardstick, an explicit Teddy kernel, or else the engine's strategy of that name ({@link MatcherFactory#create}). */
    public static Matcher create(String name, LiteralSet literals) {
        return switch (name) {
            case RegionMatcher.NAME -> new RegionMatcher(literals);
            case IndexOfMatcher.NAME -> new IndexOfMatcher(literals);
            case PackedPairMatcher.NAME -> new PackedPairMatcher(literals);
            case "teddy-128" -> new TeddyMatcher(literals, 128);
            case "teddy-256" -> new TeddyMatcher(literals, 256);
            case "teddy-512" -> new TeddyMatcher(literals, 512);
            case "teddy-512-vbmi" -> new TeddyMatcher(literals, 512, true);
            default -> MatcherFactory.create(name, literals);
        };
    }
}
