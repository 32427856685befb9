package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.Utf16Column;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's decision is a measurement: the kernel is declared compiled only after it has been faster
 * than its stand-in for {@link KernelWarmUp#WINS_NEEDED} rounds running, and {@link WarmedMatcher} routes
 * to the stand-in until then.
 */
class KernelWarmUpTest {
    private static final LiteralSet LITERALS = new LiteralSet(List.of(
            new Literal("VirtualAlloc", LiteralKind.CONTAINS, false),
            new Literal("CreateRemoteThread", LiteralKind.CONTAINS, false)));

    /** A searcher that takes {@code slowNanos} per call for its first {@code slowCalls} calls, then {@code fastNanos}. */
    private static Searcher timed(AtomicInteger calls, int slowCalls, long slowNanos, long fastNanos) {
        return (column, from, to, sink) -> {
            int n = calls.incrementAndGet();
            LockSupport.parkNanos(n <= slowCalls ? slowNanos : fastNanos);
        };
    }

    @Test
    void switchesOnlyAfterTheKernelIsMeasuredFaster() {
        AtomicInteger vectorCalls = new AtomicInteger();
        AtomicInteger scalarCalls = new AtomicInteger();
        int slowCalls = 10 * KernelWarmUp.SCANS_PER_ROUND;
        KernelWarmUp warmUp = KernelWarmUp.detached("test kernel");
        assertFalse(warmUp.compiled());
        assertEquals(-1, warmUp.compiledAfterMillis());
        warmUp.run(timed(vectorCalls, slowCalls, 4_000_000, 0), timed(scalarCalls, 0, 0, 1_000_000),
                KernelWarmUp.calibrationColumn(LITERALS, 1));
        assertTrue(warmUp.compiled());
        assertTrue(warmUp.compiledAfterMillis() > 0, warmUp.toString());
        // 10 slow rounds, then WINS_NEEDED fast ones; never earlier.
        assertEquals(slowCalls + KernelWarmUp.WINS_NEEDED * KernelWarmUp.SCANS_PER_ROUND, vectorCalls.get(), warmUp.toString());
    }

    @Test
    void routesToTheStandInUntilCompiled() {
        KernelWarmUp warmUp = KernelWarmUp.detached("test kernel");
        List<String> seen = new ArrayList<>();
        Matcher vector = new TeddyMatcher(LITERALS, 256);
        Matcher standIn = new AhoCorasickMatcher(LITERALS);
        WarmedMatcher warmed = new WarmedMatcher(vector, new Matcher() {
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
        assertEquals(List.of("stand-in"), seen);
        assertEquals(List.of("0:0", "2:1"), hits);
        // Drive the detached warm-up to "compiled" with a kernel that is measured faster at once.
        warmUp.run((c, f, t, s) -> { }, (c, f, t, s) -> LockSupport.parkNanos(500_000), column);
        hits.clear();
        searcher.scan(column, (v, id) -> hits.add(v + ":" + id));
        assertEquals(List.of("stand-in"), seen, "after the switch the vector kernel scans");
        assertEquals(List.of("0:0", "2:1"), hits);
    }
}
