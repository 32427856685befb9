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
 * {@link #run} which drives a command through {@link WidescanCli#execute} with standard output captured
 * in memory (no JVM per case).
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

    record Run(int code, byte[] out, String err) {
        String outText() {
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        }
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

    /** Runs {@code args} in this JVM; standard output of scan and dump is captured in memory. */
    static Run run(String... args) {
        return run(WidescanCli.commandLine(), args);
    }

    /**
     * Like {@link #run(String...)} on a command line reused from run to run (picocli resets every option
     * before parsing), which saves building the command tree in loops of thousands of cases.
     */
    static Run run(CommandLine cl, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((ScanCommand) cl.getSubcommands().get("scan").getCommand()).stdout = out;
        ((DumpCommand) cl.getSubcommands().get("dump").getCommand()).stdout = out;
        StringWriter err = new StringWriter();
        StringWriter text = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(text, true));
        int code = WidescanCli.execute(cl, args);
        byte[] bytes = out.toByteArray();
        if (bytes.length == 0 && !text.toString().isEmpty()) {
            bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return new Run(code, bytes, err.toString());
    }

    /** A stack trace or a JVM error in what a command printed. */
    static boolean hasTrace(String err) {
        return err.contains("\tat ") || err.contains("Exception in thread") || err.contains("java.lang.");
    }
}
