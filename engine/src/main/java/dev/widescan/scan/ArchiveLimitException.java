package dev.widescan.scan;

/**
 * A scan asked for more than one process can hold: more event files than the kernel lets it map, or more
 * than 2^31 - 1 blocks. A usage error (the CLI's exit 2), not damage: the same files scan in smaller parts.
 */
public final class ArchiveLimitException extends IllegalArgumentException {
    public ArchiveLimitException(String message) {
        super(message);
    }
}
