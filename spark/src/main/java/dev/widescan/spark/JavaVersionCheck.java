package dev.widescan.spark;

/**
 * Spark 4.2.0 is the first Spark release that runs on Java 25, and it needs 25.0.3 or later (earlier 25
 * builds fail inside Spark with errors that do not say why). The data source and the job check the running
 * JVM first and say so plainly instead.
 */
public final class JavaVersionCheck {
    static final int FEATURE = 25;
    static final int UPDATE = 3;

    private JavaVersionCheck() {
    }

    /** Throws {@link IllegalStateException} naming the running and the needed version when older than 25.0.3. */
    public static void require() {
        String problem = problem(Runtime.version());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** The message for {@code v}, or null when it is new enough. */
    static String problem(Runtime.Version v) {
        boolean ok = v.feature() > FEATURE || (v.feature() == FEATURE && v.update() >= UPDATE);
        return ok ? null : "widescan on Spark needs Java " + FEATURE + ".0." + UPDATE + " or later (Spark 4.2.0 requires it); this JVM is "
                + v + " (" + System.getProperty("java.home") + "). Set JAVA_HOME to a newer JDK 25.";
    }
}
