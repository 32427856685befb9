package dev.widescan.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.Field;
import dev.widescan.format.FormatException;
import dev.widescan.format.ColumnKind;
import dev.widescan.format.RecordColumn;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code widescan inspect}: what an event file holds (version, schema, blocks, records, bytes, units
 * stored, absent values and blocks per column kind: plain, dictionary, constant, absent) and whether every column of every block passes its CRC32C. Exit code 3 when
 * anything is corrupt, after the full report.
 */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Shows an event file's format version, schema, blocks, records, bytes per column and the CRC32C "
            + "status of every column of every block (exit code 3 if any is corrupt)."},
        footer = ExitCodes.HELP_FOOTER)
public final class InspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Event file (.wsev).")
    Path file;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!java.nio.file.Files.exists(file)) {
            throw new UsageException(file + ": no such file");
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new UsageException(file + ": is " + (java.nio.file.Files.isDirectory(file) ? "a folder" : "a " + AtomicOutput.kind(file))
                    + ", not an event file");
        }
        Report r = new Report();
        try (EventFile ef = EventFile.open(file)) {
            r.collect(ef);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                r.printJson(ef, out);
            } else {
                r.printText(ef, out);
            }
            out.flush();
        }
        if (!r.problems.isEmpty()) {
            throw new BadInputException(file + ": " + r.problems.size() + " problem(s), first: " + r.problems.get(0));
        }
        return ExitCodes.OK;
    }

    private static final class Report {
        final long[] bytes = new long[Field.count()];
        final long[] units = new long[Field.count()];
        final long[] absent = new long[Field.count()];
        final int[] corruptBlocks = new int[Field.count()];
        /** [field][kind]: blocks in which the field's column is stored as that {@link ColumnKind}. */
        final int[][] kindBlocks = new int[Field.count()][ColumnKind.values().length];
        final List<String> problems = new ArrayList<>();

        void collect(EventFile ef) {
            EventBlock block = null;
            for (int b = 0; b < ef.blockCount(); b++) {
                try {
                    block = ef.readBlock(b, block);
                } catch (FormatException e) {
                    problems.add(e.getMessage());
                    continue;
                }
                for (Field f : Field.values()) {
                    bytes[f.ordinal()] += block.columnBytes(f);
                    if (!block.crcMatches(f)) {
                        corruptBlocks[f.ordinal()]++;
                        try {
                            block.verify(f);
                        } catch (FormatException e) {
                            problems.add(e.getMessage());
                        }
                        continue;
                    }
                    RecordColumn col;
                    try {
                        col = block.column(f);
                    } catch (FormatException e) {
                        corruptBlocks[f.ordinal()]++;
                        problems.add(e.getMessage());
                        continue;
                    }
                    units[f.ordinal()] += col.totalUnits();
                    kindBlocks[f.ordinal()][col.kind().ordinal()]++;
                    absent[f.ordinal()] += col.absentCount();
                }
            }
        }

        String crcStatus(Field f, EventFile ef) {
            if (ef.columnOf(f) < 0) {
                return "missing";
            }
            return corruptBlocks[f.ordinal()] == 0 ? "ok" : "CORRUPT in " + corruptBlocks[f.ordinal()] + " block(s)";
        }

        void printText(EventFile ef, PrintWriter out) {
            out.printf(Locale.ROOT, "file            %s%n", ef.path());
            out.printf(Locale.ROOT, "size            %,d bytes%n", ef.fileSize());
            out.printf(Locale.ROOT, "format version  %d.%d%n", ef.majorVersion(), ef.minorVersion());
            out.printf(Locale.ROOT, "records         %,d%n", ef.recordCount());
            out.printf(Locale.ROOT, "blocks          %,d%n", ef.blockCount());
            out.printf(Locale.ROOT, "schema          %d columns: %s%n", ef.columnNames().length, String.join(", ", ef.columnNames()));
            out.printf(Locale.ROOT, "%-18s %15s %15s %12s  %-31s  %s%n", "column", "bytes", "units stored", "absent",
                    "blocks: plain/dict/const/absent", "CRC32C");
            for (Field f : Field.values()) {
                int i = f.ordinal();
                int[] k = kindBlocks[i];
                String kinds = k[ColumnKind.PLAIN.ordinal()] + "/" + k[ColumnKind.DICTIONARY.ordinal()] + "/"
                        + k[ColumnKind.CONSTANT.ordinal()] + "/" + k[ColumnKind.ABSENT.ordinal()];
                out.printf(Locale.ROOT, "%-18s %,15d %,15d %,12d  %-31s  %s%n", f.name(), bytes[i], units[i], absent[i],
                        kinds, crcStatus(f, ef));
            }
            for (String p : problems) {
                out.println("problem: " + p);
            }
            out.println(problems.isEmpty() ? "status          ok" : "status          CORRUPT (" + problems.size() + " problem(s))");
        }

        void printJson(EventFile ef, PrintWriter out) throws IOException {
            try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartObject();
                g.writeStringField("file", ef.path().toString());
                g.writeNumberField("fileSize", ef.fileSize());
                g.writeStringField("formatVersion", ef.majorVersion() + "." + ef.minorVersion());
                g.writeNumberField("records", ef.recordCount());
                g.writeNumberField("blocks", ef.blockCount());
                g.writeArrayFieldStart("schema");
                for (String name : ef.columnNames()) {
                    g.writeString(name);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("columns");
                for (Field f : Field.values()) {
                    int i = f.ordinal();
                    g.writeStartObject();
                    g.writeStringField("name", f.name());
                    g.writeNumberField("bytes", bytes[i]);
                    g.writeNumberField("units", units[i]);
                    g.writeNumberField("absent", absent[i]);
                    g.writeNumberField("dictionaryBlocks", kindBlocks[i][ColumnKind.DICTIONARY.ordinal()]);
                    g.writeObjectFieldStart("blocksByKind");
                    for (ColumnKind kind : ColumnKind.values()) {
                        g.writeNumberField(kind.label(), kindBlocks[i][kind.ordinal()]);
                    }
                    g.writeEndObject();
                    g.writeStringField("crc", ef.columnOf(f) < 0 ? "missing" : corruptBlocks[i] == 0 ? "ok" : "corrupt");
                    g.writeNumberField("corruptBlocks", corruptBlocks[i]);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("problems");
                for (String p : problems) {
                    g.writeString(p);
                }
                g.writeEndArray();
                g.writeStringField("status", problems.isEmpty() ? "ok" : "corrupt");
                g.writeEndObject();
            }
            out.println();
        }
    }
}
