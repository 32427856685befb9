package dev.widescan.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code main} starts the Teddy kernel's warm-up before picocli parses anything, from a quick look at the
 * arguments: only for {@code scan}, and only with a strategy that may run the kernel (a naive or
 * Aho-Corasick scan must not spend the second core on compiling a kernel it never calls). Every scan also
 * starts its first-use work (native-call stubs, case-folding tables) on a thread of its own.
 */
class ScanWarmUpTest {
    @Test
    void startsForAScanWithAutoOrTeddy() {
        assertNotNull(ScanCommand.warmUpEarly(new String[] {"scan", "-r", "rules", "a.wsev"}));
        assertNotNull(ScanCommand.warmUpEarly(new String[] {"scan", "--strategy", "teddy", "-r", "rules", "a.wsev"}));
        assertNotNull(ScanCommand.warmUpEarly(new String[] {"scan", "--strategy=teddy+anchored", "a.wsev"}));
        assertNotNull(ScanCommand.warmUpEarly(new String[] {"scan", "--strategy=auto", "a.wsev"}));
    }

    @Test
    void startsNothingForOtherCommandsOrStrategies() {
        assertNull(ScanCommand.warmUpEarly(new String[] {}));
        assertNull(ScanCommand.warmUpEarly(new String[] {"ingest", "-o", "x.wsev", "in.jsonl"}));
        assertNull(ScanCommand.warmUpEarly(new String[] {"tune", "-r", "rules", "a.wsev"}));
        assertNull(ScanCommand.warmUpEarly(new String[] {"scan", "--strategy", "naive", "-r", "rules", "a.wsev"}));
        assertNull(ScanCommand.warmUpEarly(new String[] {"scan", "--strategy=aho-corasick", "a.wsev"}));
        assertNull(ScanCommand.warmUpEarly(new String[] {"scan", "--strategy=teddy-256", "a.wsev"}));
    }

    @Test
    void everyScanStartsItsFirstUseWorkAtOnceOnADaemonThread() throws InterruptedException {
        for (String strategy : new String[] {"auto", "naive"}) {
            Thread prepare = ScanCommand.prepareEarly(new String[] {"scan", "--strategy", strategy, "-r", "rules", "a.wsev"});
            assertNotNull(prepare, strategy);
            assertTrue(prepare.isDaemon(), "must not keep the JVM alive");
            prepare.join(20_000);
            assertFalse(prepare.isAlive(), "ends");
        }
        assertNull(ScanCommand.prepareEarly(new String[] {}));
        assertNull(ScanCommand.prepareEarly(new String[] {"ingest", "-o", "x.wsev", "in.jsonl"}));
        assertNull(ScanCommand.prepareEarly(new String[] {"tune", "-r", "rules", "a.wsev"}));
    }

    @Test
    void theStrategiesThatMayRunTheKernel() {
        assertTrue(ScanCommand.mayRunTeddy("auto"));
        assertTrue(ScanCommand.mayRunTeddy("teddy"));
        assertTrue(ScanCommand.mayRunTeddy("teddy+anchored"));
        assertFalse(ScanCommand.mayRunTeddy("large-set"));
        assertFalse(ScanCommand.mayRunTeddy("naive"));
    }
}
