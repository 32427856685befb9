package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.Utf16Column;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kernel_compiled_after_ms} is a measurement: {@link KernelWarmUp} declares a kernel compiled only
 * after {@link KernelWarmUp#FAST_PIECES_NEEDED} timed pieces in a row ran faster than
 * {@link KernelWarmUp#COMPILED_NANOS_PER_UNIT}, ignores pieces too short to time, and
 * {@link TimedKernelMatcher} passes the kernel's hits through untouched, before and after.
 */
class KernelWarmUpTest {
    private static final LiteralSet LITERALS = new LiteralSet(List.of(
            new Literal("VirtualAlloc", LiteralKind.CONTAINS, false),
            new Literal("CreateRemoteThread", LiteralKind.CONTAINS, false)));
    private static final int PIECE = 16_384;

    @Test
    void compiledOnlyAfterFastPiecesInARow() {
        KernelWarmUp warmUp = KernelWarmUp.detached("test kernel");
        for (int i = 0; i < 100; i++) {
            warmUp.record(PIECE, 100L * PIECE); // boxed: 100 ns a unit
        }
        assertFalse(warmUp.compiled(), warmUp.toString());
        assertEquals(-1, warmUp.compiledAfterMillis());
        for (int i = 0; i < 10; i++) {
            warmUp.record(KernelWarmUp.MIN_TIMED_UNITS - 1, 1); // too short to time, however fast
        }
        assertFalse(warmUp.compiled(), "short pieces are not timed: " + warmUp);
        for (int i = 0; i < 10; i++) { // fast, slow, fast, slow...: never FAST_PIECES_NEEDED in a row
            warmUp.record(PIECE, i % 2 == 0 ? PIECE / 4 : 20L * PIECE);
        }
        assertFalse(warmUp.compiled(), "fast pieces must come in a row: " + warmUp);
        int fast = 0;
        while (!warmUp.compiled() && fast < 100) {
            warmUp.record(PIECE, PIECE / 4); // 0.25 ns a unit
            fast++;
        }
        assertEquals(KernelWarmUp.FAST_PIECES_NEEDED, fast, warmUp.toString());
        assertTrue(warmUp.compiledAfterMillis() > 0, warmUp.toString());
        long at = warmUp.compiledAfterMillis();
        warmUp.record(PIECE, 100L * PIECE);
        assertTrue(warmUp.compiled(), "once seen compiled, it stays so");
        assertEquals(at, warmUp.compiledAfterMillis());
    }

    @Test
    void aPreWarmedKernelIsDatedByTheWarmUpWhateverThePiecesMeasure() {
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        KernelWarmUp warmUp = KernelWarmUp.detached("test kernel");
        warmUp.preWarmed(System.nanoTime() - 300_000_000L); // the warm-up's calls returned 300 ms ago
        // hit-dense pieces whose sinks run cold measure slow although the kernel is compiled
        for (int i = 0; i < 5; i++) {
            warmUp.record(PIECE, 60L * PIECE);
        }
        assertFalse(warmUp.compiled(), "the pieces have not been seen fast: " + warmUp);
        long at = warmUp.compiledAfterMillis();
        assertTrue(at <= uptime - 290 && at >= uptime - 1_000, "dated by the warm-up: " + at + " vs uptime " + uptime);
        for (int i = 0; i < KernelWarmUp.FAST_PIECES_NEEDED; i++) {
            warmUp.record(PIECE, PIECE / 4);
        }
        assertTrue(warmUp.compiled(), warmUp.toString());
        assertEquals(at, warmUp.compiledAfterMillis(), 5, "still the warm-up's time");
    }

    @Test
    void timedKernelMatcherPassesTheKernelsHitsThroughAndTimesOnlyUntilCompiled() {
        KernelWarmUp warmUp = KernelWarmUp.detached("test kernel");
        List<String> ranges = new ArrayList<>();
        TimedKernelMatcher timed = new TimedKernelMatcher(spy(new TeddyMatcher(LITERALS, 256), ranges), warmUp);
        assertEquals("256-bit nibble", timed.vectorKernel());
        assertEquals(TeddyMatcher.NAME, timed.strategyName());
        List<String> values = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            values.add(i % 3 == 0 ? "x".repeat(28) + "virtualALLOC" : i % 3 == 1 ? "x".repeat(28) + "nothing here" : "CreateRemoteThread" + "y".repeat(22));
            if (i % 3 != 1) {
                expected.add(i + ":" + (i % 3 == 0 ? 0 : 1));
            }
        }
        Utf16Column column = Utf16Column.of(values.toArray(String[]::new));
        Searcher searcher = timed.newSearcher();
        List<String> hits = new ArrayList<>();
        searcher.scan(column, 100, 500, (v, id) -> hits.add(v + ":" + id));
        assertEquals(expected.stream().filter(h -> {
            int v = Integer.parseInt(h.substring(0, h.indexOf(':')));
            return v >= 100 && v < 500;
        }).toList(), hits, "the kernel's hits, in value order");
        assertEquals(List.of("100-500"), ranges, "the whole piece goes to the kernel");
        assertTrue(warmUp.toString().contains("1 pieces timed"), warmUp.toString());

        warmUp.record(KernelWarmUp.MIN_TIMED_UNITS, 1);
        warmUp.record(KernelWarmUp.MIN_TIMED_UNITS, 1);
        assertTrue(warmUp.compiled());
        String before = warmUp.toString();
        hits.clear();
        searcher.scan(column, (v, id) -> hits.add(v + ":" + id));
        assertEquals(expected, hits);
        assertEquals(before, warmUp.toString(), "no more timing once compiled");
        assertThrows(IllegalArgumentException.class, () -> new TimedKernelMatcher(new AhoCorasickMatcher(LITERALS)));
    }

    private static Matcher spy(Matcher matcher, List<String> ranges) {
        return new Matcher() {
            @Override
            public String strategyName() {
                return matcher.strategyName();
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
                    ranges.add(from + "-" + to);
                    s.scan(column, from, to, sink);
                };
            }
        };
    }
}
