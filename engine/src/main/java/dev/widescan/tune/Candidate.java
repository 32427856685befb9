package dev.widescan.tune;

import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.MatcherFactory;
import dev.widescan.match.TeddyMatcher;
import dev.widescan.scan.StrategyProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One strategy (with the parameters it exposes) that tuning times on one field. */
public record Candidate(String strategy, Map<String, String> parameters) {
    public Candidate {
        parameters = Map.copyOf(parameters);
    }

    public String label() {
        return StrategyProfile.label(strategy, parameters);
    }

    Matcher build(LiteralSet literals) {
        return MatcherFactory.create(strategy, parameters, literals);
    }

    /**
     * Every strategy that can serve {@code literals}, {@code auto}'s pick first (it is the self-test's
     * reference and the ratios' denominator): {@link MatcherFactory#candidates}, plus Teddy at each
     * narrower vector width this CPU runs natively (a width it lacks would run in software).
     */
    static List<Candidate> forLiterals(LiteralSet literals, int preferredVectorBits) {
        String auto = MatcherFactory.pick(literals);
        List<Candidate> out = new ArrayList<>();
        out.add(new Candidate(auto, Map.of()));
        for (String name : MatcherFactory.candidates(literals)) {
            if (!name.equals(auto)) {
                out.add(new Candidate(name, Map.of()));
            }
            if (name.equals(TeddyMatcher.NAME)) {
                int defaultBits = preferredVectorBits >= 512 ? 512 : 256;
                for (int bits : new int[] {128, 256, 512}) {
                    if (bits != defaultBits && bits <= Math.max(preferredVectorBits, 128)) {
                        out.add(new Candidate(name, Map.of(MatcherFactory.TEDDY_VECTOR_BITS, Integer.toString(bits))));
                    }
                }
            }
        }
        return out;
    }
}
