package dev.widescan.sigma;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real-data folder from {@code -Dwidescan.shared}; tests that need it are skipped when unset. */
final class SharedData {
    private SharedData() {
    }

    static Path folder() {
        String s = System.getProperty("widescan.shared", "");
        assumeTrue(!s.isBlank(), "set -Dwidescan.shared=/path/to/shared to run real-data tests");
        Path p = Path.of(s);
        assumeTrue(Files.isDirectory(p), "widescan.shared is not a folder: " + p);
        return p;
    }

    static Path seedRule() {
        return folder().resolve("sigma/rules/windows/process_creation/proc_creation_win_susp_inline_win_api_access.yml");
    }
}
