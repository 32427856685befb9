package dev.widescan.match;

import java.util.ArrayList;
import java.util.List;

/** Every strategy the factory lists, plus internal variants (other vector species) the tests must cover. */
public final class AllStrategies {
    private AllStrategies() {
    }

    public static List<Matcher> build(LiteralSet literals) {
        List<Matcher> all = new ArrayList<>();
        for (StrategyInfo info : MatcherFactory.strategies()) {
            all.add(MatcherFactory.create(info.name(), literals));
        }
        all.addAll(MatcherVariants.internalVariants(literals));
        return all;
    }
}
