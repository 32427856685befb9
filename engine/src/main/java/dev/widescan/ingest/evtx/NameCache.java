package dev.widescan.ingest.evtx;

/**
 * The chunk's string table as ingest uses it: element and attribute names by their chunk offset
 * ([MS-EVEN6] 2.2.15 Name: next-string offset u32, hash u16, length u16, UTF-16LE characters, NUL),
 * decoded once per chunk. Names are read where the offset points, whether the chunk header's
 * 64-bucket hash table lists them or not, so a damaged hash table (the "bad string cache" sample)
 * costs nothing as long as the names themselves are intact.
 */
final class NameCache {
    private final OffsetCache<String> byOffset = new OffsetCache<>();

    void clear() {
        byOffset.clear();
    }

    String name(byte[] chunk, int offset) throws EvtxDamage {
        String s = byOffset.get(offset);
        if (s == null) {
            int chars = Le.u16(chunk, offset + 6, chunk.length);
            Le.need(offset + 8, 2 * chars, chunk.length);
            if (offset < ChunkReader.HEADER_SIZE) {
                throw new EvtxDamage("name offset " + offset + " points into the chunk header");
            }
            s = new String(chunk, offset + 8, 2 * chars, java.nio.charset.StandardCharsets.UTF_16LE);
            byOffset.put(offset, s);
        }
        return s;
    }
}
