package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.Utf16Column;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's decision is a measurement: a piece's last {@link KernelWarmUp#PROBE_UNITS} units go to the
 * kernel as a probe, spaced so that the stand-in works {@link KernelWarmUp#STAND_IN_NANOS_PER_PROBE_NANO}
 * times as long as the last probe took in between, and the kernel is declared compiled only after
 * {@link KernelWarmUp#WINS_NEEDED} probes running beat the stand-in per unit; {@link WarmedMatcher} splits
 * pieces accordingly and reports the same hits, in value order, either way.
 */
class KernelWarmUpTest {
    private static final LiteralSet LITERALS = new LiteralSet(List.of(
            new Literal("VirtualAlloc", LiteralKind.CONTAINS, false),
            new Literal("CreateRemoteThread", LiteralKind.CONTAINS, false)));
    private static final int PIECE = 16_384;
    private static final int PROBE = KernelWarmUp.PROBE_UNITS;
    private static final int REST = PIECE - PROBE;

    @Test
    void probesAreSpacedByTimeAndTheSwitchNeedsWinningProbes() {
        KernelWarmUp warmUp = KernelWarmUp.detached("test kernel");
        assertFalse(warmUp.probeNow(KernelWarmUp.MIN_TIMED_UNITS - 1), "short pieces are not timed");
        assertTrue(warmUp.probeNow(PIECE), "the first timed piece starts with a probe");
        warmUp.record(PROBE, 100L * PROBE, REST, REST); // boxed probe: 100 ns a unit, stand-in 1 ns
        int standInPieces = 0;
        while (!warmUp.probeNow(PIECE)) {
            warmUp.record(0, 0, PIECE, PIECE);
            standInPieces++;
        }
        // The stand-in must work 4x the probe's 819,200 ns: ceil(3,276,800 / 16,384) = 200 pieces.
        long wait = KernelWarmUp.STAND_IN_NANOS_PER_PROBE_NANO * 100L * PROBE;
        assertEquals((wait + PIECE - 1) / PIECE, standInPieces, warmUp.toString());
        // A probe still 3x slower than the stand-in wins nothing.
        for (int i = 0; i < 10; i++) {
            while (!warmUp.probeNow(PIECE)) {
                warmUp.record(0, 0, PIECE, PIECE);
            }
            warmUp.record(PROBE, 3L * PROBE, REST, REST);
        }
        assertFalse(warmUp.compiled(), warmUp.toString());
        assertEquals(-1, warmUp.compiledAfterMillis());
        // Compiled probes (twice the stand-in's speed): the switch after exactly WINS_NEEDED of them.
        int probes = 0;
        while (!warmUp.compiled() && probes < 100) {
            while (!warmUp.probeNow(PIECE)) {
                warmUp.record(0, 0, PIECE, PIECE);
            }
            probes++;
            warmUp.record(PROBE, PROBE / 2, REST, REST);
        }
        assertEquals(KernelWarmUp.WINS_NEEDED, probes, warmUp.toString());
        assertTrue(warmUp.compiledAfterMillis() > 0, warmUp.toString());
        assertFalse(warmUp.probeNow(PIECE), "once compiled there is nothing to probe");
    }

    @Test
    void aLosingProbeResetsTheWins() {
        KernelWarmUp warmUp = KernelWarmUp.detached("test kernel");
        for (int round = 0; round < 10; round++) {
            warmUp.record(PROBE, PROBE / 2, REST, REST); // wins
            warmUp.record(PROBE, 3L * PROBE, REST, REST); // loses
        }
        assertFalse(warmUp.compiled(), "wins must be consecutive: " + warmUp);
        warmUp.record(PROBE, PROBE / 2, REST, REST);
        warmUp.record(PROBE, PROBE / 2, REST, REST);
        assertTrue(warmUp.compiled(), warmUp.toString());
    }

    @Test
    void splitsPiecesBetweenKernelAndStandInWithTheSameHitsInOrder() {
        KernelWarmUp warmUp = KernelWarmUp.detached("test kernel");
        List<String> ranges = new ArrayList<>();
        WarmedMatcher warmed = new WarmedMatcher(spy("kernel", new TeddyMatcher(LITERALS, 256), ranges),
                spy("stand-in", new AhoCorasickMatcher(LITERALS), ranges), warmUp);
        assertEquals("256-bit nibble", warmed.vectorKernel());
        // 600 values of 40 units: the probe slice is the last 205 values (8,200 units >= PROBE_UNITS).
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String filler = "x".repeat(40 - 12);
            values.add(i % 3 == 0 ? filler + "virtualALLOC" : i % 3 == 1 ? filler + "nothing here" : "CreateRemoteThread" + "y".repeat(22));
        }
        Utf16Column column = Utf16Column.of(values.toArray(String[]::new));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            if (i % 3 != 1) {
                expected.add(i + ":" + (i % 3 == 0 ? 0 : 1));
            }
        }
        Searcher searcher = warmed.newSearcher();
        List<String> hits = new ArrayList<>();
        searcher.scan(column, (v, id) -> hits.add(v + ":" + id));
        assertEquals(expected, hits, "probe and stand-in together report every hit in value order");
        assertEquals(List.of("stand-in 0-395", "kernel 395-600"), ranges);

        ranges.clear();
        hits.clear();
        searcher.scan(Utf16Column.of("cmd /c VirtualAlloc", "x", "createremotethread!"), (v, id) -> hits.add(v + ":" + id));
        assertEquals(List.of("stand-in 0-3"), ranges, "a short piece goes whole to the stand-in");
        assertEquals(List.of("0:0", "2:1"), hits);

        warmUp.record(PROBE, 1, REST, REST);
        warmUp.record(PROBE, 1, REST, REST);
        assertTrue(warmUp.compiled());
        ranges.clear();
        hits.clear();
        searcher.scan(column, (v, id) -> hits.add(v + ":" + id));
        assertEquals(List.of("kernel 0-600"), ranges, "after the switch the vector kernel scans whole pieces");
        assertEquals(expected, hits);
    }

    private static Matcher spy(String name, Matcher matcher, List<String> ranges) {
        return new Matcher() {
            @Override
            public String strategyName() {
                return name;
            }

            @Override
            public LiteralSet literals() {
                return matcher.literals();
            }

            @Override
            public String vectorKernel() {
                return matcher.vectorKernel();
            }

            @Override
            public Searcher newSearcher() {
                Searcher s = matcher.newSearcher();
                return (column, from, to, sink) -> {
                    ranges.add(name + " " + from + "-" + to);
                    s.scan(column, from, to, sink);
                };
            }
        };
    }
}
