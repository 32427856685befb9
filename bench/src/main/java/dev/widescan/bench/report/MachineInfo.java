package dev.widescan.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.incubator.vector.ByteVector;

/**
 * What a reader needs to judge a figure: the CPU, how many logical CPUs, the vector species the JVM
 * prefers here (the matchers are species-generic, so 256- and 512-bit machines differ), and the JDK.
 * Read by the renderer's JVM, which bench.sh runs on the same machine right after the benchmarks.
 */
public record MachineInfo(String cpuModel, int logicalCpus, String vectorSpecies, String jdk) {
    public static MachineInfo current() {
        String model = "unknown (no /proc/cpuinfo)";
        int cpus = Runtime.getRuntime().availableProcessors();
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
        String species = ByteVector.SPECIES_PREFERRED.vectorBitSize() + "-bit, " + ByteVector.SPECIES_PREFERRED;
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new MachineInfo(model, cpus, species, jdk);
    }
}
