package dev.widescan.match;

/**
 * Receives the hits of a scan. Called on the scan's hot path: implementations must not allocate.
 */
@FunctionalInterface
public interface HitSink {
    /**
     * Literal {@code literalId} hits value {@code valueIndex} of the column. Value indexes arrive in
     * non-decreasing order; the same pair may be reported more than once (consumers treat hits as a set).
     */
    void hit(int valueIndex, int literalId);
}
