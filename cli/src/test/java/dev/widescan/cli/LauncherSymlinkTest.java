package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Users put a link to the launcher on their PATH ({@code ln -s .../scripts/widescan /usr/local/bin/}); the
 * launcher then looked for lib.sh beside the link ("/usr/local/bin/lib.sh: No such file or directory") and
 * ran nothing. Every script that sources lib.sh resolves its own path first.
 */
class LauncherSymlinkTest {
    @Test
    void everyScriptFindsLibShThroughALink() throws IOException {
        Path scripts = LibSh.LIB.getParent();
        List<Path> sourcing;
        try (Stream<Path> files = Files.list(scripts)) {
            sourcing = files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.readString(p).contains("/lib.sh\"");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertTrue(sourcing.size() >= 9, "the launchers and tools that source lib.sh: " + sourcing);
        for (Path p : sourcing) {
            String text = Files.readString(p);
            assertTrue(RESOLVING_FORMS.stream().anyMatch(text::contains), p + " must resolve links");
            assertFalse(text.contains("source \"$(dirname \"${BASH_SOURCE[0]}\")/lib.sh\""), p + " sources lib.sh beside a link");
        }
    }

    /**
     * The ways a script may source lib.sh through its resolved path: with dirname, or (scripts/widescan, run
     * on every command) with a parameter expansion instead of one more process.
     */
    private static final List<String> RESOLVING_FORMS = List.of(
            "source \"$(dirname \"$(readlink -f \"${BASH_SOURCE[0]}\")\")/lib.sh\"",
            "widescan_self=$(readlink -f \"${BASH_SOURCE[0]}\")\nsource \"${widescan_self%/*}/lib.sh\"");

    @Test
    void aLinkedScriptSourcesTheRealLibSh() throws IOException, InterruptedException {
        for (String form : RESOLVING_FORMS) {
            linkedScriptSourcesTheRealLibSh(form);
        }
    }

    private void linkedScriptSourcesTheRealLibSh(String form) throws IOException, InterruptedException {
        // a throwaway script beside lib.sh, reached through a link elsewhere: what each launcher's first lines do
        Path scripts = LibSh.LIB.getParent();
        Path probe = Files.createTempFile(scripts, "probe-", ".sh");
        Path dir = Files.createTempDirectory("widescan-link");
        Path link = dir.resolve("probe");
        try {
            Files.writeString(probe, form + "\necho \"$WIDESCAN_ROOT\"\n");
            Files.createSymbolicLink(link, probe);
            Process p = new ProcessBuilder("bash", link.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(out.equals(scripts.getParent().toString()), form + ": WIDESCAN_ROOT through the link: " + out);
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(dir);
            Files.deleteIfExists(probe);
        }
    }
}
