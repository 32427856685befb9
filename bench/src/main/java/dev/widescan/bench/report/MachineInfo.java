package dev.widescan.bench.report;

import dev.widescan.tune.MachineDescription;
import jdk.incubator.vector.ByteVector;

/**
 * What a reader needs to judge a figure: the CPU, how many logical CPUs, the vector species the JVM
 * prefers here (the matchers are species-generic, so 256- and 512-bit machines differ), and the JDK.
 * Read by the renderer's JVM, which bench.sh runs on the same machine right after the benchmarks.
 */
public record MachineInfo(String cpuModel, int logicalCpus, String vectorSpecies, String jdk) {
    /** This machine, as {@code widescan tune} describes it (one reading of /proc/cpuinfo and the species). */
    public static MachineInfo current() {
        MachineDescription m = MachineDescription.current();
        String species = m.vectorBits() + "-bit, " + ByteVector.SPECIES_PREFERRED;
        return new MachineInfo(m.cpuModel(), m.logicalCpus(), species, m.jdk());
    }

    /** One line for the reports: CPU, logical CPUs, vector species, JDK. */
    public String line() {
        return cpuModel + ", " + logicalCpus + " logical CPUs; vectors " + vectorSpecies + "; " + jdk;
    }

    /** As a JSON object (the sidecar {@code <result>.machine.json} bench.sh writes next to every JMH result). */
    public String json() {
        return "{\"cpu\": " + quote(cpuModel) + ", \"logicalCpus\": " + logicalCpus + ", \"vectorBits\": "
                + ByteVector.SPECIES_PREFERRED.vectorBitSize() + ", \"vectorSpecies\": " + quote(vectorSpecies)
                + ", \"jdk\": " + quote(jdk) + "}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * {@code MachineInfo [--line]}: this machine as JSON (default) or one line; bench.sh records it next to
     * every JMH result, since JMH's own JSON has the JDK but neither the CPU nor the vector width.
     */
    public static void main(String[] args) {
        MachineInfo m = current();
        System.out.println(args.length > 0 && args[0].equals("--line") ? m.line() : m.json());
    }
}
