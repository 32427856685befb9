package dev.widescan.match;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, by timing the scan's own pieces, when a vector kernel runs compiled, so that
 * {@link WarmedMatcher} can route pieces to a scalar stand-in meanwhile.
 *
 * <p>Why: until C2 has compiled it, a Vector API kernel runs with every vector a boxed object (interpreted
 * or C1: ~100× slower than compiled), and C2 compiles it only after tens of thousands of loop iterations
 * plus the compile itself (~2 s after JVM start through the CLI on a quiet machine, far more on a busy one):
 * most of a small scan. A scalar strategy (Aho-Corasick) is compiled within milliseconds.
 *
 * <p>How: the kernel first gets every piece until it has read {@link #FEED_UNITS} units (enough loop
 * iterations for C2's thresholds: that work is needed whoever does it, and here its hits are used). Then
 * every {@link #PROBE_EVERY}-th piece still goes to the kernel as a probe, the others to the stand-in; both
 * are timed per unit, and the kernel is declared compiled once {@link #WINS_NEEDED} probes running were
 * faster per unit than the stand-in's recent average. From then on every piece goes to the kernel. Both are
 * exact, so the hits do not depend on where the switch falls. A background thread warming the kernel on
 * synthetic data while the rules load was tried first and lost on this shared machine (its boxed vectors
 * cost CPU the scan needed; bench/RESULTS.md, "CLI cold start").
 *
 * <p>One state per kernel (width and lookup) per process, shared by every scan thread: compiled code belongs
 * to the kernel's class, not to one literal set or thread.
 */
public final class KernelWarmUp {
    /** Units the kernel reads before probing starts (~64,000 iterations of the 512-bit loop). */
    static final long FEED_UNITS = 4L << 20;
    static final int PROBE_EVERY = 8;
    static final int WINS_NEEDED = 2;
    /** Pieces shorter than this are not timed (timer noise); they go to the stand-in until the switch. */
    static final int MIN_TIMED_UNITS = 2048;
    /** {@code -Dwidescan.warmup=false}: {@code auto} runs its vector kernels from the first piece. */
    public static final String PROPERTY = "widescan.warmup";

    private static final ConcurrentHashMap<String, KernelWarmUp> BY_KERNEL = new ConcurrentHashMap<>();

    private final String kernel;
    private volatile boolean compiled;
    private volatile long compiledAfterMillis = -1;
    private long fedUnits;
    private long pieces;
    private int wins;
    /** The stand-in's recent nanoseconds per unit (exponential average), 0 until measured. */
    private double standInNanosPerUnit;
    private double lastProbeNanosPerUnit;

    private KernelWarmUp(String kernel) {
        this.kernel = kernel;
    }

    /** Whether {@code auto} wraps its vector matchers in {@link WarmedMatcher} (on unless {@code -Dwidescan.warmup=false}). */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
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

    /** Whether the kernel has been measured faster than its stand-in (then it runs compiled). */
    public boolean compiled() {
        return compiled;
    }

    /** Milliseconds from JVM start until the kernel was measured compiled; -1 while it is not. */
    public long compiledAfterMillis() {
        return compiledAfterMillis;
    }

    /** Whether the next piece of {@code units} units goes to the kernel (true once compiled). */
    synchronized boolean toKernel(int units) {
        if (compiled) {
            return true;
        }
        if (units < MIN_TIMED_UNITS) {
            return false;
        }
        return fedUnits < FEED_UNITS || ++pieces % PROBE_EVERY == 0;
    }

    /** Records how long a piece of {@code units} units took on the kernel or on the stand-in. */
    synchronized void record(boolean kernelPiece, int units, long nanos) {
        if (compiled || units < MIN_TIMED_UNITS) {
            return;
        }
        double perUnit = (double) nanos / units;
        if (!kernelPiece) {
            standInNanosPerUnit = standInNanosPerUnit == 0 ? perUnit : 0.75 * standInNanosPerUnit + 0.25 * perUnit;
            return;
        }
        fedUnits += units;
        lastProbeNanosPerUnit = perUnit;
        wins = standInNanosPerUnit > 0 && perUnit < standInNanosPerUnit ? wins + 1 : 0;
        if (wins >= WINS_NEEDED) {
            compiledAfterMillis = ManagementFactory.getRuntimeMXBean().getUptime();
            compiled = true;
        }
    }

    @Override
    public synchronized String toString() {
        return String.format(Locale.ROOT, "%s: %s; kernel read %d units, last probe %.2f ns/unit, stand-in %.2f ns/unit",
                kernel, compiled ? "compiled at " + compiledAfterMillis + " ms" : "not compiled yet", fedUnits,
                lastProbeNanosPerUnit, standInNanosPerUnit);
    }
}
