package dev.widescan.ingest.evtx;

/**
 * Damage found inside one chunk or record (a length running past its region, an unknown token, a
 * nesting too deep). Checked, without a stack trace: damage is expected in real archives and is turned
 * into a counted, named skip by {@link ChunkReader}, never into a crash.
 */
final class EvtxDamage extends Exception {
    private static final long serialVersionUID = 1L;

    EvtxDamage(String message) {
        super(message, null, false, false);
    }
}
