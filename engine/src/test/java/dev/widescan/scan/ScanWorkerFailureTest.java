package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a scan thread hands a failure to {@link Scanner}. An OutOfMemoryError must be recorded as it is,
 * with no work that allocates: at -Xmx64m over a 2 M-event archive with SigmaHQ's catalog, the old path
 * explained the error (strings, a suppressed note), ran out of memory again inside its catch, and the
 * thread died by an uncaught error, printing a JVM stack trace before the CLI's one-line message and
 * leaving the failure unrecorded. Other failures keep their explanation: file and block.
 */
class ScanWorkerFailureTest {
    @TempDir
    Path dir;
    private Archive archive;
    private DetectionOutput output;

    @AfterEach
    void close() {
        output.stop();
        archive.close();
    }

    private ScanWorker worker(AtomicReference<Throwable> failure) throws IOException {
        Path events = dir.resolve("a.wsev");
        try (EventFileWriter w = EventFileWriter.create(events, 64)) {
            w.append(new EventRecord().set(Field.CommandLine, "cmd /c whoami").set(Field.EventID, "1"));
        }
        Path rule = dir.resolve("r.yml");
        Files.writeString(rule, """
                title: t
                id: 33333333-0000-4000-8000-000000000001
                logsource: {category: process_creation, product: windows}
                detection:
                    sel:
                        CommandLine|contains: 'whoami'
                    condition: sel
                """);
        CompiledRuleSet rules = SigmaCompiler.compile(RuleLoader.load(List.of(rule), false).rules());
        Scanner scanner = new Scanner(rules, ScanOptions.defaults());
        archive = Archive.open(List.of(events));
        output = new DetectionOutput(new ByteArrayOutputStream(), true);
        return new ScanWorker(archive, new BlockScanner(rules, scanner.matchers(), true), rules,
                output, new AtomicInteger(), failure,
                new ScanProgress(1, System.err, false), null, new DetectionLines.Fixed(rules, new String[] {events.toString()}));
    }

    @Test
    void outOfMemoryIsRecordedAsItIsWithNothingAllocated() throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        worker(failure).recordFailure(oom, 0, 0);
        assertSame(oom, failure.get());
        assertEquals(0, oom.getSuppressed().length, "no note built for it: building one allocates");
    }

    @Test
    void otherFailuresStillNameFileAndBlock() throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        IllegalStateException bug = new IllegalStateException("boom");
        worker(failure).recordFailure(bug, 0, 0);
        assertSame(bug, failure.get());
        assertEquals(1, bug.getSuppressed().length);
        assertTrue(bug.getSuppressed()[0].getMessage().contains("a.wsev block 0"), bug.getSuppressed()[0].getMessage());
    }
}
