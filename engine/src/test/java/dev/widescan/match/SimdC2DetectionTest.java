package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Whether C2 is there is read from the JVM's options only when they may stop the tiers below it: a JVM started
 * with TieredStopAtLevel on its command line or in JAVA_TOOL_OPTIONS must still be seen without C2 (its vector
 * kernels would run boxed), and one without must be seen with it, without the management bean.
 */
class SimdC2DetectionTest {
    /** Child JVM entry: prints "c2=... mayStop=...". */
    public static void main(String[] args) {
        System.out.println("c2=" + Simd.detectC2() + " mayStop=" + Simd.optionsMayStopTiers());
    }

    @Test
    void tiersStoppedOnTheCommandLineOrInTheEnvironmentMeanNoC2() throws IOException, InterruptedException {
        assertEquals("c2=true mayStop=false", probe(List.of(), Map.of()));
        assertEquals("c2=false mayStop=true", probe(List.of("-XX:TieredStopAtLevel=1"), Map.of()));
        assertEquals("c2=false mayStop=true", probe(List.of(), Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=3")));
        assertEquals("c2=true mayStop=true", probe(List.of("-XX:TieredStopAtLevel=4"), Map.of()));
        assertEquals("c2=true mayStop=false", probe(List.of("-XX:-TieredCompilation"), Map.of()), "C2 alone");
        assertEquals("c2=false mayStop=false", probe(List.of("-Xint"), Map.of()), "interpreted mode, from java.vm.info");
    }

    private static String probe(List<String> jvmOptions, Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.addAll(List.of("--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                SimdC2DetectionTest.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        pb.environment().putAll(environment);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), jvmOptions + " " + environment + ": " + out + err);
        return out;
    }
}
