package dev.widescan.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a function of scripts/lib.sh (sourced by every script) in bash, for the launcher tests. */
final class LibSh {
    static final Path LIB = Path.of("..", "scripts", "lib.sh").toAbsolutePath().normalize();

    private LibSh() {
    }

    /** {@code bash -c "source lib.sh && script"}, with {@code args} as {@code $1}, {@code $2}... */
    static ProcessBuilder bash(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "source \"$0\" && " + script, LIB.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
