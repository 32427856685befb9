package dev.widescan.match;

import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;

/**
 * Milliseconds since the JVM started, for the scan summary's "kernel compiled after" figure.
 *
 * <p>Why not {@code ManagementFactory.getRuntimeMXBean()} alone: its first call loads every platform MBean
 * provider through a ServiceLoader (~11 ms of a cold start, at the end of every scan). The JDK's own helper
 * behind it answers from the VM in ~2 ms, through reflection because javac's {@code --release} cannot see
 * it; jvm.properties exports its package to widescan. Where it is not exported (a JVM started with other
 * flags, Spark's executors) or not there (another JDK), the public bean answers.
 */
final class JvmUptime {
    private JvmUptime() {
    }

    static long millis() {
        try {
            Object bean = Class.forName("sun.management.ManagementFactoryHelper").getMethod("getRuntimeMXBean").invoke(null);
            return ((RuntimeMXBean) bean).getUptime();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return ManagementFactory.getRuntimeMXBean().getUptime();
        }
    }
}
