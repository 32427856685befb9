package dev.widescan.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr is a terminal: decides the default of progress bars. */
final class Terminal {
    private Terminal() {
    }

    static boolean stderrIsTerminal() {
        // scripts/widescan filters stderr through a pipe and says here what it was before.
        String told = System.getProperty("widescan.stderr.terminal", "");
        if (!told.isEmpty()) {
            return Boolean.parseBoolean(told);
        }
        try {
            // Linux: fd 2 links to /dev/pts/N or /dev/ttyN when it is a terminal; exact, unlike System.console().
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            java.io.Console c = System.console();
            return c != null && c.isTerminal();
        }
    }
}
