package dev.widescan.cli;

import dev.widescan.format.EventFileWriter;
import dev.widescan.ingest.JsonlIngester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code widescan ingest}: JSON Lines of Windows events into one event file (docs/FORMAT.md). */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Reads JSON Lines of Windows events (flat Sysmon/4688, nested evtx_dump, Log Analytics WindowsEvent;",
            "mixed shapes allowed) and writes the process-creation events (Sysmon 1, Security 4688) to an",
            "event file, in input order. Prints a summary (read, kept, skipped by reason, MB/s) on stderr."},
        footer = ExitCodes.HELP_FOOTER)
public final class IngestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Event file to write; replaced only when the ingest succeeds (written to a temporary file, then renamed).")
    Path output;

    @Option(names = "--skip-bad", description = "Count and skip malformed JSON lines instead of stopping at the first.")
    boolean skipBad;

    @Parameters(arity = "1..*", paramLabel = "IN.jsonl", description = "Input files; '-' reads stdin.")
    List<String> inputs;

    @Override
    public Integer call() throws IOException {
        List<Path> inputPaths = new ArrayList<>();
        for (String in : inputs) {
            if (in.equals("-")) {
                continue;
            }
            Path p = Path.of(in);
            if (Files.isDirectory(p)) {
                throw new UsageException("input " + in + ": is a folder; name the JSON Lines files");
            }
            if (!Files.isReadable(p)) {
                throw new UsageException("input file not found or not readable: " + in);
            }
            inputPaths.add(p);
        }
        long started = System.nanoTime();
        long records;
        JsonlIngester ingester;
        try (AtomicOutput target = AtomicOutput.prepare(output, "-o", inputPaths, false)) {
            EventFileWriter writer;
            try {
                writer = EventFileWriter.create(target.path());
            } catch (IOException e) {
                throw new OutputException("cannot write -o " + output + ": " + e.getMessage(), e);
            }
            ingester = new JsonlIngester(writer, skipBad);
            try {
                for (String in : inputs) {
                    if (in.equals("-")) {
                        ingester.ingest(System.in, "stdin");
                    } else {
                        ingester.ingest(Path.of(in));
                    }
                }
                writer.close();
            } catch (IOException | RuntimeException e) {
                writer.abort();
                if (e instanceof IOException io && !(e instanceof dev.widescan.ingest.JsonInputException) && isWriteFailure(io)) {
                    throw new OutputException("cannot write -o " + output + ": " + io.getMessage(), io);
                }
                throw e;
            }
            records = writer.recordCount();
            target.commit();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        var err = spec.commandLine().getErr();
        err.println("widescan ingest: " + ingester.stats().summary(seconds));
        err.println(String.format(Locale.ROOT, "widescan ingest: wrote %,d records to %s (%,d bytes)",
                records, output, Files.size(output)));
        err.flush();
        return ExitCodes.OK;
    }

    /** An IOException from the writer's channel (disk full, quota) rather than from reading an input. */
    private static boolean isWriteFailure(IOException e) {
        for (StackTraceElement el : e.getStackTrace()) {
            if (el.getClassName().equals(EventFileWriter.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
