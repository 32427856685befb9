package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings a vector kernel to C2 on a background thread and says, by measurement, when it runs compiled.
 *
 * <p>Why: until C2 has compiled it, a Vector API kernel runs with every vector a boxed object (interpreted
 * or C1: ~100× slower than compiled), and C2 gets to it only after thousands of calls: ~2 s after JVM
 * start through the CLI, most of a small scan. Meanwhile a scalar strategy (Aho-Corasick) is compiled
 * within milliseconds. So {@link WarmedMatcher} routes each piece of a column to the scalar stand-in until
 * this warm-up says the kernel is compiled, while this thread drives the kernel on a calibration column
 * shaped like Windows command lines with the matcher's own literals in it (so the verification path is
 * profiled too). The switch is decided by timing, not by a timer: every round scans the calibration column
 * with the kernel and with the stand-in, and the kernel is declared compiled after it has been the faster
 * of the two in {@link #WINS_NEEDED} rounds running. Both are exact, so either gives the same hits.
 *
 * <p>One warm-up per kernel (width and lookup) per process: compiled code belongs to the kernel's class,
 * not to one literal set. It gives up after {@link #GIVE_UP_NANOS} (the stand-in then keeps the scan, at
 * its own speed).
 */
public final class KernelWarmUp {
    static final int WINS_NEEDED = 3;
    static final long GIVE_UP_NANOS = 60_000_000_000L;
    /** Scans of the calibration column per side and round. */
    static final int SCANS_PER_ROUND = 4;
    /** {@code -Dwidescan.warmup=false}: {@code auto} uses vector kernels directly, cold (benchmarks of the cold path). */
    public static final String PROPERTY = "widescan.warmup";

    private static final ConcurrentHashMap<String, KernelWarmUp> BY_KERNEL = new ConcurrentHashMap<>();

    private final String kernel;
    private volatile boolean compiled;
    private volatile long compiledAfterMillis = -1;
    private volatile long rounds;

    private KernelWarmUp(String kernel) {
        this.kernel = kernel;
    }

    /** Whether {@code auto} wraps its vector matchers in {@link WarmedMatcher} (on unless {@code -Dwidescan.warmup=false}). */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /**
     * The warm-up of {@code vector}'s kernel, started on first call with {@code vector} and {@code scalar}
     * (same literals) on a calibration column drawn from their literals.
     */
    static KernelWarmUp of(Matcher vector, Matcher scalar) {
        String kernel = vector.vectorKernel();
        return BY_KERNEL.computeIfAbsent(kernel, k -> {
            KernelWarmUp warmUp = new KernelWarmUp(k);
            Utf16Column calibration = calibrationColumn(vector.literals(), 42);
            Thread.ofPlatform().daemon().name("widescan-warmup-" + k.replace(' ', '-'))
                    .start(() -> warmUp.run(vector.newSearcher(), scalar.newSearcher(), calibration));
            return warmUp;
        });
    }

    /** Whether the kernel has been measured faster than its scalar stand-in (then it runs compiled). */
    public boolean compiled() {
        return compiled;
    }

    /** Milliseconds from JVM start until the kernel was measured compiled; -1 while it is not (or was never warmed). */
    public long compiledAfterMillis() {
        return compiledAfterMillis;
    }

    /** The warm-up of a kernel ({@link Matcher#vectorKernel()}) if one ran in this process, else null. */
    public static KernelWarmUp forKernel(String kernel) {
        return kernel == null ? null : BY_KERNEL.get(kernel);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %s after %d rounds", kernel,
                compiled ? "compiled at " + compiledAfterMillis + " ms" : "not compiled yet", rounds);
    }

    /** The loop of the warm-up thread (package-private for the tests, which drive it with stand-in matchers). */
    void run(Searcher vector, Searcher scalar, Utf16Column calibration) {
        HitSink ignore = (value, literal) -> { };
        long start = System.nanoTime();
        int wins = 0;
        while (!compiled && System.nanoTime() - start < GIVE_UP_NANOS) {
            long t0 = System.nanoTime();
            for (int i = 0; i < SCANS_PER_ROUND; i++) {
                vector.scan(calibration, ignore);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < SCANS_PER_ROUND; i++) {
                scalar.scan(calibration, ignore);
            }
            long t2 = System.nanoTime();
            rounds++;
            wins = t1 - t0 < t2 - t1 ? wins + 1 : 0;
            if (wins >= WINS_NEEDED) {
                compiledAfterMillis = ManagementFactory.getRuntimeMXBean().getUptime();
                compiled = true;
            }
        }
    }

    /** Tests: a warm-up not registered under any kernel. */
    static KernelWarmUp detached(String kernel) {
        return new KernelWarmUp(kernel);
    }

    private static final String[] WORDS = {"C:\\Windows\\System32\\", "cmd.exe", "/c", "powershell.exe", "-NoProfile",
        "-ExecutionPolicy", "Bypass", "rundll32.exe", "\"C:\\Program Files\\", "svchost.exe", "-k", "netsvcs", "/s",
        "HKLM\\SOFTWARE\\Microsoft\\", "reg.exe", "query", "--type=renderer", "chrome.exe", "\\AppData\\Local\\Temp\\",
        "update.exe", "msiexec", "/i", "setup.msi", "wmic", "process", "call", "create", "schtasks", "/create",
        "/tn", "Updater", "-enc", "JABzAD0ATgBlAHcA", "conhost.exe", "0xffffffff", "-ForceV1", "/quiet", "1024"};

    /**
     * About 24,000 units of command-line-like values, a few with one of {@code literals} in them in a random
     * case: the kernel's fingerprint, candidate and verification paths all run, as on real data.
     */
    static Utf16Column calibrationColumn(LiteralSet literals, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> values = new ArrayList<>();
        for (int v = 0; v < 160; v++) {
            StringBuilder sb = new StringBuilder();
            int length = 40 + random.nextInt(220);
            while (sb.length() < length) {
                sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            if (literals.size() > 0 && random.nextInt(16) == 0) {
                String text = literals.get(random.nextInt(literals.size())).text();
                sb.insert(random.nextInt(sb.length() + 1), random.nextBoolean() ? text : text.toUpperCase(Locale.ROOT));
            }
            values.add(sb.toString());
        }
        return Utf16Column.of(values.toArray(String[]::new));
    }
}
