package dev.widescan.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JMH auxiliary counters every throughput suite reports, summed per second over an iteration:
 * {@code bytes} of UTF-16 input scanned (divide by 1e9 for GB/s) and {@code events} (values) scanned. The
 * results renderer and {@code scripts/jmh_medians.py} read these two names.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class ScanCounters {
    public long bytes;
    public long events;
}
