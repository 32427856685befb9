package dev.widescan.match;

import java.util.List;

/** Strategy variants not reachable by name (both vector widths of Teddy), so tests cover AVX2 and AVX-512. */
final class MatcherVariants {
    private MatcherVariants() {
    }

    static List<Matcher> internalVariants(LiteralSet literals) {
        return List.of(new TeddyMatcher(literals, 128), new TeddyMatcher(literals, 256),
                new TeddyMatcher(literals, 512));
    }
}
