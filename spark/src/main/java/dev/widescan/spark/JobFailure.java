package dev.widescan.spark;

import dev.widescan.format.FormatException;
import dev.widescan.sigma.SigmaRuleException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Turns whatever a Spark job throws into the CLI's one-line message and exit code. A corrupt block fails
 * inside an executor; Spark wraps it (task failure, stage abort, write failure) and logs it several times
 * with full traces, but the engine's {@link FormatException}, which names file and block, is still in the
 * cause chain (or, when the executor's exception could not be sent back whole, in the message text). That
 * root cause is what the user sees, with exit code 3, as {@code widescan scan} prints it.
 */
public record JobFailure(int exitCode, String message) {
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    private static final String FORMAT_PREFIX = FormatException.class.getName() + ": ";

    public static JobFailure of(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            if (c instanceof FormatException) {
                return new JobFailure(BAD_INPUT, c.getMessage());
            }
            if (c instanceof SigmaRuleException e) {
                return new JobFailure(USAGE, e.messageForUser());
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            int at = m == null ? -1 : m.indexOf(FORMAT_PREFIX);
            if (at >= 0) {
                int end = m.indexOf('\n', at);
                return new JobFailure(BAD_INPUT, m.substring(at + FORMAT_PREFIX.length(), end < 0 ? m.length() : end).strip());
            }
            if (c.getCause() == c) {
                break;
            }
        }
        seen.clear();
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            if (c instanceof FileNotFoundException || c instanceof IllegalArgumentException) {
                return new JobFailure(USAGE, c.getMessage());
            }
        }
        seen.clear();
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            if (c instanceof UncheckedIOException || c instanceof IOException) {
                return new JobFailure(BAD_INPUT, c.getMessage());
            }
        }
        return new JobFailure(INTERNAL, t.getMessage() == null ? t.getClass().getName() : t.getMessage());
    }
}
