package dev.widescan.ingest.evtx;

import dev.widescan.format.EventRecord;
import dev.widescan.ingest.Outcome;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads one 64 KiB chunk ([MS-EVEN6] 2.2.3, libevtx "Chunk"): checks the signature {@code ElfChnk\0},
 * the CRC32 of the header (bytes 0-120 and 128-512, stored at 124) and of the record data (512 up to
 * the free-space offset, stored at 52), then walks the event records ({@code **\0\0}, size, record id,
 * FILETIME, BinXML, size again) and reads each with {@link RecordReader}.
 *
 * <p>Why whole-chunk decisions: a chunk whose checksum fails may hold anything, including lengths that
 * would send a reader astray, so none of it is trusted; its records are skipped together and the chunk
 * is named. Inside a chunk that passed, a record whose framing (signature, sizes) is wrong also makes
 * the chunk bad (no safe place to resume), while a record whose BinXML cannot be read is skipped alone
 * and counted as {@link Outcome#DAMAGED_EVTX_RECORD}. Chunks are independent (names and templates are
 * chunk-relative), which is what lets {@link EvtxIngester} read them on all cores.
 */
final class ChunkReader {
    static final int CHUNK_SIZE = 65536;
    static final int HEADER_SIZE = 512;
    private static final byte[] SIGNATURE = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};
    private static final int RECORD_SIGNATURE = 0x00002A2A;
    private static final int RECORD_HEADER = 24;

    private final RecordReader records = new RecordReader();
    private final CRC32 crc = new CRC32();
    private final EventRecord scratch = new EventRecord();

    /**
     * Reads {@code chunk[0, length)}. {@code declared}: the file header counts this chunk as in use, so
     * a missing signature is damage rather than unused space.
     */
    ChunkResult read(byte[] chunk, int length, boolean declared) {
        if (!hasSignature(chunk, length)) {
            return declared ? ChunkResult.bad("bad chunk signature") : ChunkResult.unused();
        }
        if (length < CHUNK_SIZE) {
            return ChunkResult.bad("truncated chunk (" + length + " of " + CHUNK_SIZE + " bytes)");
        }
        crc.reset();
        crc.update(chunk, 0, 120);
        crc.update(chunk, 128, HEADER_SIZE - 128);
        int stored = Le.i32(chunk, 124);
        if ((int) crc.getValue() != stored) {
            return ChunkResult.bad(mismatch("chunk header checksum", stored, (int) crc.getValue()));
        }
        int free = Le.i32(chunk, 48);
        if (free < HEADER_SIZE || free > CHUNK_SIZE) {
            return ChunkResult.bad("free-space offset " + Integer.toUnsignedString(free) + " outside the chunk");
        }
        crc.reset();
        crc.update(chunk, HEADER_SIZE, free - HEADER_SIZE);
        stored = Le.i32(chunk, 52);
        if ((int) crc.getValue() != stored) {
            return ChunkResult.bad(mismatch("record data checksum", stored, (int) crc.getValue()));
        }
        return records(chunk, free);
    }

    private ChunkResult records(byte[] chunk, int free) {
        records.startChunk(chunk);
        List<EventRecord> kept = ChunkResult.newList();
        long[] outcomes = new long[Outcome.values().length];
        String firstDamaged = null;
        int pos = HEADER_SIZE;
        while (free - pos >= RECORD_HEADER + 4) {
            if (Le.i32(chunk, pos) != RECORD_SIGNATURE) {
                return ChunkResult.bad("no record signature at offset " + pos);
            }
            int size = Le.i32(chunk, pos + 4);
            if (size < RECORD_HEADER + 4 || size > free - pos) {
                return ChunkResult.bad("record at offset " + pos + " has size " + Integer.toUnsignedString(size));
            }
            if (Le.i32(chunk, pos + size - 4) != size) {
                return ChunkResult.bad("record at offset " + pos + ": the size copy at its end differs from its size");
            }
            Outcome o;
            try {
                o = this.records.read(pos + RECORD_HEADER, pos + size - 4, scratch);
            } catch (EvtxDamage e) {
                o = Outcome.DAMAGED_EVTX_RECORD;
                if (firstDamaged == null) {
                    firstDamaged = "record " + Long.toUnsignedString(Le.i64(chunk, pos + 8)) + " (offset " + pos + "): "
                            + e.getMessage();
                }
            }
            outcomes[o.ordinal()]++;
            if (o == Outcome.KEPT) {
                kept.add(scratch.copy());
            }
            pos += size;
        }
        if (pos != free) {
            return ChunkResult.bad("records end at offset " + pos + " but the free space starts at " + free);
        }
        return ChunkResult.ok(kept, outcomes, firstDamaged);
    }

    private static boolean hasSignature(byte[] chunk, int length) {
        if (length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (chunk[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static String mismatch(String what, int stored, int computed) {
        return what + " mismatch (stored 0x" + Integer.toHexString(stored) + ", computed 0x" + Integer.toHexString(computed) + ")";
    }
}
