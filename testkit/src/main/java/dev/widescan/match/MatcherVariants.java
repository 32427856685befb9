package dev.widescan.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Strategy variants not reachable by name, so the differential tests cover them too: every vector width
 * of Teddy (128, 256 = AVX2, 512 = AVX-512) and its 7-bit table lookup (512 bits, VBMI), and the anchored matcher alone (anchored-only sets) or split beside a
 * position-free body (mixed sets).
 */
public final class MatcherVariants {
    private MatcherVariants() {
    }

    public static List<Matcher> internalVariants(LiteralSet literals) {
        List<Matcher> out = new ArrayList<>(List.of(new TeddyMatcher(literals, 128), new TeddyMatcher(literals, 256),
                new TeddyMatcher(literals, 512), new TeddyMatcher(literals, 512, true)));
        boolean anyContains = false;
        boolean anyAnchored = false;
        for (Literal l : literals.literals()) {
            anyContains |= l.kind() == LiteralKind.CONTAINS;
            anyAnchored |= l.kind() != LiteralKind.CONTAINS;
        }
        if (!anyContains) {
            out.add(new AnchoredMatcher(literals));
        } else if (anyAnchored) {
            out.add(new SplitMatcher(literals, TeddyMatcher.NAME));
            out.add(new SplitMatcher(literals, AhoCorasickMatcher.NAME));
        }
        return out;
    }
}
