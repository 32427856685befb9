package dev.widescan.ingest;

/**
 * The limits ingest puts on JSON input (docs/LIMITS.md lists them with the rule-loading ones). Each is
 * far above what Windows event telemetry produces and low enough that a hostile or broken input (a
 * file of zeros, a line without newline, a deeply nested object) fails fast with a message naming file
 * and line, in bounded memory, instead of exhausting the heap or the stack.
 */
public final class IngestLimits {
    /**
     * Longest JSON line, in bytes. A process-creation event is a few KiB (a command line is at most
     * 32,767 UTF-16 units, about 96 KiB as UTF-8 with escapes); the line buffer never grows past this.
     */
    public static final int MAX_LINE_BYTES = 64 << 20;
    /** Deepest object/array nesting: evtx_dump's shape is 5 levels deep. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest JSON key, in characters: Windows field names are under 40. */
    public static final int MAX_KEY_CHARS = 4096;

    private IngestLimits() {
    }
}
