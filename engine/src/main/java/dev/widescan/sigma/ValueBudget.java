package dev.widescan.sigma;

import java.util.function.Supplier;

/**
 * One cap on the values a rule may expand to, whatever produces them: plain list items, {@code windash}
 * (up to 5^6 forms per value), {@code base64offset} (3 per value), {@code expand} placeholders, and
 * YAML aliases repeating a list (each reference is parsed again). A rule over the cap is refused with
 * a {@link SigmaRuleException} naming file, line, selection and field (exit 2).
 *
 * <p>Why one global count rather than a limit per modifier: each modifier's own limit is harmless, the
 * product of several is not (200 windash values of 6 dashes each made 3.1 million literals: 89 s and
 * 1.7 GB before this cap). Counting every value made keeps rule loading linear in what it produces.
 */
final class ValueBudget {
    /** SigmaHQ's largest process_creation rule has a few hundred values; one 6-dash windash value is 15,625. */
    static final int MAX_VALUES_PER_RULE = 50_000;

    private int spent;

    /** Counts {@code n} more values; throws {@code tooMany}'s exception once the rule is over the cap. */
    void spend(int n, Supplier<SigmaRuleException> tooMany) {
        spent += n;
        if (spent > MAX_VALUES_PER_RULE || spent < 0) {
            throw tooMany.get();
        }
    }
}
