package dev.widescan.format;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** What {@link EventFile} says of a file that is not an event file (its own class: EventFile stays under 600 lines). */
final class ForeignFile {
    private ForeignFile() {
    }

    /**
     * What a file that is not an event file seems to be, when it is one of the logs {@code widescan ingest}
     * reads: a user's first try is often to scan the .evtx or .jsonl itself.
     */
    static String looksLike(MemorySegment mapping) {
        long n = Math.min(mapping.byteSize(), 4096);
        if (n >= 8 && mapping.get(FileLayout.U64, 0) == EVTX_SIGNATURE) {
            return "; it is an EVTX event log: convert it with 'widescan ingest -o OUT.wsev FILE' and scan OUT.wsev";
        }
        for (long i = 0; i < n; i++) {
            byte b = mapping.get(ValueLayout.JAVA_BYTE, i);
            if (b == '{') {
                return "; it looks like JSON Lines: convert it with 'widescan ingest -o OUT.wsev FILE' and scan OUT.wsev";
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                break; // not whitespace or a UTF-8 byte order mark before the first '{'
            }
        }
        return "";
    }

    /** "ElfFile\0" read as a little-endian long: the signature at offset 0 of every .evtx file. */
    private static final long EVTX_SIGNATURE = 0x00656C6946666C45L;
}
