package dev.widescan.cli;

import dev.widescan.format.EventFileWriter;
import dev.widescan.format.FolderWalk;
import dev.widescan.ingest.IngestStats;
import dev.widescan.ingest.JsonlIngester;
import dev.widescan.ingest.evtx.EvtxIngester;
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

/** {@code widescan ingest}: JSON Lines and EVTX files of Windows events into one event file (docs/FORMAT.md, docs/EVTX.md). */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Reads Windows events and writes the process-creation events (Sysmon 1, Security 4688) to an event "
            + "file, in input order: .evtx files (recognised by their ElfFile signature, whatever their name; chunks "
            + "read on all cores) and JSON Lines (flat Sysmon/4688, nested evtx_dump, Log Analytics WindowsEvent; "
            + "mixed shapes allowed). Folders are searched recursively for EVTX files and *.jsonl / *.ndjson. "
            + "Prints a summary (read, kept, skipped by reason, MB/s) on stderr."},
        footer = ExitCodes.HELP_FOOTER)
public final class IngestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Event file to write; replaced only when the ingest succeeds (written to a temporary file, then renamed).")
    Path output;

    @Option(names = "--skip-bad", description = "Count and skip malformed JSON lines and damaged EVTX files, chunks and records instead of stopping at the first.")
    boolean skipBad;

    @Option(names = "--threads", paramLabel = "N", converter = ThreadsConverter.class,
            description = "Threads reading EVTX chunks, 1.." + ThreadsConverter.MAX + " (default: all cores).")
    Integer threads;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "Input files or folders; '-' reads JSON Lines from stdin.")
    List<String> inputs;

    @Override
    public Integer call() throws IOException {
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        List<Input> resolved = resolve(inputs, w -> spec.commandLine().getErr().println("widescan ingest: warning: " + w));
        List<Path> inputPaths = new ArrayList<>();
        for (Input in : resolved) {
            if (in.path() != null) {
                inputPaths.add(in.path());
            }
        }
        long started = System.nanoTime();
        long records;
        IngestStats stats = new IngestStats();
        try (AtomicOutput target = AtomicOutput.prepare(output, "-o", inputPaths, false)) {
            EventFileWriter writer;
            try {
                writer = EventFileWriter.create(target.path());
            } catch (IOException e) {
                throw new OutputException("cannot write -o " + output + ": " + AtomicOutput.describe(e), e);
            }
            JsonlIngester json = new JsonlIngester(writer, skipBad, stats);
            EvtxIngester evtx = new EvtxIngester(writer, skipBad, stats, nThreads);
            try {
                List<Path> evtxRun = new ArrayList<>();
                for (Input in : resolved) {
                    if (in.evtx()) {
                        evtxRun.add(in.path());
                        continue;
                    }
                    if (!evtxRun.isEmpty()) {
                        evtx.ingest(evtxRun);
                        evtxRun.clear();
                    }
                    if (in.path() == null) {
                        json.ingest(System.in, "stdin");
                    } else {
                        json.ingest(in.path());
                    }
                }
                if (!evtxRun.isEmpty()) {
                    evtx.ingest(evtxRun);
                }
                writer.close();
            } catch (IOException | RuntimeException e) {
                writer.abort();
                if (e instanceof IOException io && !(e instanceof dev.widescan.ingest.JsonInputException) && isWriteFailure(io)) {
                    throw new OutputException("cannot write -o " + output + ": " + AtomicOutput.describe(io), io);
                }
                throw e;
            }
            records = writer.recordCount();
            target.commit();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        var err = spec.commandLine().getErr();
        for (String note : stats.notes()) {
            err.println("widescan ingest: skipped: " + note);
        }
        err.println("widescan ingest: " + stats.summary(seconds));
        err.println(String.format(Locale.ROOT, "widescan ingest: wrote %,d records to %s (%,d bytes)",
                records, output, Files.size(output)));
        err.flush();
        // like scan --skip-bad: the file is complete for what could be read, but a pipeline must be able to tell
        return stats.skippedDamage() ? ExitCodes.SKIPPED_BAD_INPUT : ExitCodes.OK;
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

    /** One input: a file known to be EVTX or JSON Lines; {@code path == null} is stdin. */
    private record Input(Path path, boolean evtx) {
    }

    /**
     * The inputs in order, folders expanded; a file named twice (directly, through a folder, or through a
     * link) is read once, with a warning, as scan does: twice would write every event of it twice.
     */
    private static List<Input> resolve(List<String> args, java.util.function.Consumer<String> warnings) throws IOException {
        List<Input> out = resolveAll(args);
        List<Input> once = new ArrayList<>(out.size());
        java.util.Map<Object, Path> seen = new java.util.HashMap<>();
        int twice = 0;
        for (Input in : out) {
            Path first = in.path() == null ? null : seen.putIfAbsent(dev.widescan.scan.Archive.identity(in.path()), in.path());
            if (first == null) {
                once.add(in);
            } else if (twice++ < NAMED_DUPLICATES) {
                warnings.accept(in.path() + ": same file as " + first + ", named twice: ingested once");
            }
        }
        if (twice > NAMED_DUPLICATES) {
            warnings.accept("... and " + (twice - NAMED_DUPLICATES) + " more input files named twice: ingested once");
        }
        return once;
    }

    private static final int NAMED_DUPLICATES = 3;

    /**
     * A regular file named {@code *.evtx} is read as EVTX even without the signature: its damaged or
     * zeroed header is then reported (exit 3, or counted and named with --skip-bad). In a folder such a
     * file used to be passed over in silence with every event in it; named, it was read as JSON Lines
     * ("invalid UTF-8 at byte 25 of the line").
     */
    private static boolean isEvtxName(Path f) {
        return f.getFileName() != null && f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".evtx");
    }

    private static List<Input> resolveAll(List<String> args) throws IOException {
        List<Input> out = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-")) {
                out.add(new Input(null, false));
                continue;
            }
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                // links to folders followed (FolderWalk); a folder that cannot be listed is an error naming it
                List<Path> files = FolderWalk.entries(p).stream().filter(Files::isRegularFile).toList();
                int before = out.size();
                for (Path f : files) {
                    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (isEvtxName(f) || Files.isReadable(f) && EvtxIngester.isEvtx(f)) {
                        out.add(new Input(f, true));
                    } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                        out.add(new Input(f, false));
                    }
                }
                if (out.size() == before) {
                    throw new UsageException("input folder " + arg + ": no event log in it (no .evtx file, no *.jsonl or *.ndjson)");
                }
            } else if (Files.isReadable(p)) {
                out.add(new Input(p, Files.isRegularFile(p) && isEvtxName(p) || EvtxIngester.isEvtx(p)));
            } else {
                // which of the two, as scan and dump say it ("input file not found or not readable" left it to guess)
                if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new UsageException(arg + ": no such file or directory");
                }
                if (!Files.exists(p)) {
                    throw new UsageException(arg + ": a symbolic link to nothing (dangling)");
                }
                throw new BadInputException(arg + ": permission denied");
            }
        }
        return out;
    }
}
