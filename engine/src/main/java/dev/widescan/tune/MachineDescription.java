package dev.widescan.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.incubator.vector.ByteVector;

/**
 * What a reader needs to judge a tuning figure or reuse a profile: the CPU model, the logical CPUs, the
 * vector width the JVM prefers here (the matchers are species-generic, so 256- and 512-bit machines pick
 * differently) and the JDK. Recorded in every tune output and profile.
 */
public record MachineDescription(String cpuModel, int logicalCpus, int vectorBits, String jdk) {
    public static MachineDescription current() {
        String model = "unknown (no /proc/cpuinfo)";
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException e) {
            model = "unknown (" + e.getMessage() + ")";
        }
        return new MachineDescription(model, Runtime.getRuntime().availableProcessors(),
                ByteVector.SPECIES_PREFERRED.vectorBitSize(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    /** One line: {@code CPU, N logical CPUs, 256-bit vectors, JDK}. */
    public String summary() {
        return cpuModel + ", " + logicalCpus + " logical CPUs, " + vectorBits + "-bit vectors (ByteVector.SPECIES_PREFERRED), " + jdk;
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel);
        m.put("logicalCpus", Integer.toString(logicalCpus));
        m.put("vectorBits", Integer.toString(vectorBits));
        m.put("jdk", jdk);
        return m;
    }
}
