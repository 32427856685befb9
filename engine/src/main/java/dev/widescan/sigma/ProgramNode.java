package dev.widescan.sigma;

import java.util.List;

/**
 * Compile-time form of a rule's boolean program, before {@link SigmaCompiler} flattens it into arrays.
 * Literal ids are compile-time ids, mapped to global literal ids when the field slots are known.
 */
sealed interface ProgramNode {
    /** A literal hit on the record. */
    record Lit(int literal) implements ProgramNode {
    }

    /** A literal hit (the prefilter) and then a column check that confirms the whole pattern. */
    record Verify(int literal, int check) implements ProgramNode {
    }

    /** A column check with no literal to gate it. */
    record Check(int check) implements ProgramNode {
    }

    record And(List<ProgramNode> operands) implements ProgramNode {
    }

    record Or(List<ProgramNode> operands) implements ProgramNode {
    }

    record Not(ProgramNode operand) implements ProgramNode {
    }
}
