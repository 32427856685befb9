package dev.widescan.cli;

/** Process exit codes of every widescan command, listed in each command's --help footer. */
public final class ExitCodes {
    /** Success, with or without detections. */
    public static final int OK = 0;
    /** An unexpected internal error (a bug): the message says what failed. */
    public static final int INTERNAL = 1;
    /** A usage error: unknown option, missing argument, bad rule file. */
    public static final int USAGE = 2;
    /** Bad input data: malformed JSON, corrupt or truncated event file; the message names file and place. */
    public static final int BAD_INPUT = 3;

    public static final String HELP_FOOTER = "%nExit codes: 0 success, 1 internal error, 2 usage error, 3 bad input data.";

    private ExitCodes() {
    }
}
