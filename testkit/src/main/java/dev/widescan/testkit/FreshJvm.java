package dev.widescan.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a new JVM started as {@code scripts/widescan} starts one: this JDK, the flags of
 * {@code jvm.properties} ({@code widescan.jvm.args}), then the test's options, on the test's class path.
 * For the tests of what happens once per process: which methods C2 compiles at start-up, what the early
 * threads leave behind, what a bad JVM property prints.
 *
 * <p>Standard input is empty; standard output and error are read at the same time, so that a child that
 * writes much to one of them cannot block on a full pipe while the other is being read.
 */
public final class FreshJvm {
    /** The repository's jvm.properties, seen from a module's folder (where Maven runs the tests). */
    private static final Path JVM_PROPERTIES = Path.of("..", "jvm.properties").toAbsolutePath().normalize();

    /** What the process wrote and how it ended. */
    public record Result(int exitCode, String out, String err) {
    }

    private FreshJvm() {
    }

    /**
     * Runs {@code mainClass} with {@code jvmOptions} (after jvm.properties' flags) and {@code args}; fails
     * with an {@link IllegalStateException} naming the class if it has not ended after {@code timeoutSeconds}.
     */
    public static Result run(List<String> jvmOptions, Class<?> mainClass, List<String> args, int timeoutSeconds)
            throws IOException, InterruptedException {
        String flags = Files.readAllLines(JVM_PROPERTIES).stream().filter(l -> l.startsWith("widescan.jvm.args="))
                .findFirst().orElseThrow(() -> new IllegalStateException(JVM_PROPERTIES + ": no widescan.jvm.args"))
                .substring("widescan.jvm.args=".length());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(Arrays.asList(flags.trim().split("\\s+")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
        String out = text(p.getInputStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(mainClass.getName() + " did not end within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), out, err.join());
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
