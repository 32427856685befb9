package dev.widescan.match;

import java.util.List;

/**
 * The literals one matcher looks for on one field; a literal's id is its index here. Duplicates are
 * allowed (the Sigma compiler dedups, but matchers must not assume it) and each id is reported on its own.
 */
public record LiteralSet(List<Literal> literals) {
    public LiteralSet {
        literals = List.copyOf(literals);
    }

    public static LiteralSet of(Literal... literals) {
        return new LiteralSet(List.of(literals));
    }

    public int size() {
        return literals.size();
    }

    public Literal get(int id) {
        return literals.get(id);
    }
}
