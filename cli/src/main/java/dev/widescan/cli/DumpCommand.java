package dev.widescan.cli;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.ingest.EventJson;
import dev.widescan.format.EventRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code widescan dump}: an event file back to JSON Lines, one record per line, in record order. */
@Command(name = "dump",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the records of an event file as JSON Lines (Sysmon-style field names, absent fields omitted, "
            + "empty ones kept; surrogate code units as JSON unicode escapes so the output re-ingests exactly). "
            + "Every column is CRC-checked before it is printed."},
        footer = ExitCodes.HELP_FOOTER)
public final class DumpCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Event file (.wsev).")
    Path file;

    /** Where records go; tests in this package point it elsewhere. */
    OutputStream stdout;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(file)) {
            throw new UsageException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + ": is " + (Files.isDirectory(file) ? "a folder" : "a " + AtomicOutput.kind(file))
                    + ", not an event file");
        }
        OutputStream out = new BufferedOutputStream(stdout != null ? AtomicOutput.guard(stdout, "standard output") : AtomicOutput.stdout(),
                1 << 16);
        try {
            dump(file, out);
        } catch (InternalError e) {
            if (ExitCodeMapping.isMappedFileFault(e)) {
                throw new BadInputException(file + ": file changed while it was read (truncated or rewritten by another process)", e);
            }
            throw e;
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Writes every record of {@code file} as JSON lines to {@code out}, verifying each block first. */
    public static void dump(Path file, OutputStream out) throws IOException {
        try (EventFile ef = EventFile.open(file); EventJson json = new EventJson(out)) {
            EventBlock block = null;
            EventRecord record = new EventRecord();
            for (int b = 0; b < ef.blockCount(); b++) {
                block = ef.readBlock(b, block);
                block.verifyAll();
                for (int i = 0; i < block.recordCount(); i++) {
                    block.readRecord(i, record);
                    json.write(record);
                }
            }
        }
    }
}
