package dev.widescan.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's CPU time in user and system mode, its page faults and context switches, from Linux's
 * {@code /proc/thread-self}: {@code schedstat} (time on a CPU, in nanoseconds), {@code stat} (faults, and
 * user and system time in 10 ms ticks) and {@code status} (voluntary and involuntary context switches).
 *
 * <p>Why per thread and not {@code /proc/self/stat}: the process totals include the JIT compiler and GC
 * threads, which during a short CLI scan are a large share of the time; each scan worker reads its own
 * counters when it starts and when it ends, so the sum is what the scan threads spent.
 *
 * <p>Why files and not {@code getrusage(RUSAGE_THREAD)} through FFM, as before: the first downcall spins its
 * stub with the class-file API, and on a cold JVM that (with the C1 and C2 compiles of the class-file
 * code it made hot, ~60 ms of C2 in a compile log) took CPU from the rule loader and the kernel's compile on
 * every scan (bench/RESULTS.md §22). The time on a CPU is the JVM's thread CPU time
 * ({@code CLOCK_THREAD_CPUTIME_ID}), exact when read; where the JVM does not give it, the scheduler's sum in
 * {@code schedstat}, which the kernel brings up to date only at a running thread's ticks and switches (it
 * lagged by 0-3 ms on this session's machine). Its split into user
 * and system time follows the proportion of the 10 ms ticks counted over the same span (all user while
 * there is none), so the system share of a scan of a few tenths of a second is approximate. (A kernel that
 * keeps no scheduler statistics writes {@code schedstat} as "0 0 0": the time on a CPU is then the ticks'.)
 * On a system without these files (not
 * Linux) every figure is -1 and the summary leaves the line out.
 */
final class ThreadUsage {
    private static final Path STAT = Path.of("/proc/thread-self/stat");
    private static final Path STATUS = Path.of("/proc/thread-self/status");
    private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
    /** Fields of {@code stat} after the command name's closing parenthesis, counted from 0 (field 3, the state). */
    private static final int MINFLT = 7;
    private static final int MAJFLT = 9;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    /** A tick of {@code stat}'s user and system times (USER_HZ, 100 on Linux). */
    private static final long TICK_NANOS = 10_000_000L;

    /**
     * Microseconds on a CPU, user and system ticks, minor and major faults, voluntary context switches (the
     * thread waited: I/O, a lock) and involuntary ones (it was preempted: the CPU had other work): a snapshot,
     * or all -1 when unavailable. Every field is a counter that only grows, so differences and sums stay
     * counters; the split into user and system time is made from them ({@link #userMicros}), never stored:
     * a split made per snapshot is not monotonic (the ticks' proportion moves), and the difference of two
     * could come out negative.
     */
    record Snapshot(long cpuMicros, long userTicks, long systemTicks, long minorFaults, long majorFaults, long waits,
                    long preemptions) {
        static final Snapshot UNAVAILABLE = new Snapshot(-1, -1, -1, -1, -1, -1, -1);

        boolean available() {
            return cpuMicros >= 0;
        }

        /** The system part of the time on a CPU, in the proportion of the system ticks (0 while there is no tick). */
        long systemMicros() {
            long ticks = userTicks + systemTicks;
            return ticks <= 0 ? 0 : (long) ((double) cpuMicros * systemTicks / ticks);
        }

        long userMicros() {
            return cpuMicros - systemMicros();
        }

        /** {@code this - earlier}: what the thread spent between the two snapshots. */
        Snapshot since(Snapshot earlier) {
            if (!available() || !earlier.available()) {
                return UNAVAILABLE;
            }
            return new Snapshot(cpuMicros - earlier.cpuMicros, userTicks - earlier.userTicks, systemTicks - earlier.systemTicks,
                    minorFaults - earlier.minorFaults, majorFaults - earlier.majorFaults, waits - earlier.waits,
                    preemptions - earlier.preemptions);
        }

        Snapshot plus(Snapshot other) {
            if (!available() || !other.available()) {
                return UNAVAILABLE;
            }
            return new Snapshot(cpuMicros + other.cpuMicros, userTicks + other.userTicks, systemTicks + other.systemTicks,
                    minorFaults + other.minorFaults, majorFaults + other.majorFaults, waits + other.waits,
                    preemptions + other.preemptions);
        }
    }

    private ThreadUsage() {
    }

    /** The calling thread's counters now (three small file reads: call per thread start and end only). */
    static Snapshot now() {
        try {
            Snapshot s = parse(read(SCHEDSTAT), read(STAT), read(STATUS));
            long exact = ExactCpu.nanos();
            return exact < 0 || !s.available() ? s
                    : new Snapshot(exact / 1_000, s.userTicks(), s.systemTicks(), s.minorFaults(), s.majorFaults(), s.waits(), s.preemptions());
        } catch (IOException | RuntimeException e) {
            return Snapshot.UNAVAILABLE;
        }
    }

    /**
     * The calling thread's CPU time from {@code CLOCK_THREAD_CPUTIME_ID} (the JVM's thread CPU time), which,
     * unlike {@code schedstat}, is brought up to date when read: a scan thread of a few milliseconds still
     * shows its time. -1 where the JVM does not measure it. The management bean it comes from is already up
     * for {@code Simd}'s JIT check on the same start-up thread.
     */
    private static final class ExactCpu {
        private static final java.lang.management.ThreadMXBean THREADS = threads();

        private static java.lang.management.ThreadMXBean threads() {
            try {
                java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
                return t.isCurrentThreadCpuTimeSupported() && t.isThreadCpuTimeEnabled() ? t : null;
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }

        static long nanos() {
            return THREADS == null ? -1 : THREADS.getCurrentThreadCpuTime();
        }
    }

    private static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.US_ASCII);
    }

    /** The snapshot the three files' texts give; -1s when one does not read as Linux writes it. */
    static Snapshot parse(String schedstat, String stat, String status) {
        String[] sched = schedstat.trim().split(" ");
        long onCpuNanos = Long.parseLong(sched[0]);
        // the command name may hold spaces and parentheses: the fields start after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long userTicks = Long.parseLong(fields[UTIME]);
        long systemTicks = Long.parseLong(fields[STIME]);
        long waits = statusField(status, "voluntary_ctxt_switches:");
        long preemptions = statusField(status, "nonvoluntary_ctxt_switches:");
        if (onCpuNanos < 0 || waits < 0 || preemptions < 0) {
            return Snapshot.UNAVAILABLE;
        }
        if (sched.length >= 3 && Long.parseLong(sched[2]) == 0) {
            // No time slice counted for a thread that is running this very code: a kernel without
            // scheduler statistics (no CONFIG_SCHED_INFO, or before 5.14 with delay accounting off), which
            // writes "0 0 0". The time on a CPU is then the ticks' (10 ms each), not a silent 0.
            onCpuNanos = (userTicks + systemTicks) * TICK_NANOS;
        }
        return new Snapshot(onCpuNanos / 1_000, userTicks, systemTicks,
                Long.parseLong(fields[MINFLT]), Long.parseLong(fields[MAJFLT]), waits, preemptions);
    }

    /** The number after {@code name} at the start of a line of {@code status}, or -1. */
    private static long statusField(String status, String name) {
        int at = status.startsWith(name) ? 0 : status.indexOf("\n" + name);
        if (at < 0) {
            return -1;
        }
        int from = status.indexOf(name, at) + name.length();
        int end = status.indexOf('\n', from);
        return Long.parseLong(status.substring(from, end < 0 ? status.length() : end).trim());
    }
}
