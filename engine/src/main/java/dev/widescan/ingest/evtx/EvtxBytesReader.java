package dev.widescan.ingest.evtx;

import dev.widescan.format.EventRecord;
import dev.widescan.ingest.IngestStats;
import dev.widescan.ingest.Outcome;
import java.util.function.Consumer;

/**
 * Reads a whole EVTX file held in memory on the calling thread: the parser alone, without file I/O,
 * threads or the event-file writer. For the JMH benchmark (EvtxParseBenchmark) and tools; ingest uses
 * {@link EvtxIngester}. Damaged chunks and records are counted in the stats, never thrown.
 */
public final class EvtxBytesReader {
    private final ChunkReader reader = new ChunkReader();
    private final byte[] chunk = new byte[ChunkReader.CHUNK_SIZE];

    /** Reads every chunk of {@code file}; kept records go to {@code kept}; returns how many were kept. */
    public long read(byte[] file, IngestStats stats, Consumer<EventRecord> kept) {
        EvtxFileHeader.Parsed header = EvtxFileHeader.parse(file, Math.min(file.length, EvtxFileHeader.SIZE));
        if (!header.ok()) {
            stats.countBadFile();
            return 0;
        }
        int declared = header.declaredChunks();
        long n = 0;
        Outcome[] outcomes = Outcome.values();
        for (long off = EvtxFileHeader.SIZE, index = 0; off < file.length; off += ChunkReader.CHUNK_SIZE, index++) {
            int length = (int) Math.min(ChunkReader.CHUNK_SIZE, file.length - off);
            System.arraycopy(file, (int) off, chunk, 0, length);
            ChunkResult r = reader.read(chunk, length, index < declared);
            if (r.status == ChunkResult.Status.UNUSED) {
                continue;
            }
            stats.countChunk(r.status == ChunkResult.Status.BAD);
            for (int i = 0; i < outcomes.length; i++) {
                stats.count(outcomes[i], r.outcomes[i]);
            }
            for (EventRecord e : r.kept) {
                kept.accept(e);
                n++;
            }
        }
        return n;
    }
}
