package dev.widescan.match;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The uptime of the summary's kernel figure agrees with the public bean's, through the helper (exported by jvm.properties) or not. */
class JvmUptimeTest {
    @Test
    void agreesWithTheRuntimeBean() throws Exception {
        long before = JvmUptime.millis();
        long bean = ManagementFactory.getRuntimeMXBean().getUptime();
        long after = JvmUptime.millis();
        assertTrue(before > 0 && before <= bean && bean <= after, before + " <= " + bean + " <= " + after);
        Object helper = Class.forName("sun.management.ManagementFactoryHelper").getMethod("getRuntimeMXBean").invoke(null);
        assertTrue(helper instanceof java.lang.management.RuntimeMXBean, "the JDK's helper is reachable with jvm.properties' export");
    }
}
