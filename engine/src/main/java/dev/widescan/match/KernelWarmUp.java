package dev.widescan.match;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices, by timing the scan's own pieces, when a vector kernel starts running compiled, so that the scan
 * summary can say when it did ({@code kernel_compiled_after_ms}).
 *
 * <p>Why it matters: until C2 has compiled it, a Vector API kernel runs with every vector a boxed object,
 * 15–5,000 ns a unit (C1 or interpreted) against ~0.2–1 ns compiled. What brings it to C2 sooner is in
 * {@code jvm.properties}: C2's thresholds for the kernel's methods are scaled to 1/1000, so the kernel is
 * queued after a few hundred loop iterations of its first piece and compiled (on-stack replacement)
 * within that piece. Measured against that, the earlier designs lost (bench/RESULTS.md §16): routing pieces
 * to a scalar stand-in until probes showed the kernel compiled (the kernel, called less, was compiled later)
 * and a thread warming the kernel while the rules load (CPU taken from C2 and the rule loader on two cores).
 *
 * <p>How: {@link TimedKernelMatcher} times each piece of at least {@link #MIN_TIMED_UNITS} units until
 * {@link #FAST_PIECES_NEEDED} pieces in a row ran faster than {@link #COMPILED_NANOS_PER_UNIT} a unit, far
 * below any boxed figure; then it stops timing. A kernel that stays slower than that on very hit-dense
 * data is simply never reported compiled (-1), never mis-reported.
 *
 * <p>When {@link KernelPreWarm} warmed this kernel, the time reported is when its calls returned
 * ({@link #preWarmed}): they end after the kernel's one blocking C2 compile, which is never thrown away
 * (KernelPreWarmCompileTest), and a scan waits for them. The pieces' timing cannot tell that: it times the
 * whole piece, hits and their sinks included, so on hit-dense fields whose sinks still run interpreted (the
 * whole SigmaHQ catalog's Teddy fields) the first pieces of a compiled kernel measured 16–87 ns a unit, and
 * the summary dated the kernel's compile ~2.4 s after it had ended (~0.3 s) and blamed C2 and boxed vectors.
 *
 * <p>One state per kernel (width and lookup) per process, shared by every scan thread: compiled code belongs
 * to the kernel's class, not to one literal set or thread.
 */
public final class KernelWarmUp {
    /** Pieces shorter than this are not timed (timer noise). */
    static final int MIN_TIMED_UNITS = 2048;
    /** Faster than this a unit, the kernel runs compiled (boxed vector code takes 15 ns a unit or more). */
    static final double COMPILED_NANOS_PER_UNIT = 5.0;
    static final int FAST_PIECES_NEEDED = 2;

    private static final ConcurrentHashMap<String, KernelWarmUp> BY_KERNEL = new ConcurrentHashMap<>();

    private final String kernel;
    private volatile boolean compiled;
    private volatile long compiledAfterMillis = -1;
    /** {@link System#nanoTime()} when the pre-warm thread's calls returned; 0 when it did not run them. */
    private volatile long preWarmedNanos;
    private long timedPieces;
    private int fastInARow;
    private double lastNanosPerUnit;

    private KernelWarmUp(String kernel) {
        this.kernel = kernel;
    }

    /** The process's warm-up state of {@code kernel} ({@link Matcher#vectorKernel()}), created on first use. */
    static KernelWarmUp of(String kernel) {
        return BY_KERNEL.computeIfAbsent(kernel, KernelWarmUp::new);
    }

    /** The warm-up state of {@code kernel} if any matcher of this process used one, else null. */
    public static KernelWarmUp forKernel(String kernel) {
        return kernel == null ? null : BY_KERNEL.get(kernel);
    }

    /** Tests: a state not registered under any kernel. */
    static KernelWarmUp detached(String kernel) {
        return new KernelWarmUp(kernel);
    }

    /** Whether the kernel has been seen running compiled (then its pieces are no longer timed). */
    public boolean compiled() {
        return compiled;
    }

    /**
     * Milliseconds from JVM start until the kernel ran compiled: when the pre-warm's calls returned, if it warmed
     * this kernel, else when a scan's pieces were seen running compiled; -1 while neither.
     */
    public long compiledAfterMillis() {
        long warmed = preWarmedNanos;
        if (warmed != 0) {
            long ago = (System.nanoTime() - warmed) / 1_000_000;
            return Math.max(0, JvmUptime.millis() - ago);
        }
        return compiledAfterMillis;
    }

    /**
     * {@link KernelPreWarm}: its calls of this kernel have returned, after the blocking C2 compile they asked for.
     * A time from {@code System.nanoTime()}: turned into milliseconds after JVM start only when a scan reads it,
     * so that the warm-up, which a scan waits for, starts no management bean.
     */
    void preWarmed(long nanoTime) {
        preWarmedNanos = nanoTime;
    }

    /** Records that a piece of {@code units} units took {@code nanos} on the kernel. */
    synchronized void record(int units, long nanos) {
        if (compiled || units < MIN_TIMED_UNITS) {
            return;
        }
        timedPieces++;
        lastNanosPerUnit = (double) nanos / units;
        fastInARow = lastNanosPerUnit < COMPILED_NANOS_PER_UNIT ? fastInARow + 1 : 0;
        if (fastInARow >= FAST_PIECES_NEEDED) {
            compiledAfterMillis = JvmUptime.millis();
            compiled = true;
        }
    }

    @Override
    public synchronized String toString() {
        return String.format(Locale.ROOT, "%s: %s; %d pieces timed, last %.2f ns/unit",
                kernel, compiled ? "compiled at " + compiledAfterMillis + " ms" : "not compiled yet", timedPieces,
                lastNanosPerUnit);
    }
}
