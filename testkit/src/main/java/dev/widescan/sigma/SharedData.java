package dev.widescan.sigma;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real-data folder from {@code -Dwidescan.shared}; tests that need it are skipped when unset. */
public final class SharedData {
    private SharedData() {
    }

    public static Path folder() {
        String s = System.getProperty("widescan.shared", "");
        assumeTrue(!s.isBlank(), "set -Dwidescan.shared=/path/to/shared to run real-data tests");
        Path p = Path.of(s);
        assumeTrue(Files.isDirectory(p), "widescan.shared is not a folder: " + p);
        return p;
    }

    /**
     * The project's own copy of the seed rule (corpus/rules/seed, reproduced with its DRL 1.1 attribution),
     * so the seed tests run in every build, with or without ../shared. When ../shared is given, the copy
     * is checked against SigmaHQ's text by {@code SharedSigmaTest}.
     */
    public static Path seedRule() {
        Path rel = Path.of("corpus", "rules", "seed", "proc_creation_win_susp_inline_win_api_access.yml");
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(rel))) {
                return d.resolve(rel);
            }
        }
        throw new IllegalStateException("cannot find " + rel + " above " + Path.of("").toAbsolutePath());
    }

    public static Path sharedSeedRule() {
        return folder().resolve("sigma/rules/windows/process_creation/proc_creation_win_susp_inline_win_api_access.yml");
    }
}
