package dev.widescan.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One widescan command run in this JVM as {@code main} runs it ({@link WidescanCli#execute}: exit-code
 * mapping, output-error checks), with what it writes captured: the detections or dump lines that
 * {@code scan} and {@code dump} write to their {@code stdout} stream, picocli's out and err writers and,
 * for {@link #run(String...)}, whatever reaches {@code System.out} / {@code System.err} meanwhile (the
 * scan's summary). The one runner of the cli tests.
 *
 * @param code   the exit code
 * @param stdout the bytes written to standard output (command streams, then picocli's out, then System.out)
 * @param err    the text written to standard error (picocli's err, then System.err)
 */
public record CliRun(int code, byte[] stdout, String err) {
    /** Runs {@code args} on a fresh {@link WidescanCli#commandLineFor}, as {@code main} does; System.out and System.err captured too. */
    public static CliRun run(String... args) {
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        CliRun run;
        try {
            System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
            // Made after the swap: picocli's execution strategy remembers the standard streams current when
            // the command line is made, and replaces the writers below if they differ at execution.
            run = run(WidescanCli.commandLineFor(args), args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(run.stdout);
        out.writeBytes(sysOut.toByteArray());
        return new CliRun(run.code, out.toByteArray(), run.err + sysErr.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code args} on {@code cl} (made by the test, e.g. reused over thousands of fuzz cases): the
     * command streams and picocli's writers are captured, System.out and System.err are left alone.
     */
    public static CliRun run(CommandLine cl, String... args) {
        ByteArrayOutputStream streams = new ByteArrayOutputStream();
        // the command may hold only the subcommand the arguments name (WidescanCli.commandLineFor)
        if (cl.getSubcommands().get("scan") != null) {
            ((ScanCommand) cl.getSubcommands().get("scan").getCommand()).stdout = streams;
        }
        if (cl.getSubcommands().get("dump") != null) {
            ((DumpCommand) cl.getSubcommands().get("dump").getCommand()).stdout = streams;
        }
        StringWriter text = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(text, true));
        cl.setErr(new PrintWriter(err, true));
        int code = WidescanCli.execute(cl, args);
        streams.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return new CliRun(code, streams.toByteArray(), err.toString());
    }

    /** Standard output as UTF-8 text. */
    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
