package dev.widescan.cli;

/** A usage error found after parsing (exit code 2): bad rule file, unknown strategy name, bad option mix. */
public final class UsageException extends RuntimeException {
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    public UsageException(String message) {
        super(message);
    }
}
