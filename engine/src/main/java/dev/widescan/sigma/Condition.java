package dev.widescan.sigma;

import java.util.List;

/**
 * A parsed rule condition. {@code x of pattern} is resolved at load time into the selection names it
 * covers, so evaluators never see wildcards.
 */
public sealed interface Condition {
    record Ref(String selection) implements Condition {
    }

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(Condition operand) implements Condition {
    }

    /** {@code 1 of X} ({@code all == false}) or {@code all of X} over the named selections. */
    record Of(boolean all, String written, List<String> selections) implements Condition {
        public Of {
            selections = List.copyOf(selections);
        }
    }
}
