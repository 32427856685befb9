package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import dev.widescan.text.CaseFolding;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A literal set pre-shaped for scanning: each literal's code units are folded once (when the literal is
 * case-insensitive) so a comparison folds only the input side. Shared by every allocation-free strategy,
 * together with the exact verification every prefilter ends in.
 */
final class FoldedLiterals {
    private static final ValueLayout.OfLong QUICK = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    final LiteralSet set;
    /** Per literal: its code units, folded when the literal is case-insensitive. */
    final char[][] units;
    final boolean[] caseless;
    final LiteralKind[] kinds;
    /**
     * A one-load pre-check of the first (up to) 4 units, in the manner of Hyperscan's FDR confirm: a
     * candidate passes when {@code ((word | quickOr) & quickAnd) == quickWord} for the 64-bit little-endian
     * word at its start. ORing 0x20 folds an ASCII letter; positions where other units may fold to the
     * literal's (i, k, s: dotted/dotless I, KELVIN SIGN, LONG S; any non-ASCII) are masked out, so the check
     * never rejects a true hit. It only saves the unit-by-unit compare for most false candidates.
     */
    final long[] quickWord;
    final long[] quickOr;
    final long[] quickAnd;

    FoldedLiterals(LiteralSet set) {
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
        quickWord = new long[n];
        quickOr = new long[n];
        quickAnd = new long[n];
        for (int id = 0; id < n; id++) {
            char[] lit = units[id];
            for (int k = 0; k < Math.min(4, lit.length); k++) {
                char c = lit[k];
                long or = 0;
                long and = 0xFFFF;
                if (caseless[id]) {
                    if (c == 'i' || c == 'k' || c == 's' || c >= 128) {
                        and = 0;
                    } else if (c >= 'a' && c <= 'z') {
                        or = 0x20;
                    }
                }
                quickOr[id] |= or << (16 * k);
                quickAnd[id] |= and << (16 * k);
                quickWord[id] |= ((c | or) & and) << (16 * k);
            }
        }
    }

    /**
     * False only when literal {@code id} surely does not start at unit {@code at}; the caller guarantees
     * 4 units are readable there.
     */
    boolean quickMayMatch(int id, MemorySegment column, long at) {
        long word = column.get(QUICK, 2L * at);
        return ((word | quickOr[id]) & quickAnd[id]) == quickWord[id];
    }

    int size() {
        return units.length;
    }

    /** True when literal {@code id} equals the units at column-wide unit index {@code at} (bounds are the caller's). */
    boolean equalsAt(int id, MemorySegment column, long at) {
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
    boolean verify(int id, MemorySegment column, int start, int valueStart, int valueEnd) {
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
