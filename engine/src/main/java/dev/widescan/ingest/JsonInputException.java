package dev.widescan.ingest;

import java.io.IOException;

/** Bad JSON input; the message names the file, the line and what is wrong (exit code 3 in the CLI). */
public final class JsonInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public JsonInputException(String message, Throwable cause) {
        super(message, cause);
    }

    public JsonInputException(String message) {
        super(message);
    }
}
