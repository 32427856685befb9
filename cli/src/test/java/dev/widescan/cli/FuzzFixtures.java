package dev.widescan.cli;

import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import picocli.CommandLine;

/**
 * Inputs and an in-process runner for the fuzz and reliability tests: event files whose every column
 * holds data (some repetitive, so dictionary-encoded; some absent), a rule reading two columns, and
 * commands run in process through {@link CliRun} (no JVM per case).
 */
final class FuzzFixtures {
    static final String RULE = """
            title: fuzz rule
            id: 5b0f6c1e-2a4d-4f1b-9c3e-fuzz00000001
            level: high
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    CommandLine|contains:
                        - 'VirtualAlloc'
                        - 'kernel32'
                filter:
                    Image|endswith: '\\\\MpCmdRun.exe'
                condition: selection and not filter
            """;

    private FuzzFixtures() {
    }

    /** {@code events} records, every fourth detected by {@link #RULE}, written in blocks of {@code perBlock}. */
    static Path eventFile(Path path, int events, int perBlock, long seed) throws IOException {
        return eventFile(path, events, perBlock, seed, false);
    }

    /** {@code terse}: short unique values (a small file whose every offset can be fuzzed quickly). */
    static Path eventFile(Path path, int events, int perBlock, long seed, boolean terse) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] images = terse ? new String[] {"a.exe", "\\MpCmdRun.exe"} : new String[] {"C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\System32\\rundll32.exe", "C:\\ProgramData\\MpCmdRun.exe"};
        try (EventFileWriter w = EventFileWriter.create(path, perBlock)) {
            for (int i = 0; i < events; i++) {
                EventRecord r = new EventRecord();
                for (Field f : Field.values()) {
                    if (rnd.nextInt(10) == 0) {
                        continue; // absent
                    }
                    String v = switch (f) {
                        case Image, ParentImage -> images[rnd.nextInt(images.length)];
                        case User, ParentUser -> rnd.nextBoolean() ? "CONTOSO\\alice" : "CONTOSO\\bob";
                        case EventID -> "4688";
                        case IntegrityLevel -> "Medium";
                        default -> terse ? Integer.toString(rnd.nextInt(1000)) : f.name() + "-" + i + "-" + Long.toHexString(rnd.nextLong());
                    };
                    r.set(f, v);
                }
                String cmd = terse ? "c " + i : "cmd.exe /c run " + i;
                if (i % 4 == 0) {
                    cmd += rnd.nextBoolean() ? " VirtualAlloc" : " KERNEL32.dll";
                }
                r.set(Field.CommandLine, cmd);
                w.append(r);
            }
        }
        return path;
    }

    static Path rule(Path dir) throws IOException {
        Path p = dir.resolve("fuzz-rule.yml");
        Files.writeString(p, RULE);
        return p;
    }

    /** A stack trace or a JVM error in what a command printed. */
    static boolean hasTrace(String err) {
        return err.contains("\tat ") || err.contains("Exception in thread") || err.contains("java.lang.");
    }
}
