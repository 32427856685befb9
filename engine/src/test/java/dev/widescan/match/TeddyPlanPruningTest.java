package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.widescan.testkit.SeededProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Teddy's greedy skips the (window, bucket) candidates whose lower bound is above the best growth found: a
 * build-time shortcut that must never change a plan (the plan decides the scan's speed, and a plan that
 * depended on the shortcut would make its effect on speed unmeasurable). Every literal set here is planned
 * with and without the shortcut and the two plans compared field by field: windows, buckets, tables.
 */
class TeddyPlanPruningTest {
    /** Pieces of Windows API and command-line words: literals that share prefixes, suffixes and letters. */
    private static final String[] PIECES = {"Create", "Open", "Get", "Set", "Write", "Read", "Load", "Free", "Process",
        "Thread", "Token", "Handle", "Library", "Memory", "Virtual", "Alloc", "Remote", "User", "Module", "Proc",
        "Address", "kernel", "32", "ntdll", "secur", "Ex", "W", "A", "-enc", " /c ", "\\\\", ".exe", "powershell",
        "Invoke-", "http://", "é", "İ", "K", "ſ", "日本", "Ω"};

    @Test
    void prunedGreedyPlansExactlyAsTheFullWalk() {
        SeededProperty.forAll(150, r -> samePlan(r, r.nextInt(2, TeddyPlan.MODELLED_LITERALS + 1)));
    }

    @Test
    void seedRuleSizedSetsPlanExactlyAsTheFullWalk() {
        SeededProperty.forAll(20, r -> samePlan(r, 46));
    }

    private static void samePlan(SplittableRandom r, int count) {
        List<Literal> literals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = r.nextInt(1, 5);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[r.nextInt(PIECES.length)]);
            }
            literals.add(new Literal(text.toString(), LiteralKind.CONTAINS, r.nextInt(5) == 0));
        }
        FoldedLiterals folded = new FoldedLiterals(new LiteralSet(literals));
        TeddyPlan pruned = new TeddyPlan(folded, null, true, true);
        TeddyPlan full = new TeddyPlan(folded, null, true, false);
        String set = literals.toString();
        assertArrayEquals(full.windowOffset, pruned.windowOffset, "windows of " + set);
        assertArrayEquals(full.bucketLiterals, pruned.bucketLiterals, "buckets of " + set);
        assertArrayEquals(full.table7, pruned.table7, "7-bit tables of " + set);
        assertArrayEquals(full.lowNibble, pruned.lowNibble, "low nibbles of " + set);
        assertArrayEquals(full.highNibble, pruned.highNibble, "high nibbles of " + set);
    }
}
