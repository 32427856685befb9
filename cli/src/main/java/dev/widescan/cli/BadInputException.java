package dev.widescan.cli;

/** Marker for errors the user must fix in the data (exit code 3); the message names file and place. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    public BadInputException(String message) {
        super(message);
    }
}
