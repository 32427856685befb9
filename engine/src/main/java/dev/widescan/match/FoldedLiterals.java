package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import dev.widescan.text.CaseFolding;
import java.lang.foreign.MemorySegment;

/**
 * A literal set pre-shaped for scanning: each literal's code units are folded once (when the literal is
 * case-insensitive) so a comparison folds only the input side. Shared by every allocation-free strategy,
 * together with the exact verification every prefilter ends in. Public for strategies outside this
 * package (the benchmarks' yardsticks); the arrays it hands out are its own and must not be modified.
 */
public final class FoldedLiterals {
    final LiteralSet set;
    /** Per literal: its code units, folded when the literal is case-insensitive. */
    final char[][] units;
    final boolean[] caseless;
    final LiteralKind[] kinds;

    public FoldedLiterals(LiteralSet set) {
        this.set = set;
        int n = set.size();
        units = new char[n][];
        caseless = new boolean[n];
        kinds = new LiteralKind[n];
        for (int id = 0; id < n; id++) {
            Literal literal = set.get(id);
            caseless[id] = !literal.caseSensitive();
            units[id] = (caseless[id] ? CaseFolding.fold(literal.text()) : literal.text()).toCharArray();
            kinds[id] = literal.kind();
        }
    }

    public int size() {
        return units.length;
    }

    public LiteralSet set() {
        return set;
    }

    /** Literal {@code id}'s units, folded when it is case-insensitive (read only). */
    public char[] units(int id) {
        return units[id];
    }

    public boolean caseless(int id) {
        return caseless[id];
    }

    public LiteralKind kind(int id) {
        return kinds[id];
    }

    /** True when literal {@code id} equals the units at column-wide unit index {@code at} (bounds are the caller's). */
    public boolean equalsAt(int id, MemorySegment column, long at) {
        char[] lit = units[id];
        long base = 2L * at;
        if (caseless[id]) {
            for (int k = 0; k < lit.length; k++) {
                if (CaseFolding.fold(column.get(Utf16Column.UNIT, base + 2L * k)) != lit[k]) {
                    return false;
                }
            }
        } else {
            for (int k = 0; k < lit.length; k++) {
                if (column.get(Utf16Column.UNIT, base + 2L * k) != lit[k]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * True when literal {@code id}, found (or proposed) to start at unit {@code start} of a value spanning
     * {@code [valueStart, valueEnd)}, fits in the value, stands where its kind demands and equals the input.
     */
    public boolean verify(int id, MemorySegment column, int start, int valueStart, int valueEnd) {
        int end = start + units[id].length;
        if (start < valueStart || end > valueEnd) {
            return false;
        }
        switch (kinds[id]) {
            case STARTS_WITH -> {
                if (start != valueStart) {
                    return false;
                }
            }
            case ENDS_WITH -> {
                if (end != valueEnd) {
                    return false;
                }
            }
            case EQUALS -> {
                if (start != valueStart || end != valueEnd) {
                    return false;
                }
            }
            case CONTAINS -> {
            }
        }
        return equalsAt(id, column, start);
    }
}
