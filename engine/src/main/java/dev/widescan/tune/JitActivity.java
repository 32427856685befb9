package dev.widescan.tune;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether the JIT is still at work: the JVM's total compilation time, which grows while any method is
 * being compiled. Warm-up ends only once it stood still for a whole round, so that three equally slow
 * rounds of not-yet-compiled Vector API code (boxed, ~100× slower) are not taken for the steady state.
 * Where the JVM does not report it, -1 (never changes: warm-up then relies on the rounds alone).
 */
final class JitActivity {
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
    private static final boolean SUPPORTED = JIT != null && JIT.isCompilationTimeMonitoringSupported();

    private JitActivity() {
    }

    static long millis() {
        return SUPPORTED ? JIT.getTotalCompilationTime() : -1;
    }
}
