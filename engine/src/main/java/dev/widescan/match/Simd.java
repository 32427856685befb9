package dev.widescan.match;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What this JVM on this CPU can do with the Vector API, decided once per process: whether the vector
 * module is readable, whether C2 is there (the Vector API is ~100× slower without it: under {@code -Xint}
 * or {@code -XX:TieredStopAtLevel} below 4 every vector is a boxed Java object), the preferred vector
 * width, and AVX-512 VBMI (the two-register byte permute behind Teddy's 7-bit table lookup).
 *
 * <p>Why one holder: {@code auto} must never pick a vector kernel that would run emulated, and the
 * reason must be printable ({@code widescan strategies --explain}); asking the same questions in each
 * matcher would answer them differently in different places. In the manner of Lucene's
 * {@code VectorizationProvider}, it logs nothing and falls back quietly; the explanation says why.
 *
 * <p>Override for tests and experiments: {@code -Dwidescan.simd=none|128|256|512[,novbmi|,vbmi]}
 * ({@code none}: no vector kernel; a width: use it as the preferred width, even one the CPU lacks,
 * which then runs in software; {@code novbmi}/{@code vbmi}: force the VBMI answer). Unset or
 * {@code auto}: detect.
 */
public final class Simd {
    /** The system property that overrides detection. */
    public static final String PROPERTY = "widescan.simd";
    /**
     * Whether Teddy's 7-bit table lookup replaces its nibble lookups where VBMI is present. Decided by
     * measurement on an AVX-512 VBMI machine (bench/RESULTS.md, "Teddy on AVX-512: nibble vs 7-bit table").
     */
    static final boolean SEVEN_BIT_WINS = true;

    private static volatile Simd current;

    private final boolean vectorModule;
    private final boolean c2;
    private final int preferredBits;
    private final boolean vbmi;
    private final String source;

    Simd(boolean vectorModule, boolean c2, int preferredBits, boolean vbmi, String source) {
        this.vectorModule = vectorModule;
        this.c2 = c2;
        this.preferredBits = preferredBits;
        this.vbmi = vbmi;
        this.source = source;
    }

    /** This process's capabilities (detected on first use, then fixed). */
    public static Simd current() {
        Simd s = current;
        if (s == null) {
            synchronized (Simd.class) {
                s = current;
                if (s == null) {
                    s = parse(System.getProperty(PROPERTY), detect());
                    current = s;
                }
            }
        }
        return s;
    }

    /**
     * {@code detected} as overridden by the property value {@code spec} (null, empty or "auto": unchanged).
     *
     * @throws IllegalArgumentException naming the property and the accepted forms
     */
    static Simd parse(String spec, Simd detected) {
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("auto")) {
            return detected;
        }
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(",");
        int bits;
        switch (parts[0].trim()) {
            case "none" -> bits = 0;
            case "128" -> bits = 128;
            case "256" -> bits = 256;
            case "512" -> bits = 512;
            default -> throw new IllegalArgumentException(badSpec(spec));
        }
        boolean vbmi = detected.vbmi;
        for (int i = 1; i < parts.length; i++) {
            switch (parts[i].trim()) {
                case "novbmi" -> vbmi = false;
                case "vbmi" -> vbmi = true;
                default -> throw new IllegalArgumentException(badSpec(spec));
            }
        }
        return new Simd(detected.vectorModule, detected.c2, bits, vbmi, "-D" + PROPERTY + "=" + spec.trim());
    }

    private static String badSpec(String spec) {
        return "-D" + PROPERTY + "=" + spec + ": expected auto, none, 128, 256 or 512, optionally followed by ,novbmi or ,vbmi";
    }

    private static Simd detect() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        int bits = module ? Species.preferredBits() : 0;
        return new Simd(module, detectC2(), bits, cpuFlag("avx512vbmi"), "detected");
    }

    /**
     * C2 is present unless the VM interprets only or tiered compilation stops below level 4. Only a JVM option
     * can stop it there, so the management bean that reads the option (~15 ms of every start, on the kernel
     * warm-up's path) is asked only when a place the JVM takes options from names it, or could (an options
     * file, an argument file), or cannot be read.
     */
    static boolean detectC2() {
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode")) {
            return false;
        }
        if (!optionsMayStopTiers()) {
            return true;
        }
        try {
            var diagnostics = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            boolean tiered = Boolean.parseBoolean(diagnostics.getVMOption("TieredCompilation").getValue());
            int stopAt = Integer.parseInt(diagnostics.getVMOption("TieredStopAtLevel").getValue());
            return !tiered || stopAt >= 4;
        } catch (RuntimeException | LinkageError e) {
            return true; // not HotSpot, or no management module: assume an optimising JIT
        }
    }

    /**
     * Whether the JVM's options may set TieredStopAtLevel: its command line (/proc/self/cmdline, where an
     * argument file still shows as {@code @file}) and the environment variables the launcher and the VM read.
     * True when the command line cannot be read (another OS): then the management bean decides.
     */
    static boolean optionsMayStopTiers() {
        StringBuilder options = new StringBuilder();
        for (String variable : new String[] {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"}) {
            String value = System.getenv(variable);
            if (value != null) {
                options.append(value).append('\0');
            }
        }
        try {
            options.append(new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return true;
        }
        String all = options.toString();
        return all.contains("TieredStopAtLevel") || all.contains("VMOptionsFile") || all.contains("-XX:Flags")
                || all.contains("\0@") || all.startsWith("@");
    }

    /** Whether /proc/cpuinfo lists {@code flag} (false where there is no /proc/cpuinfo). */
    private static boolean cpuFlag(String flag) {
        try {
            Optional<String> flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("flags")).findFirst();
            return flags.isPresent() && (" " + flags.get() + " ").contains(" " + flag + " ");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Loaded only when the vector module is readable. */
    private static final class Species {
        static int preferredBits() {
            return jdk.incubator.vector.ByteVector.SPECIES_PREFERRED.vectorBitSize();
        }
    }

    /** Whether a vector kernel runs intrinsified here: module readable, C2 present, at least 128-bit vectors. */
    public boolean vectorKernels() {
        return vectorModule && c2 && preferredBits >= 128;
    }

    /** The width Teddy runs at: the preferred width (128, 256 or 512 bits), 256 where vectors are unusable (exact, slow). */
    public int teddyBits() {
        return preferredBits >= 512 ? 512 : preferredBits >= 256 ? 256 : preferredBits >= 128 ? 128 : 256;
    }

    /** Whether Teddy uses its 7-bit table lookup: 512-bit vectors, VBMI, and it won the measurement. */
    public boolean teddySevenBit() {
        return SEVEN_BIT_WINS && vbmi && teddyBits() == 512;
    }

    public boolean vbmi() {
        return vbmi;
    }

    public int preferredBits() {
        return preferredBits;
    }

    /** Why vector kernels are or are not used: one line for {@code strategies --explain}. */
    public String explain() {
        String what = !vectorModule ? "vector module jdk.incubator.vector not readable (add --add-modules)"
                : !c2 ? "no C2 compiler (-Xint or TieredStopAtLevel < 4): the Vector API would run boxed, ~100x slower"
                : preferredBits < 128 ? "no vector kernels (disabled, or preferred vectors narrower than 128 bits)"
                : "vector kernels on: " + teddyBits() + "-bit, " + (teddySevenBit() ? "7-bit table lookup (AVX-512 VBMI)"
                        : "nibble lookups" + (vbmi ? "" : " (no AVX-512 VBMI)"));
        return "simd (" + source + "): " + what;
    }

    @Override
    public String toString() {
        return explain();
    }
}
