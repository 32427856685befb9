package dev.widescan.ingest.evtx;

import dev.widescan.format.EventFileWriter;
import dev.widescan.format.EventRecord;
import dev.widescan.ingest.IngestStats;
import dev.widescan.ingest.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * EVTX files into an {@link EventFileWriter}: chunks read on a small pool of threads, results written
 * in file and record order by the calling thread.
 *
 * <p>Why this shape: chunks are independent (docs/EVTX.md), so each worker reads one chunk with a
 * positional read into its own buffer and parses it with its own {@link ChunkReader}; the caller keeps
 * the futures in submission order and appends each chunk's kept records when its turn comes. At most
 * {@code 2 × threads + 2} chunks are in flight, so memory is a few chunks plus their kept records
 * whatever the file size, and a slow writer holds the readers back instead of letting results pile up.
 *
 * <p>Damage: a bad chunk (signature, checksum, framing) or a record whose BinXML cannot be read stops
 * the ingest with an {@link EvtxInputException} naming file, chunk and offset, unless {@code skipBad},
 * in which case it is counted ({@link IngestStats#countChunk}, {@link Outcome#DAMAGED_EVTX_RECORD}) and
 * named in {@link IngestStats#notes()}.
 */
public final class EvtxIngester {
    private static final String SKIP_HINT = " (use --skip-bad to skip damaged chunks and records)";

    private final EventFileWriter out;
    private final boolean skipBad;
    private final IngestStats stats;
    private final int threads;

    public EvtxIngester(EventFileWriter out, boolean skipBad, IngestStats stats, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.out = out;
        this.skipBad = skipBad;
        this.stats = stats;
        this.threads = threads;
    }

    /**
     * True when {@code file} is a regular file starting with the EVTX file signature {@code ElfFile\0} (its
     * name does not matter). A FIFO or device is never opened here: reading its first bytes would take them
     * from the JSON reader that reads it next ({@code ingest <(zcat log.jsonl.gz)} lost its first 8 bytes);
     * the JSON reader recognises an EVTX stream itself and says to give the file.
     */
    public static boolean isEvtx(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] head = new byte[EvtxFileHeader.SIGNATURE.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return false;
            }
        }
        return java.util.Arrays.equals(head, EvtxFileHeader.SIGNATURE);
    }

    /** Ingests the EVTX {@code files} in order, their chunks in parallel. */
    public void ingest(List<Path> files) throws IOException {
        ThreadLocal<ChunkReader> readers = ThreadLocal.withInitial(ChunkReader::new);
        ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[ChunkReader.CHUNK_SIZE]);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "widescan-evtx");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Pending> inFlight = new ArrayDeque<>();
        int limit = 2 * threads + 2;
        try {
            for (Path file : files) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                OpenFile open = new OpenFile(file, channel);
                long size = channel.size();
                stats.countEvtxBytes(size);
                int declared;
                try {
                    declared = header(open);
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                if (declared < 0) {
                    channel.close();
                    continue;
                }
                long chunks = (size - EvtxFileHeader.SIZE + ChunkReader.CHUNK_SIZE - 1) / ChunkReader.CHUNK_SIZE;
                for (long c = 0; c < chunks; c++) {
                    final long index = c;
                    final boolean isDeclared = c < declared;
                    open.pending++;
                    Future<ChunkResult> f = pool.submit(() -> readChunk(open, index, isDeclared, readers.get(), buffers.get()));
                    inFlight.add(new Pending(open, index, f));
                    while (inFlight.size() >= limit) {
                        finish(inFlight.poll());
                    }
                }
                if (chunks < declared) {
                    // Cut at a chunk boundary (an interrupted copy): every chunk present passes its checks, so
                    // only the header's count shows that the rest is missing. One problem for the whole tail.
                    open.pending++;
                    inFlight.add(new Pending(open, chunks, java.util.concurrent.CompletableFuture.completedFuture(ChunkResult.bad(
                            "missing: the file ends at byte " + size + ", before this chunk, but its header declares " + declared
                                    + " chunks (the file was truncated)"))));
                }
                if (open.pending == 0) {
                    channel.close();
                }
            }
            while (!inFlight.isEmpty()) {
                finish(inFlight.poll());
            }
        } finally {
            pool.shutdownNow();
            for (Pending p : inFlight) {
                p.file.channel.close();
            }
        }
    }

    /** Reads and checks the file header: the declared chunk count, or -1 when the file is skipped. */
    private int header(OpenFile open) throws IOException {
        byte[] header = new byte[EvtxFileHeader.SIZE];
        int n = readFully(open.channel, ByteBuffer.wrap(header), 0);
        EvtxFileHeader.Parsed parsed = EvtxFileHeader.parse(header, n);
        if (parsed.ok()) {
            return parsed.declaredChunks();
        }
        String message = open.path + ": " + parsed.problem();
        if (!skipBad) {
            throw new EvtxInputException(message + " (use --skip-bad to skip damaged files)");
        }
        stats.countBadFile();
        stats.note(message + ": file skipped");
        return -1;
    }

    private static ChunkResult readChunk(OpenFile open, long index, boolean declared, ChunkReader reader, byte[] buffer)
            throws IOException {
        long offset = EvtxFileHeader.SIZE + index * ChunkReader.CHUNK_SIZE;
        int n = readFully(open.channel, ByteBuffer.wrap(buffer), offset);
        if (n < buffer.length) {
            java.util.Arrays.fill(buffer, Math.max(n, 0), buffer.length, (byte) 0);
        }
        return reader.read(buffer, n, declared);
    }

    private static int readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private void finish(Pending p) throws IOException {
        ChunkResult r;
        try {
            r = p.future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading " + p.file.path);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException(p.file.path + ": chunk " + p.index + ": " + io.getMessage(), io);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (--p.file.pending == 0) {
                p.file.channel.close();
            }
        }
        String where = p.file.path + ": chunk " + p.index + " (file offset " + (EvtxFileHeader.SIZE + p.index * ChunkReader.CHUNK_SIZE) + ")";
        if (r.status == ChunkResult.Status.UNUSED) {
            if (p.file.firstUnused < 0) {
                p.file.firstUnused = p.index;
            }
            return;
        }
        if (p.file.firstUnused >= 0) {
            gapBefore(p);
        }
        stats.countChunk(r.status == ChunkResult.Status.BAD);
        if (r.status == ChunkResult.Status.BAD) {
            if (!skipBad) {
                throw new EvtxInputException(where + ": " + r.problem + SKIP_HINT);
            }
            stats.note(where + ": " + r.problem + ": chunk skipped");
            return;
        }
        if (r.firstDamagedRecord != null) {
            if (!skipBad) {
                throw new EvtxInputException(where + ": " + r.firstDamagedRecord + SKIP_HINT);
            }
            stats.note(where + ": " + r.firstDamagedRecord + ": record skipped");
        }
        Outcome[] outcomes = Outcome.values();
        for (int i = 0; i < outcomes.length; i++) {
            stats.count(outcomes[i], r.outcomes[i]);
        }
        for (EventRecord record : r.kept) {
            try {
                out.append(record);
            } catch (IllegalArgumentException e) {
                throw new EvtxInputException(where + ": " + e.getMessage());
            }
        }
    }

    /**
     * Slots {@code [firstUnused, p.index)} have no chunk signature, yet chunk {@code p.index} after them
     * has one. Past the header's count (a dirty file) signature-less slots are taken for preallocated
     * space, but only at the end: Windows appends chunks in order, so a slot followed by a chunk is one that
     * was zeroed or overwritten, and its records would otherwise be lost without a word.
     */
    private void gapBefore(Pending p) throws EvtxInputException {
        long first = p.file.firstUnused;
        p.file.firstUnused = -1;
        String where = p.file.path + ": chunk " + first + " (file offset " + (EvtxFileHeader.SIZE + first * ChunkReader.CHUNK_SIZE) + ")";
        String problem = "bad chunk signature, but chunk " + p.index + " after it has one (a chunk past the header's count"
                + " of a dirty file, zeroed or overwritten)";
        if (!skipBad) {
            throw new EvtxInputException(where + ": " + problem + SKIP_HINT);
        }
        for (long c = first; c < p.index; c++) {
            stats.countChunk(true);
        }
        stats.note(where + ": " + problem + (p.index - first > 1 ? ", and the " + (p.index - first - 1) + " slot(s) after it" : "")
                + ": chunk skipped");
    }

    private static final class OpenFile {
        final Path path;
        final FileChannel channel;
        int pending;
        /** The first slot of a run without a chunk signature that no chunk has followed yet, or -1. */
        long firstUnused = -1;

        OpenFile(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }
    }

    private record Pending(OpenFile file, long index, Future<ChunkResult> future) {
    }
}
