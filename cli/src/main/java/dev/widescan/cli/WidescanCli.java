package dev.widescan.cli;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code widescan} command: one picocli subcommand per job. Declared in code ({@link #spec}) rather than
 * with annotations, as {@link ScanCommand} is and for the same reason: it is built on every start, and
 * reading annotations costs a cold JVM generated proxy classes and reflection (~50 ms with scan's).
 */
public final class WidescanCli implements Runnable {
    /** Set by {@link #spec}. */
    CommandSpec spec;

    /** The top command's model: -h/--help, -V/--version, the description and the exit codes' footer. */
    private static CommandSpec spec() {
        WidescanCli top = new WidescanCli();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(top).name("widescan").versionProvider(VERSION);
        spec.usageMessage().description("Sigma process_creation rules over memory-mapped UTF-16 event files.").footer(ExitCodes.HELP_FOOTER);
        addStandardHelpOptions(spec);
        top.spec = spec;
        return spec;
    }

    /**
     * -h/--help and -V/--version, as picocli's {@code mixinStandardHelpOptions} adds them (same names and
     * descriptions), without the annotated mixin class it would read them from.
     */
    static void addStandardHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /**
     * Every subcommand's name (as its {@code @Command}, or scan's {@link ScanCommand#spec}, names it;
     * WidescanCliTest checks the two agree), in the order {@code --help} lists them.
     */
    static final Set<String> SUBCOMMANDS = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(
            "ingest", "dump", "inspect", "strategies", "rules", ScanCommand.NAME, "gen", "tune")));

    /**
     * A new instance of subcommand {@code name}: its annotated object, or scan's model. A switch, not a map of
     * constructor references: each reference is a class the JVM spins at start-up (bench/RESULTS.md §24).
     */
    static Object newSubcommand(String name) {
        return switch (name) {
            case "ingest" -> new IngestCommand();
            case "dump" -> new DumpCommand();
            case "inspect" -> new InspectCommand();
            case "strategies" -> new StrategiesCommand();
            case "rules" -> new RulesCommand();
            case ScanCommand.NAME -> ScanCommand.spec(new ScanCommand());
            case "gen" -> new GenCommand();
            case "tune" -> new TuneCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    /** The whole command, every subcommand in it. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /**
     * The command as {@code args} need it: when the first argument names a subcommand, only that one, since
     * that is all picocli will parse. picocli builds each subcommand's model from its annotations by
     * reflection (annotation proxies spun at run time), ~0.1 s of the main thread for all eight on a cold
     * JVM, on the path to a scan's first block (bench/RESULTS.md §22). Anything else (no argument, an option
     * such as --help or --version, a mistyped name that deserves picocli's suggestions) gets every subcommand.
     */
    public static CommandLine commandLineFor(String... args) {
        return commandLine(args.length > 0 && SUBCOMMANDS.contains(args[0]) ? Set.of(args[0]) : SUBCOMMANDS);
    }

    private static CommandLine commandLine(Set<String> names) {
        CommandLine cl = new CommandLine(spec());
        for (String name : SUBCOMMANDS) {
            if (names.contains(name)) {
                cl.addSubcommand(newSubcommand(name));
                // picocli gives a subcommand no version of its own: 'scan -V', which every --help lists, printed nothing
                cl.getSubcommands().get(name).getCommandSpec().versionProvider(VERSION);
            }
        }
        // picocli would read an argument "@FILE" as a file of arguments: 'scan @/dev/zero' read for ever, and an
        // input named "@2026-11.wsev" was replaced by the contents of "2026-11.wsev" taken as arguments
        cl.setExpandAtFiles(false);
        cl.setExitCodeExceptionMapper(ExitCodeMapping.HANDLERS);
        cl.setExecutionExceptionHandler(ExitCodeMapping.HANDLERS);
        cl.setParameterExceptionHandler(ExitCodeMapping.HANDLERS);
        return cl;
    }

    public static void main(String[] args) {
        ScanCommand.prepareEarly(args);
        ScanCommand.warmUpEarly(args);
        System.exit(execute(commandLineFor(args), args));
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
            code = refuseEmptyArguments(cl, args) ? ExitCodes.USAGE : cl.execute(args);
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

    /**
     * An empty argument is refused before picocli sees it: as a path it is the working folder, so
     * {@code scan -r R "$ARCHIVE"} with ARCHIVE unset scanned every event file under the current folder,
     * {@code -r ""} loaded every rule under it and {@code ingest -o OUT ""} ingested every log under it,
     * all with exit 0. No option of widescan takes an empty value.
     */
    private static boolean refuseEmptyArguments(CommandLine cl, String[] args) {
        for (int i = 0; i < args.length; i++) {
            // an option's value after '=' too: -r="$RULES" with RULES unset loaded every rule under the current folder
            String a = args[i];
            boolean emptyValue = a.length() > 2 && a.charAt(0) == '-' && a.indexOf('=') == a.length() - 1;
            if (a.isEmpty() || emptyValue) {
                String command = args.length > 0 && SUBCOMMANDS.contains(args[0]) ? "widescan " + args[0] : "widescan";
                String after = emptyValue ? " ('" + a + "'): the value of " + a.substring(0, a.length() - 1)
                        : i > 0 ? " (after '" + args[i - 1] + "')" : "";
                cl.getErr().println(command + ": argument " + (i + 1) + after + " is empty (an unset shell variable?):"
                        + " name a file, folder or value; for the current folder give '.'");
                cl.getErr().flush();
                return true;
            }
        }
        return false;
    }

    /** The one version line, of the top command and of every subcommand ({@code widescan scan -V}). */
    private static final Version VERSION = new Version();

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WidescanCli.class.getPackage().getImplementationVersion();
            return new String[] {"widescan " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
        }
    }
}
