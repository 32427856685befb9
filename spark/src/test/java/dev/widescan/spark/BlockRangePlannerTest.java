package dev.widescan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Block ranges cover every block once, in order, never split one, and stay within the target unless a block alone exceeds it. */
class BlockRangePlannerTest {
    @Test
    void rangesCoverEveryBlockOnceAndRespectTheTarget() {
        long seed = 0x5EED15L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < 2_000; c++) {
            int blocks = random.nextInt(0, 200);
            long[] start = new long[blocks];
            long[] end = new long[blocks];
            long at = 64 * random.nextLong(1, 100);
            for (int b = 0; b < blocks; b++) {
                start[b] = at;
                at += 64 * random.nextLong(1, 40_000);
                end[b] = at;
            }
            long target = random.nextLong(1, 4_000_000);
            String where = "seed " + seed + " case " + c + " (" + blocks + " blocks, target " + target + ")";
            List<BlockRangePartition> parts = BlockRangePlanner.split(new BlockRangePlanner.IndexedFile("f", at + 128, start, end), "u", target,
                    (from, to) -> new String[0]);
            int next = 0;
            for (BlockRangePartition p : parts) {
                assertEquals(next, p.firstBlock(), where);
                assertTrue(p.endBlock() > p.firstBlock(), where);
                assertEquals(start[p.firstBlock()], p.byteFrom(), where);
                assertEquals(end[p.endBlock() - 1], p.byteTo(), where);
                assertTrue(p.endBlock() - p.firstBlock() == 1 || p.byteTo() - p.byteFrom() <= target, where + ": " + p);
                // Greedy: the next block would have pushed this range past the target.
                if (p.endBlock() < blocks) {
                    assertTrue(end[p.endBlock()] - p.byteFrom() > target, where + ": " + p + " could take one more block");
                }
                next = p.endBlock();
            }
            assertEquals(blocks, next, where);
        }
    }

    @Test
    void theTargetFollowsSparksFileSourceRule() {
        long mib = 1 << 20;
        assertEquals(128 * mib, BlockRangePlanner.targetBytes(128 * mib, 4 * mib, 100_000 * mib, 200), "big archive: maxPartitionBytes");
        assertEquals(50 * mib, BlockRangePlanner.targetBytes(128 * mib, 4 * mib, 100 * mib, 2), "small archive spreads over the cores");
        assertEquals(4 * mib, BlockRangePlanner.targetBytes(128 * mib, 4 * mib, 10 * mib, 16), "never below openCostInBytes");
    }
}
