package dev.widescan.tune;

import dev.widescan.format.Field;
import dev.widescan.match.LiteralKind;
import dev.widescan.match.LiteralSet;
import java.util.Locale;

/**
 * A field slot with literals that tuning could not time: the sample holds no byte of that field (no
 * sampled block stores a value of it, or only empty values), so there is nothing for a matcher to read
 * and no figure to compare. The profile keeps {@code auto}'s choice for it ({@link #auto()}), as for a
 * slot with no literal: a profile departs from {@code auto} only on evidence.
 *
 * @param presentBlocks sampled blocks whose column of the field holds any value (then only empty ones)
 */
public record UntimedField(int slot, Field field, LiteralSet literals, String fingerprint, int sampleBlocks,
                           int presentBlocks, Candidate auto) {

    /** Why it was not timed, e.g. {@code no value of this field in the 64 sample blocks}. */
    public String reason() {
        return presentBlocks == 0
                ? String.format(Locale.ROOT, "no value of this field in the %d sample block%s", sampleBlocks, sampleBlocks == 1 ? "" : "s")
                : String.format(Locale.ROOT, "only empty values of this field in the %d sample block%s (present in %d)",
                        sampleBlocks, sampleBlocks == 1 ? "" : "s", presentBlocks);
    }

    public int count(LiteralKind kind) {
        int n = 0;
        for (var l : literals.literals()) {
            n += l.kind() == kind ? 1 : 0;
        }
        return n;
    }
}
