package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.widescan.testkit.FreshJvm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the warm-up is for (KernelPreWarm): C2 compiles the kernel once, from a profile that has seen every
 * path, so no scan call throws the code away. Each width the machine runs is warmed in a fresh JVM with
 * jvm.properties' flags (the scaled, blocking compile of the kernel) and {@code -XX:+PrintCompilation}:
 * exactly one C2 compile of the kernel's loop, never "made not entrant" by an uncommon trap or a class
 * loaded later. With the whole column as the first range the 256-bit kernel trapped at its loop's entry
 * in most runs and the 128-bit one on a mask class (§20); the blocking compile makes the point at which
 * C2 compiles a fixed number of calls, so this is not a matter of timing.
 */
class KernelPreWarmCompileTest {

    /** Entry point of the forked JVM: {@code bits sevenBit}. */
    public static void main(String[] args) throws IOException {
        KernelPreWarm.warm(Integer.parseInt(args[0]), Boolean.parseBoolean(args[1]));
    }

    @Test
    void everyWidthOfThisMachineIsCompiledOnceAndNeverThrownAway() throws IOException, InterruptedException {
        Simd simd = Simd.current();
        assumeTrue(simd.vectorKernels(), "no vector kernels run on this machine: " + simd.explain());
        List<String[]> widths = new ArrayList<>();
        for (int bits : new int[] {128, 256, 512}) {
            if (bits <= simd.teddyBits()) {
                widths.add(new String[] {Integer.toString(bits), "false"});
            }
        }
        if (simd.teddySevenBit()) {
            widths.add(new String[] {"512", "true"});
        }
        for (String[] width : widths) {
            List<String> lines = warmInFreshJvm(width);
            String where = String.join(" ", width) + ":\n" + String.join("\n", lines);
            long c2 = lines.stream().filter(l -> l.matches("\\s*\\d+\\s+\\d+\\s+b\\s+4\\s+.*")).count();
            long thrownAway = lines.stream().filter(l -> l.contains("made not entrant: uncommon trap") || l.contains("marked for deoptimization")).count();
            assertEquals(1, c2, "one C2 compile of the kernel at " + where);
            assertEquals(0, thrownAway, "no compiled kernel thrown away at " + where);
        }
    }

    /** PrintCompilation's lines about the kernel's loop ({@code TeddyTemplate/...::scan}) in a JVM that warms {@code width}. */
    private static List<String> warmInFreshJvm(String[] width) throws IOException, InterruptedException {
        FreshJvm.Result r = FreshJvm.run(List.of("-XX:+PrintCompilation"), KernelPreWarmCompileTest.class,
                List.of(width[0], width[1]), 60);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        return r.out().lines().filter(l -> l.contains("TeddyTemplate") && l.contains("::scan")).toList();
    }
}
