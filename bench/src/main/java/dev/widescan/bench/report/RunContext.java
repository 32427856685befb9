package dev.widescan.bench.report;

/**
 * How the figures were produced, as bench.sh knows it: the command line, when, and the machine's load
 * average before and after (the machine is shared; readers must know whether it was quiet).
 */
public record RunContext(String name, String command, String date, String loadBefore, String loadAfter) {
    /** Above this one-minute load average the run is flagged as taken on a loaded machine. */
    public static final double QUIET_LOAD = 0.5;

    /** True when either load figure is missing or at least {@link #QUIET_LOAD}. */
    public boolean loaded() {
        return !quiet(loadBefore) || !quiet(loadAfter);
    }

    private static boolean quiet(String load) {
        if (load == null || load.isBlank()) {
            return false;
        }
        try {
            return Double.parseDouble(load.strip().split("\\s+")[0]) < QUIET_LOAD;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
