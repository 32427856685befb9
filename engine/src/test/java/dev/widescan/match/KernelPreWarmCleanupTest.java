package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.widescan.testkit.FreshJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KernelPreWarm#startInBackground}'s thread, which maps its column before it asks {@link Simd},
 * releases what it took on every path: in a fresh JVM (the thread runs once per process), with vector
 * kernels and with {@code -Dwidescan.simd=none} (column mapped, no kernel run), once the thread has ended
 * no file is left in {@code java.io.tmpdir} and no mapping of the warm-up file is left in the process
 * ({@code /proc/self/maps}: its arena was closed); with a tmpdir that does not exist the thread ends
 * quietly (nothing on stderr, exit 0).
 */
class KernelPreWarmCleanupTest {
    private static final Path MAPS = Path.of("/proc/self/maps");

    @TempDir
    Path dir;

    /** Entry point of the forked JVM: runs the warm-up thread to its end, then prints the maps that name its file. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Thread warmUp = KernelPreWarm.startInBackground();
        warmUp.join();
        for (String line : Files.readAllLines(MAPS)) {
            if (line.contains("widescan-warm-up-")) {
                System.out.println("still mapped: " + line);
            }
        }
        System.out.println("done");
    }

    @Test
    void theWarmUpThreadLeavesNoFileAndNoMappingOnEveryPath() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(MAPS), "no /proc/self/maps here");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        for (List<String> options : List.of(List.of("-Djava.io.tmpdir=" + tmp), List.of("-Djava.io.tmpdir=" + tmp, "-Dwidescan.simd=none"),
                List.of("-Djava.io.tmpdir=" + dir.resolve("no-such-tmp")))) {
            String[] run = runFresh(options);
            assertEquals("0", run[0], options + ": " + run[1] + run[2]);
            assertEquals("done\n", run[1], options + ": the warm-up file is still mapped after the thread ended");
            // the JVM's own warnings (incubator module, a missing tmpdir) may be there, no trace of the thread's failure
            assertTrue(!run[2].contains("Exception") && !run[2].contains("\tat "), options + ": " + run[2]);
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.toList(), options + ": nothing left in java.io.tmpdir");
            }
        }
    }

    /** Exit code, stdout and stderr of {@link #main} in a JVM with jvm.properties' flags and {@code options}. */
    private static String[] runFresh(List<String> options) throws IOException, InterruptedException {
        FreshJvm.Result r = FreshJvm.run(options, KernelPreWarmCleanupTest.class, List.of(), 120);
        return new String[] {Integer.toString(r.exitCode()), r.out(), r.err()};
    }
}
