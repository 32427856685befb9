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

    /**
     * An output could not be written (disk full, unwritable -o, /dev/full, closed pipe): the result is
     * lost but the input may be fine. The previous output file, if any, is left as it was.
     */
    public static final int OUTPUT_ERROR = 4;
    /**
     * {@code scan --skip-bad} finished but skipped corrupt files or blocks: the detections of everything
     * else were written, and the summary lists what was skipped. Likewise {@code ingest --skip-bad} that
     * skipped malformed lines or damaged EVTX files, chunks or records: the event file holds the rest.
     */
    public static final int SKIPPED_BAD_INPUT = 5;

    public static final String HELP_FOOTER = "%nExit codes: 0 success, 1 internal error, 2 usage error (bad option, rule file),"
            + " 3 bad input data, 4 output write error, 5 --skip-bad skipped corrupt input (scan, ingest).";

    private ExitCodes() {
    }
}
