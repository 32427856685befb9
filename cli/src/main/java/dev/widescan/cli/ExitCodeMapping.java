package dev.widescan.cli;

import dev.widescan.format.FormatException;
import dev.widescan.format.IoMessages;
import dev.widescan.sigma.SigmaRuleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The one mapping from exception to exit code and message for every command (picocli's execution and
 * parameter exception handlers point here). The lower layers throw exceptions whose message already
 * names the file and place (see {@link dev.widescan.format.FormatException}); here they are printed on
 * one line without a stack trace:
 *
 * <ul>
 *   <li>2: picocli parameter errors, {@link UsageException}, any {@link SigmaRuleException} (a rule file
 *       that cannot be loaded, in every command), {@link dev.widescan.scan.ArchiveLimitException} (more event
 *       files or blocks than one scan can hold);</li>
 *   <li>3: {@link BadInputException}, {@link FormatException}, I/O errors while reading inputs, and a
 *       mapped input that changed under the reader (the JVM's SIGBUS {@link InternalError});</li>
 *   <li>4: {@link OutputException} (an output could not be written);</li>
 *   <li>1: anything else is a bug: message plus stack trace; but an {@link OutOfMemoryError} is a heap too
 *       small for the rules and inputs: one line saying how to give the JVM more, no stack trace.</li>
 * </ul>
 */
final class ExitCodeMapping {
    private ExitCodeMapping() {
    }

    /** The three picocli handlers in one object (method references would be three classes spun at every start). */
    static final Handlers HANDLERS = new Handlers();

    static final class Handlers implements CommandLine.IExitCodeExceptionMapper, CommandLine.IExecutionExceptionHandler,
            CommandLine.IParameterExceptionHandler {
        @Override
        public int getExitCode(Throwable t) {
            return exitCodeOf(t);
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
            return ExitCodeMapping.handleExecutionException(ex, cl, parseResult);
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            return handleParameterException(ex, args);
        }
    }

    static int exitCodeOf(Throwable t) {
        if (t instanceof CommandLine.ParameterException || t instanceof UsageException || t instanceof SigmaRuleException
                || t instanceof dev.widescan.scan.ArchiveLimitException) {
            return ExitCodes.USAGE;
        }
        if (t instanceof OutputException) {
            return ExitCodes.OUTPUT_ERROR;
        }
        if (isBadInput(t) || isMappedFileFault(t)) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.INTERNAL;
    }

    static boolean isBadInput(Throwable t) {
        return t instanceof BadInputException
                || t instanceof FormatException
                || t instanceof UncheckedIOException
                || t instanceof IOException;
    }

    /**
     * The JVM turns a SIGBUS on a mapped file (the file was truncated or replaced by another process
     * while mapped) into this InternalError; the scan layer wraps it with the file's name when it can.
     */
    static boolean isMappedFileFault(Throwable t) {
        return t instanceof InternalError && t.getMessage() != null && t.getMessage().contains("unsafe memory access");
    }

    /** The one line printed for {@code t}: {@link #describe}, with control characters of the inputs it quotes escaped. */
    static String messageOf(Throwable t) {
        return dev.widescan.format.TerminalText.safe(describe(t));
    }

    private static String describe(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + t.getMessage() + "): the JVM's heap is too small for these rules and inputs;"
                    + " give it more, e.g. WIDESCAN_JAVA_OPTS=-Xmx2g (the launcher passes it on), or scan with fewer --threads";
        }
        if (isMappedFileFault(t)) {
            return "an input file changed while it was read (truncated or rewritten by another process): " + t.getMessage();
        }
        if (t instanceof SigmaRuleException e) {
            return e.messageForUser();
        }
        if (t instanceof StackOverflowError) {
            return "input nested too deeply (stack overflow)";
        }
        String m = t.getMessage();
        if (t instanceof IOException io && (m == null || io instanceof java.nio.file.FileSystemException)) {
            m = IoMessages.describe(io); // the JDK's file-system exceptions often name the file only
        } else if (t instanceof UncheckedIOException u && m != null && m.equals(u.getCause().getMessage())) {
            m = IoMessages.describe(u.getCause());
        }
        return m == null ? t.getClass().getSimpleName() : m.replace('\n', ' ');
    }

    static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        int code = exitCodeOf(ex);
        cl.getErr().println("widescan " + cl.getCommandName() + ": " + messageOf(ex));
        if (code == ExitCodes.INTERNAL) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return code;
    }

    /** Errors (not Exceptions) escape picocli's execution handler: {@link WidescanCli#execute} sends them here. */
    static int handleError(Throwable t, CommandLine cl) {
        int code = exitCodeOf(t);
        cl.getErr().println("widescan: " + messageOf(t));
        if (code == ExitCodes.INTERNAL && !(t instanceof OutOfMemoryError)) { // a resource limit, not a bug: the message says what to do
            t.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return code;
    }

    static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        // the top-level command is itself named "widescan": "widescan: ...", not "widescan widescan: ..."
        cl.getErr().println((cl.getParent() == null ? "widescan" : "widescan " + cl.getCommandName()) + ": "
                + dev.widescan.format.TerminalText.safe(ex.getMessage()));
        cl.getErr().println("Try 'widescan " + (cl.getParent() == null ? "" : cl.getCommandName() + " ") + "--help'.");
        cl.getErr().flush();
        return ExitCodes.USAGE;
    }
}
