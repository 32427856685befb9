package dev.widescan.scan;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The calling thread's CPU time in user and system mode and its page faults, from Linux's
 * {@code getrusage(RUSAGE_THREAD)} through FFM.
 *
 * <p>Why per thread and not {@code /proc/self/stat}: the process totals include the JIT compiler and GC
 * threads, which during a short CLI scan are a large share of the time; each scan worker reads its own
 * counters when it starts and when it ends, so the sum is exactly what the scan threads spent, in
 * microseconds (the /proc tick is 10 ms). On a system without {@code getrusage} (not Linux), every
 * figure is -1 and the summary leaves the line out.
 */
final class ThreadUsage {
    private static final int RUSAGE_THREAD = 1;
    /** {@code struct rusage} on 64-bit Linux: two timevals, then 14 longs (minflt, majflt: 4 and 5; nvcsw, nivcsw: 12 and 13). */
    private static final long RUSAGE_BYTES = 144;
    private static final long UTIME = 0;
    private static final long STIME = 16;
    private static final long MINFLT = 64;
    private static final long MAJFLT = 72;
    private static final long NVCSW = 128;
    private static final long NIVCSW = 136;
    private static final MethodHandle GETRUSAGE = lookup();

    /**
     * Microseconds of user and system time, minor and major faults, voluntary context switches (the thread
     * waited: I/O, a lock) and involuntary ones (it was preempted: the CPU had other work): a snapshot, or
     * all -1 when unavailable.
     */
    record Snapshot(long userMicros, long systemMicros, long minorFaults, long majorFaults, long waits, long preemptions) {
        static final Snapshot UNAVAILABLE = new Snapshot(-1, -1, -1, -1, -1, -1);

        boolean available() {
            return userMicros >= 0;
        }

        /** {@code this - earlier}: what the thread spent between the two snapshots. */
        Snapshot since(Snapshot earlier) {
            if (!available() || !earlier.available()) {
                return UNAVAILABLE;
            }
            return new Snapshot(userMicros - earlier.userMicros, systemMicros - earlier.systemMicros,
                    minorFaults - earlier.minorFaults, majorFaults - earlier.majorFaults, waits - earlier.waits,
                    preemptions - earlier.preemptions);
        }

        Snapshot plus(Snapshot other) {
            if (!available() || !other.available()) {
                return UNAVAILABLE;
            }
            return new Snapshot(userMicros + other.userMicros, systemMicros + other.systemMicros,
                    minorFaults + other.minorFaults, majorFaults + other.majorFaults, waits + other.waits,
                    preemptions + other.preemptions);
        }
    }

    private ThreadUsage() {
    }

    private static MethodHandle lookup() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("getrusage")
                    .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null; // no native access (e.g. a JVM without --enable-native-access): no figures
        }
    }

    /** The calling thread's counters now. Allocates a 144-byte confined buffer: call per thread start and end only. */
    static Snapshot now() {
        if (GETRUSAGE == null || !System.getProperty("os.name", "").startsWith("Linux")) {
            return Snapshot.UNAVAILABLE;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment r = arena.allocate(RUSAGE_BYTES, 8);
            int rc = (int) GETRUSAGE.invokeExact(RUSAGE_THREAD, r);
            if (rc != 0) {
                return Snapshot.UNAVAILABLE;
            }
            return new Snapshot(micros(r, UTIME), micros(r, STIME), r.get(ValueLayout.JAVA_LONG, MINFLT),
                    r.get(ValueLayout.JAVA_LONG, MAJFLT), r.get(ValueLayout.JAVA_LONG, NVCSW), r.get(ValueLayout.JAVA_LONG, NIVCSW));
        } catch (Throwable t) {
            return Snapshot.UNAVAILABLE;
        }
    }

    private static long micros(MemorySegment r, long timeval) {
        return r.get(ValueLayout.JAVA_LONG, timeval) * 1_000_000 + r.get(ValueLayout.JAVA_LONG, timeval + 8);
    }
}
