package dev.widescan.ingest.evtx;

import java.util.zip.CRC32;

/**
 * The 4 KiB file header ([MS-EVEN6] 2.2.1, libevtx "File header"): signature {@code ElfFile\0}, chunk
 * count (u16 at 42), major version 3 (u16 at 38), header CRC32 of bytes 0-120 (stored at 124). Only the
 * chunk count is used: chunks past it without a signature are preallocated space, not damage. The
 * chunks themselves are found by position (4096 + 65536·n), so a header whose count lags behind the
 * chunks written (dirty files) loses nothing.
 */
final class EvtxFileHeader {
    static final int SIZE = 4096;

    /** The declared chunk count of a good header, or {@code problem} (and count -1) for a bad one. */
    record Parsed(int declaredChunks, String problem) {
        boolean ok() {
            return problem == null;
        }
    }
    static final byte[] SIGNATURE = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};

    private EvtxFileHeader() {
    }

    static Parsed parse(byte[] header, int length) {
        if (length < SIZE) {
            return bad("truncated file header (" + length + " of " + SIZE + " bytes)");
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (header[i] != SIGNATURE[i]) {
                return bad("no ElfFile signature");
            }
        }
        CRC32 crc = new CRC32();
        crc.update(header, 0, 120);
        int stored = Le.i32(header, 124);
        if ((int) crc.getValue() != stored) {
            return bad("file header checksum mismatch (stored 0x" + Integer.toHexString(stored) + ", computed 0x"
                    + Integer.toHexString((int) crc.getValue()) + ")");
        }
        int major = Le.u16(header, 38);
        if (major != 3) {
            return bad("unsupported format version " + major + "." + Le.u16(header, 36) + " (3.x expected)");
        }
        return new Parsed(Le.u16(header, 42), null);
    }

    private static Parsed bad(String problem) {
        return new Parsed(-1, problem);
    }
}
