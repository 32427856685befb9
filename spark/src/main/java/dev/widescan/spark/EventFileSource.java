package dev.widescan.spark;

import dev.widescan.format.EventFile;
import dev.widescan.format.FormatException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;

/**
 * Opens an event file that lives on any Hadoop file system as an engine {@link EventFile}.
 *
 * <p>Why two ways: the engine reads event files through one FFM mapping of the whole file, which is
 * what makes its scan a pass over contiguous bytes. A file on the local file system is mapped in place
 * (no copy). A file on HDFS, S3A or any other file system cannot be mapped, so the partition's byte
 * range is copied into a <em>sparse</em> local file of the same length, together with the header and
 * the footer index, and that file is mapped: the engine validates header, footer and trailer exactly as
 * for a local file and reads the copied blocks at their own offsets, while the holes cost neither disk
 * nor memory. A partition of ~128 MB costs ~128 MB of the executor's local disk for the task's life.
 * Blocks outside the copied range read as zeros, and the engine's per-column CRC32C would reject them,
 * so a range mistake cannot turn into silently wrong detections.
 */
final class EventFileSource implements AutoCloseable {
    private static final long HEADER_MAGIC = 0x0A1A0A0D45535789L;
    private static final int TRAILER_BYTES = 64;
    private static final int COPY_CHUNK = 1 << 20;

    private final EventFile file;
    private final Path copy;
    private final long footerOffset;

    private EventFileSource(EventFile file, Path copy, long footerOffset) {
        this.file = file;
        this.copy = copy;
        this.footerOffset = footerOffset;
    }

    /**
     * Opens {@code name} ({@code fileLength} bytes) so that the blocks in bytes {@code [from, to)} can be
     * read; {@code from == to} opens only the index (planning). {@code mapLocal}: map local files in place.
     */
    static EventFileSource open(Configuration conf, String name, long fileLength, long from, long to, boolean mapLocal)
            throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(name);
        FileSystem fs = path.getFileSystem(conf);
        try (FSDataInputStream in = fs.open(path)) {
            long footer = footerOffset(in, fileLength);
            if (mapLocal && "file".equals(fs.getUri().getScheme())) {
                return new EventFileSource(EventFile.open(Path.of(fs.makeQualified(path).toUri())), null, footer);
            }
            Path copy = Files.createTempFile("widescan-range-", ".wsev");
            try {
                copyRanges(in, copy, fileLength, headerLength(in, fileLength), footer, from, to);
                return new EventFileSource(EventFile.open(copy), copy, footer);
            } catch (FormatException e) {
                Files.deleteIfExists(copy);
                throw new FormatException(e.getMessage().replace(copy.toString(), name), e);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
        }
    }

    EventFile file() {
        return file;
    }

    /** Where the footer index starts: the end of the last block. */
    long footerOffset() {
        return footerOffset;
    }

    /** The byte length of block {@code b} (its offset to the next block's, or to the footer). */
    long blockLength(int b) {
        long end = b + 1 < file.blockCount() ? file.blockOffset(b + 1) : footerOffset;
        return end - file.blockOffset(b);
    }

    @Override
    public void close() throws IOException {
        file.close();
        if (copy != null) {
            Files.deleteIfExists(copy);
        }
    }

    /** The footer offset the trailer names (validated later by the engine; 0 when the file is too short to have one). */
    private static long footerOffset(FSDataInputStream in, long fileLength) throws IOException {
        if (fileLength < TRAILER_BYTES) {
            return 0;
        }
        ByteBuffer t = read(in, fileLength - TRAILER_BYTES, TRAILER_BYTES);
        long footer = t.getLong(8);
        return footer < 0 || footer > fileLength ? 0 : footer;
    }

    private static long headerLength(FSDataInputStream in, long fileLength) throws IOException {
        if (fileLength < 16) {
            return fileLength;
        }
        ByteBuffer h = read(in, 0, 16);
        long length = Integer.toUnsignedLong(h.getInt(12));
        // A foreign file: copy its first bytes so that the engine's magic check names the problem.
        return h.getLong(0) != HEADER_MAGIC || length > fileLength ? Math.min(fileLength, 4096) : length;
    }

    private static void copyRanges(FSDataInputStream in, Path copy, long fileLength, long headerLength, long footer, long from, long to)
            throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
            raf.setLength(fileLength);
        }
        try (FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            copy(in, out, 0, headerLength);
            long tail = footer > 0 ? footer : Math.max(0, fileLength - TRAILER_BYTES);
            copy(in, out, tail, fileLength);
            copy(in, out, Math.max(from, headerLength), Math.min(to, tail));
        }
    }

    private static void copy(FSDataInputStream in, FileChannel out, long from, long to) throws IOException {
        byte[] buf = new byte[(int) Math.min(COPY_CHUNK, Math.max(0, to - from))];
        long at = from;
        while (at < to) {
            int n = (int) Math.min(buf.length, to - at);
            in.readFully(at, buf, 0, n);
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            long pos = at;
            while (bb.hasRemaining()) {
                pos += out.write(bb, pos);
            }
            at += n;
        }
    }

    private static ByteBuffer read(FSDataInputStream in, long at, int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(at, b, 0, n);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
