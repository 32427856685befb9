package dev.widescan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code widescan} command: one picocli subcommand per job. */
@Command(name = "widescan",
        mixinStandardHelpOptions = true,
        versionProvider = WidescanCli.Version.class,
        description = "Sigma process_creation rules over memory-mapped UTF-16 event files.",
        footer = ExitCodes.HELP_FOOTER)
public final class WidescanCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new WidescanCli());
        // One line per command:
        cl.addSubcommand(new IngestCommand());
        cl.addSubcommand(new DumpCommand());
        cl.addSubcommand(new InspectCommand());
        cl.addSubcommand(new StrategiesCommand());
        cl.addSubcommand(new RulesCommand());
        cl.addSubcommand(new ScanCommand());
        cl.addSubcommand(new GenCommand());
        cl.addSubcommand(new TuneCommand());
        cl.setExitCodeExceptionMapper(ExitCodeMapping::exitCodeOf);
        cl.setExecutionExceptionHandler(ExitCodeMapping::handleExecutionException);
        cl.setParameterExceptionHandler(ExitCodeMapping::handleParameterException);
        return cl;
    }

    public static void main(String[] args) {
        ScanCommand.prepareEarly(args);
        ScanCommand.warmUpEarly(args);
        System.exit(execute(commandLine(), args));
    }

    /**
     * {@code cl.execute(args)} plus what picocli leaves out: an {@link Error} escaping a command (a mapped
     * file truncated under the reader, a stack overflow on hostile input) goes through the same mapping
     * as exceptions, and a write error on standard output or standard error (which PrintStream and
     * PrintWriter swallow, e.g. {@code > /dev/full}) makes the exit code 4 instead of a silent 0.
     */
    public static int execute(CommandLine cl, String... args) {
        int code;
        try {
            code = cl.execute(args);
        } catch (Error | RuntimeException e) {
            code = ExitCodeMapping.handleError(e, cl);
        }
        cl.getOut().flush();
        System.out.flush();
        if ((cl.getOut().checkError() || System.out.checkError()) && code == ExitCodes.OK) {
            // only when the command did not fail already: a command that wrote standard output through
            // AtomicOutput.stdout() has reported this very error on its own line
            cl.getErr().println("widescan: cannot write standard output (disk full, closed pipe or /dev/full?)");
            code = ExitCodes.OUTPUT_ERROR;
        }
        cl.getErr().flush();
        System.err.flush();
        if (cl.getErr().checkError() || System.err.checkError()) {
            code = code == ExitCodes.OK ? ExitCodes.OUTPUT_ERROR : code;
        }
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WidescanCli.class.getPackage().getImplementationVersion();
            return new String[] {"widescan " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
        }
    }
}
