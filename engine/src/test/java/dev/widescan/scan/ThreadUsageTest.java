package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@link ThreadUsage}: the /proc texts as Linux writes them, and the calling thread's own counters. */
class ThreadUsageTest {
    private static final String STATUS = "Name:\twidescan-scan-0\nState:\tR (running)\n"
            + "voluntary_ctxt_switches:\t45\nnonvoluntary_ctxt_switches:\t233\n";

    @Test
    void fieldsAreReadAfterTheLastParenthesisOfTheName() {
        // a thread name with spaces and parentheses, as /proc prints it between the pid and the state
        String stat = "4242 (a (b) c) R 1 2 3 0 -1 4194624 3257 0 12 0 30 5 0 0 20 0 1 0 100 0 0";
        ThreadUsage.Snapshot s = ThreadUsage.parse("350000000 1000 7\n", stat, STATUS);
        assertEquals(3257, s.minorFaults());
        assertEquals(12, s.majorFaults());
        assertEquals(45, s.waits(), "voluntary, not the nonvoluntary line that ends with the same words");
        assertEquals(233, s.preemptions());
        assertEquals(350_000, s.userMicros() + s.systemMicros(), "the time on a CPU, exact");
        assertEquals(350_000 * 5 / 35, s.systemMicros(), "split as the ticks are (30 user, 5 system)");
    }

    /** A young thread's stat line: no tick of user or system time yet. */
    private static final String YOUNG_STAT = "7 (java) S 1 2 3 0 -1 0 10 0 0 0 0 0 0 0 20 0 1 0 100 0 0";

    @Test
    void beforeTheFirstTickEverythingIsUserTimeAndAMissingLineMakesItUnavailable() {
        ThreadUsage.Snapshot s = ThreadUsage.parse("1500 0 1\n", YOUNG_STAT, STATUS);
        assertEquals(1, s.userMicros());
        assertEquals(0, s.systemMicros());
        assertFalse(ThreadUsage.parse("1500 0 1\n", YOUNG_STAT, "Name:\tjava\n").available());
    }

    @Test
    void aKernelWithoutSchedulerStatisticsGivesTheTicksTimeNotZero() {
        // /proc/<tid>/schedstat reads "0 0 0" when the kernel keeps no scheduler statistics: a running
        // thread with no time slice counted. Its CPU time must not come out as 0 s.
        String stat = "4242 (java) R 1 2 3 0 -1 4194624 3257 0 12 0 30 5 0 0 20 0 1 0 100 0 0";
        ThreadUsage.Snapshot s = ThreadUsage.parse("0 0 0\n", stat, STATUS);
        assertTrue(s.available());
        assertEquals(350_000, s.userMicros() + s.systemMicros(), "35 ticks of 10 ms");
        assertEquals(50_000, s.systemMicros());
        assertEquals(0, ThreadUsage.parse("0 17 1\n", YOUNG_STAT, STATUS).userMicros(), "a young thread's 0 stays 0");
    }

    @Test
    void aDifferenceSplitsItsOwnTicksAndIsNeverNegative() {
        // the ticks' proportion moves between snapshots: split per snapshot, the user time of this pair fell
        ThreadUsage.Snapshot start = ThreadUsage.parse("50000000 0 1\n", "7 (java) S 1 2 3 0 -1 0 10 0 0 0 5 0 0 0 20 0 1 0 100 0 0", STATUS);
        ThreadUsage.Snapshot end = ThreadUsage.parse("55000000 0 1\n", "7 (java) S 1 2 3 0 -1 0 12 0 0 0 5 1 0 0 20 0 1 0 100 0 0", STATUS);
        ThreadUsage.Snapshot used = end.since(start);
        assertTrue(used.available(), String.valueOf(used));
        assertEquals(5_000, used.systemMicros(), "the one tick in between was a system tick");
        assertEquals(0, used.userMicros());
        assertEquals(2, used.minorFaults());
        ThreadUsage.Snapshot both = used.plus(start);
        assertEquals(55_000, both.userMicros() + both.systemMicros());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theCallingThreadsCpuTimeGrowsWithItsWork() {
        assertTrue(ThreadUsage.now().available(), "/proc/thread-self readable on Linux");
        ThreadUsage.Snapshot used = busyFor(50_000_000);
        long cpuMicros = used.userMicros() + used.systemMicros();
        assertTrue(cpuMicros > 10_000 && cpuMicros < 5_000_000, cpuMicros + " µs on a CPU for a 50 ms loop");
        assertTrue(used.minorFaults() >= 0 && used.waits() >= 0 && used.preemptions() >= 0, String.valueOf(used));
        // a reading brought up to date when taken: a few milliseconds show (schedstat alone lags by up to a
        // tick, 10 ms on kernels built with HZ=100)
        ThreadUsage.Snapshot brief = busyFor(3_000_000);
        assertTrue(brief.userMicros() + brief.systemMicros() >= 1_000, brief + " for a 3 ms loop");
    }

    /** What the calling thread spent in {@code nanos} of a busy loop. */
    private static ThreadUsage.Snapshot busyFor(long nanos) {
        ThreadUsage.Snapshot before = ThreadUsage.now();
        long x = 0;
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + end);
        }
        assertTrue(x >= 0);
        return ThreadUsage.now().since(before);
    }
}
