package dev.widescan.format;

/**
 * A damaged, truncated or foreign event file. The message always names the file and the place
 * (header, block N, footer, byte offset) and what is wrong.
 */
public class FormatException extends RuntimeException {
    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
