package dev.widescan.cli;

/**
 * Writing an output failed (disk full, unwritable folder, closed pipe, {@code /dev/full}): exit code 4,
 * so that a script can tell "could not save the result" from "the input is bad" (3). The message names
 * the output (a path, or "standard output").
 */
public final class OutputException extends RuntimeException {
    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }

    public OutputException(String message) {
        super(message);
    }
}
