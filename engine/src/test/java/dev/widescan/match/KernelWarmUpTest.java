package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.Utf16Column;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's decision is a measurement: the kernel gets the first {@link KernelWarmUp#FEED_UNITS}
 * units, then every {@link KernelWarmUp#PROBE_EVERY}-th piece, and is declared compiled only after
 * {@link KernelWarmUp#WINS_NEEDED} probes running beat the stand-in per unit; {@link WarmedMatcher} routes
 * accordingly and reports the same hits either way.
 */
class KernelWarmUpTest {
    private static final LiteralSet LITERALS = new LiteralSet(List.of(
            new Literal("VirtualAlloc", LiteralKind.CONTAINS, false),
            new Literal("CreateRemoteThread", LiteralKind.CONTAINS, false)));
    private static final int PIECE = 16_384;

    @Test
    void switchesOnlyAfterProbesBeatTheStandIn() {
        KernelWarmUp warmUp = KernelWarmUp.detached("test kernel");
        int fed = 0;
        while (warmUp.toKernel(PIECE) && fed < 10_000) {
            warmUp.record(true, PIECE, 100L * PIECE); // boxed: 100 ns per unit
            fed++;
        }
        assertEquals(KernelWarmUp.FEED_UNITS / PIECE, fed, "the kernel is fed exactly FEED_UNITS before probing");
        assertFalse(warmUp.toKernel(KernelWarmUp.MIN_TIMED_UNITS - 1), "short pieces are not timed");
        int probes = 0;
        int standIns = 0;
        for (int piece = 0; piece < 20 * KernelWarmUp.PROBE_EVERY; piece++) {
            boolean kernel = warmUp.toKernel(PIECE);
            warmUp.record(kernel, PIECE, (kernel ? 3L : 1L) * PIECE); // still 3x slower than the stand-in
            probes += kernel ? 1 : 0;
            standIns += kernel ? 0 : 1;
        }
        assertEquals(20, probes, warmUp.toString());
        assertEquals(20 * (KernelWarmUp.PROBE_EVERY - 1), standIns);
        assertFalse(warmUp.compiled(), warmUp.toString());
        assertEquals(-1, warmUp.compiledAfterMillis());
        int piecesUntilSwitch = 0;
        int probesUntilSwitch = 0;
        while (!warmUp.compiled() && piecesUntilSwitch < 1000) {
            boolean kernel = warmUp.toKernel(PIECE);
            warmUp.record(kernel, PIECE, kernel ? PIECE / 2 : PIECE); // compiled: twice the stand-in's speed
            piecesUntilSwitch++;
            probesUntilSwitch += kernel ? 1 : 0;
        }
        assertEquals(KernelWarmUp.WINS_NEEDED, probesUntilSwitch, warmUp.toString());
        assertTrue(piecesUntilSwitch <= KernelWarmUp.WINS_NEEDED * KernelWarmUp.PROBE_EVERY, warmUp.toString());
        assertTrue(warmUp.compiledAfterMillis() > 0, warmUp.toString());
        assertTrue(warmUp.toKernel(1), "once compiled, every piece goes to the kernel");
    }

    @Test
    void routesToTheStandInUntilCompiledWithTheSameHits() {
        KernelWarmUp warmUp = KernelWarmUp.detached("test kernel");
        List<String> seen = new ArrayList<>();
        Matcher standIn = new AhoCorasickMatcher(LITERALS);
        WarmedMatcher warmed = new WarmedMatcher(new TeddyMatcher(LITERALS, 256), new Matcher() {
            @Override
            public String strategyName() {
                return "stand-in";
            }

            @Override
            public LiteralSet literals() {
                return LITERALS;
            }

            @Override
            public Searcher newSearcher() {
                Searcher s = standIn.newSearcher();
                return (column, from, to, sink) -> {
                    seen.add("stand-in");
                    s.scan(column, from, to, sink);
                };
            }
        }, warmUp);
        assertEquals("256-bit nibble", warmed.vectorKernel());
        Utf16Column column = Utf16Column.of("cmd /c VirtualAlloc", "x", "createremotethread!");
        List<String> hits = new ArrayList<>();
        Searcher searcher = warmed.newSearcher();
        searcher.scan(column, (v, id) -> hits.add(v + ":" + id));
        assertEquals(List.of("stand-in"), seen, "a short piece goes to the stand-in while not compiled");
        assertEquals(List.of("0:0", "2:1"), hits);
        while (!warmUp.compiled()) {
            boolean kernel = warmUp.toKernel(PIECE);
            warmUp.record(kernel, PIECE, kernel ? 1 : PIECE);
        }
        hits.clear();
        searcher.scan(column, (v, id) -> hits.add(v + ":" + id));
        assertEquals(List.of("stand-in"), seen, "after the switch the vector kernel scans");
        assertEquals(List.of("0:0", "2:1"), hits);
    }
}
