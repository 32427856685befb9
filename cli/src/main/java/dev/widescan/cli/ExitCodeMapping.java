package dev.widescan.cli;

import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns exceptions into a one-line message and an exit code. The lower layers throw exceptions whose
 * message already names the file and place (see {@link dev.widescan.format.FormatException}); here they
 * are printed without a stack trace. Unknown exceptions are bugs: message plus stack trace, exit 1.
 */
final class ExitCodeMapping {
    private ExitCodeMapping() {
    }

    static int exitCodeOf(Throwable t) {
        if (t instanceof CommandLine.ParameterException || t instanceof UsageException) {
            return ExitCodes.USAGE;
        }
        if (isBadInput(t)) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.INTERNAL;
    }

    static boolean isBadInput(Throwable t) {
        return t instanceof BadInputException
                || t instanceof dev.widescan.format.FormatException
                || t instanceof UncheckedIOException
                || t instanceof java.io.IOException;
    }

    static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        int code = exitCodeOf(ex);
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println("widescan " + cl.getCommandName() + ": " + msg);
        if (code == ExitCodes.INTERNAL) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return code;
    }

    static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println("widescan " + cl.getCommandName() + ": " + ex.getMessage());
        cl.getErr().println("Try 'widescan " + (cl.getParent() == null ? "" : cl.getCommandName() + " ") + "--help'.");
        cl.getErr().flush();
        return ExitCodes.USAGE;
    }
}
