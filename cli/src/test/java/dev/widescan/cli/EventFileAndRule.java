package dev.widescan.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI's bad-input tests start from: a temporary folder holding a small generated event file
 * ({@code events}) and a rule that matches some of it ({@code rule}); a subclass may ask for a larger file.
 */
abstract class EventFileAndRule {
    @TempDir
    Path dir;
    Path events;
    Path rule;

    /** Records, records a block and the generator's seed of {@code events}. */
    int[] eventFileShape() {
        return new int[] {200, 64, 1};
    }

    @BeforeEach
    void data() throws IOException {
        int[] shape = eventFileShape();
        events = FuzzFixtures.eventFile(dir.resolve("e.wsev"), shape[0], shape[1], shape[2], false);
        rule = FuzzFixtures.rule(dir);
    }
}
