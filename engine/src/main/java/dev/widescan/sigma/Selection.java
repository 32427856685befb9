package dev.widescan.sigma;

import java.util.List;

/**
 * A named search identifier of a rule's detection: a map (its entries AND) or a list of maps (OR of
 * ANDs); a keyword list is one alternative holding one keyword {@link FieldMatch}.
 *
 * @param alternatives OR of alternatives; each alternative is an AND of field matches
 */
public record Selection(String name, List<List<FieldMatch>> alternatives, int line) {
    public Selection {
        alternatives = alternatives.stream().map(List::copyOf).toList();
    }
}
