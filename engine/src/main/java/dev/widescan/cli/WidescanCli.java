package dev.widescan.cli;

import java.util.ServiceLoader;
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
        // Engine subcommands (one line each):
        cl.addSubcommand(new IngestCommand());
        cl.addSubcommand(new DumpCommand());
        cl.addSubcommand(new InspectCommand());
        cl.addSubcommand(new StrategiesCommand());
        cl.addSubcommand(new RulesCommand());
        cl.addSubcommand(new ScanCommand());
        cl.addSubcommand(new TuneCommand());
        for (CliExtension ext : ServiceLoader.load(CliExtension.class)) {
            Object cmd = ext.command();
            cl.addSubcommand(cmd);
        }
        cl.setExitCodeExceptionMapper(ExitCodeMapping::exitCodeOf);
        cl.setExecutionExceptionHandler(ExitCodeMapping::handleExecutionException);
        cl.setParameterExceptionHandler(ExitCodeMapping::handleParameterException);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WidescanCli.class.getPackage().getImplementationVersion();
            return new String[] {"widescan " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
        }
    }
}
