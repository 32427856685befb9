package dev.widescan.match;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, by timing slices of the scan's own pieces, when a vector kernel runs compiled, so that
 * {@link WarmedMatcher} can route the scan to a scalar stand-in meanwhile.
 *
 * <p>Why: until C2 has compiled it, a Vector API kernel runs with every vector a boxed object: ~1,000–5,000
 * ns a unit interpreted, 15–70 ns in C1, against ~0.2 ns compiled and ~1 ns for Aho-Corasick, which C1 and
 * C2 compile within milliseconds. What brings the kernel to C2 is its invocation and loop counters (scaled
 * down for the kernel's methods in {@code jvm.properties}, so a few dozen calls suffice), then the compile
 * itself, which takes a few hundred milliseconds after JVM start whatever the kernel is fed meanwhile.
 * Feeding it megabytes of real data during that time (the first design: 4 Mi units, then every 8th whole
 * piece) spent most of a short scan in boxed vector code (bench/RESULTS.md, "Warm-up by probe slices").
 *
 * <p>How: a piece is split. A probe, the last values of the piece, about {@link #PROBE_UNITS} units (so that
 * the kernel meets the end of its column as often as it will compiled: see {@link WarmedMatcher#probeStart}),
 * goes to the kernel; the rest to the stand-in; both are timed per unit. Probes are spaced by time, not
 * by count: the next probe waits until the stand-in has worked {@link #STAND_IN_NANOS_PER_PROBE_NANO}
 * times as long as the last probe took, so boxed code never takes more than about a fifth of the scan
 * however slow it is, and once compiled (a probe costs microseconds) a probe comes every few pieces. The
 * kernel is declared compiled once {@link #WINS_NEEDED} probes running were faster per unit than the
 * stand-in's recent average; from then on every piece goes to the kernel. Both are exact and the probe
 * follows the rest of its piece, so hits come out in value order and do not depend on where the switch
 * falls.
 *
 * <p>One state per kernel (width and lookup) per process, shared by every scan thread: compiled code belongs
 * to the kernel's class, not to one literal set or thread.
 */
public final class KernelWarmUp {
    /** Units of a probe slice (~128 iterations of the 512-bit loop): long enough to time, short enough boxed. */
    static final int PROBE_UNITS = 8192;
    /** The stand-in's time between probes, in units of the last probe's time (boxed code ≤ 1/5 of the scan). */
    static final int STAND_IN_NANOS_PER_PROBE_NANO = 4;
    static final int WINS_NEEDED = 2;
    /** Pieces shorter than this are not timed (timer noise); they go to the stand-in until the switch. */
    static final int MIN_TIMED_UNITS = 2048;
    /**
     * {@code -Dwidescan.warmup=}: {@code true} (default) the CLI's {@link KernelPreWarm} thread and the
     * probes of {@link WarmedMatcher}; {@code probes} the probes only; {@code prewarm} the thread only (the
     * kernel scans from the first piece); {@code false} neither.
     */
    public static final String PROPERTY = "widescan.warmup";

    private static final ConcurrentHashMap<String, KernelWarmUp> BY_KERNEL = new ConcurrentHashMap<>();

    private final String kernel;
    private volatile boolean compiled;
    private volatile long compiledAfterMillis = -1;
    private long probes;
    private long probedUnits;
    private int wins;
    /** The stand-in's recent nanoseconds per unit (exponential average), 0 until measured. */
    private double standInNanosPerUnit;
    private double lastProbeNanosPerUnit;
    private long lastProbeNanos;
    private long standInNanosSinceProbe;

    private KernelWarmUp(String kernel) {
        this.kernel = kernel;
    }

    /** Whether {@code auto} wraps its vector matchers in {@link WarmedMatcher} ({@code true} or {@code probes}). */
    static boolean enabled() {
        String s = setting();
        return !"false".equalsIgnoreCase(s) && !"prewarm".equalsIgnoreCase(s);
    }

    /** Whether the CLI starts {@link KernelPreWarm} ({@code true} or {@code prewarm}). */
    static boolean preWarmEnabled() {
        String s = setting();
        return !"false".equalsIgnoreCase(s) && !"probes".equalsIgnoreCase(s);
    }

    private static String setting() {
        return System.getProperty(PROPERTY, "true").trim();
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

    /** Whether a piece of {@code units} units (not yet compiled) starts with a probe slice for the kernel. */
    synchronized boolean probeNow(int units) {
        if (compiled) {
            return false;
        }
        return units >= MIN_TIMED_UNITS
                && (probes == 0 || standInNanosSinceProbe >= STAND_IN_NANOS_PER_PROBE_NANO * lastProbeNanos);
    }

    /**
     * Records a piece: {@code probeUnits} units on the kernel in {@code probeNanos} (0 units: no probe) and
     * {@code standInUnits} on the stand-in in {@code standInNanos}.
     */
    synchronized void record(int probeUnits, long probeNanos, int standInUnits, long standInNanos) {
        if (compiled) {
            return;
        }
        standInNanosSinceProbe += standInNanos;
        if (standInUnits >= MIN_TIMED_UNITS) {
            double perUnit = (double) standInNanos / standInUnits;
            standInNanosPerUnit = standInNanosPerUnit == 0 ? perUnit : 0.75 * standInNanosPerUnit + 0.25 * perUnit;
        }
        if (probeUnits == 0) {
            return;
        }
        probes++;
        probedUnits += probeUnits;
        lastProbeNanos = probeNanos;
        standInNanosSinceProbe = 0;
        lastProbeNanosPerUnit = (double) probeNanos / probeUnits;
        boolean timed = probeUnits >= MIN_TIMED_UNITS;
        wins = timed && standInNanosPerUnit > 0 && lastProbeNanosPerUnit < standInNanosPerUnit ? wins + 1 : timed ? 0 : wins;
        if (wins >= WINS_NEEDED) {
            compiledAfterMillis = ManagementFactory.getRuntimeMXBean().getUptime();
            compiled = true;
        }
    }

    @Override
    public synchronized String toString() {
        return String.format(Locale.ROOT, "%s: %s; %d probes, %d units, last probe %.2f ns/unit, stand-in %.2f ns/unit",
                kernel, compiled ? "compiled at " + compiledAfterMillis + " ms" : "not compiled yet", probes,
                probedUnits, lastProbeNanosPerUnit, standInNanosPerUnit);
    }
}
