package dev.widescan.match;

import java.util.List;

/** Strategy variants not reachable by name (e.g. a non-preferred vector species), for the tests. */
final class MatcherVariants {
    private MatcherVariants() {
    }

    static List<Matcher> internalVariants(LiteralSet literals) {
        return List.of();
    }
}
