package dev.widescan.format;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Streams records into a new event file: header first, then one block each time the current block is
 * full (docs/FORMAT.md "Block size"), then the footer index and the trailer in {@link #close()}. A file
 * whose writer never reached {@code close()} has no trailer and is rejected by {@link EventFile#open}.
 *
 * <p>Memory is one block of buffered columns plus 32 bytes of index per finished block. Not thread-safe.
 */
public final class EventFileWriter implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final BlockBuffer block;
    private final int headerCrc;
    private long position;
    private long records;
    private int blocks;
    private long[] blockOffset = new long[64];
    private long[] blockLength = new long[64];
    private long[] blockFirst = new long[64];
    private int[] blockRecords = new int[64];
    private boolean closed;

    private EventFileWriter(Path path, FileChannel channel, int maxRecordsPerBlock, ColumnEncodings encodings) throws IOException {
        this.path = path;
        this.block = new BlockBuffer(maxRecordsPerBlock,
                (int) Math.min(Integer.MAX_VALUE, (long) FileLayout.BLOCK_COLUMN_UNIT_BUDGET * maxRecordsPerBlock / FileLayout.BLOCK_MAX_RECORDS),
                encodings);
        this.channel = channel;
        byte[] header = header(block.maxRecords(), block.columnUnitBudget(), encodings.majorVersion());
        this.headerCrc = MemorySegment.ofArray(header).get(FileLayout.U32, headerCrcOffset());
        write(header, header.length);
    }

    /** Creates (or truncates) {@code out} and writes the file header. */
    public static EventFileWriter create(Path out) throws IOException {
        return create(out, FileLayout.BLOCK_MAX_RECORDS);
    }

    /**
     * Like {@link #create(Path)} with another block size: at most {@code maxRecordsPerBlock} records (a
     * multiple of 64) and a per-column unit budget scaled with it. For measuring block sizes
     * (ScanLoopBenchmark); readers take any block size a file declares.
     */
    public static EventFileWriter create(Path out, int maxRecordsPerBlock) throws IOException {
        return create(out, maxRecordsPerBlock, ColumnEncodings.COMPACT);
    }

    /**
     * Like {@link #create(Path, int)}, choosing whether columns may be stored compactly (dictionary,
     * constant, all-absent: the default; docs/FORMAT.md). {@code false} writes every column plain: for
     * measuring what the compact kinds buy and for tests that compare layouts.
     */
    public static EventFileWriter create(Path out, int maxRecordsPerBlock, boolean compact) throws IOException {
        return create(out, maxRecordsPerBlock, compact ? ColumnEncodings.COMPACT : ColumnEncodings.PLAIN);
    }

    /**
     * Like {@link #create(Path, int)} with the column kinds the writer may use; the file is labelled with
     * the oldest format version that has them ({@link ColumnEncodings#majorVersion()}).
     */
    public static EventFileWriter create(Path out, int maxRecordsPerBlock, ColumnEncodings encodings) throws IOException {
        if (maxRecordsPerBlock < 64 || maxRecordsPerBlock % 64 != 0 || maxRecordsPerBlock > (1 << 20)) {
            throw new IllegalArgumentException("records per block must be a multiple of 64 in [64, 1048576]: " + maxRecordsPerBlock);
        }
        FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            return new EventFileWriter(out, ch, maxRecordsPerBlock, encodings);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Appends one record (copied: {@code r} may be reused by the caller right after). */
    public void append(EventRecord r) throws IOException {
        if (closed) {
            throw new IllegalStateException("writer of " + path + " is closed");
        }
        if (block.records() > 0 && block.wouldOverflow(r)) {
            flushBlock();
        }
        block.add(r);
        records++;
    }

    /** Records appended so far. */
    public long recordCount() {
        return records;
    }

    /** Writes the last block, the footer and the trailer, and closes the file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (block.records() > 0) {
                flushBlock();
            }
            writeFooterAndTrailer();
        } finally {
            closed = true;
            channel.close();
        }
    }

    /** Closes without writing the footer and deletes the file: for a failed ingest. */
    public void abort() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
        Files.deleteIfExists(path);
    }

    private void flushBlock() throws IOException {
        long first = records - block.records();
        int n = block.records();
        byte[] bytes = block.serialize(first);
        long size = block.serializedLength();
        if (blocks == blockOffset.length) {
            int cap = blocks * 2;
            blockOffset = Arrays.copyOf(blockOffset, cap);
            blockLength = Arrays.copyOf(blockLength, cap);
            blockFirst = Arrays.copyOf(blockFirst, cap);
            blockRecords = Arrays.copyOf(blockRecords, cap);
        }
        blockOffset[blocks] = position;
        blockLength[blocks] = size;
        blockFirst[blocks] = first;
        blockRecords[blocks] = n;
        blocks++;
        write(bytes, (int) size);
    }

    private void writeFooterAndTrailer() throws IOException {
        long footerOffset = position;
        long footerLength = FileLayout.FOOTER_FIXED_BYTES + (long) FileLayout.FOOTER_ENTRY_BYTES * blocks;
        long padded = FileLayout.pad64(footerLength);
        byte[] footer = new byte[(int) padded + FileLayout.TRAILER_BYTES];
        MemorySegment seg = MemorySegment.ofArray(footer);
        seg.set(FileLayout.U32, FileLayout.FOOTER_MAGIC_OFFSET, FileLayout.FOOTER_MAGIC);
        seg.set(FileLayout.U32, FileLayout.FOOTER_BLOCK_COUNT_OFFSET, blocks);
        seg.set(FileLayout.U64, FileLayout.FOOTER_RECORD_COUNT_OFFSET, records);
        for (int b = 0; b < blocks; b++) {
            long e = FileLayout.FOOTER_FIXED_BYTES + (long) b * FileLayout.FOOTER_ENTRY_BYTES;
            seg.set(FileLayout.U64, e + FileLayout.FOOTER_ENTRY_BLOCK_OFFSET_OFFSET, blockOffset[b]);
            seg.set(FileLayout.U64, e + FileLayout.FOOTER_ENTRY_BLOCK_LENGTH_OFFSET, blockLength[b]);
            seg.set(FileLayout.U64, e + FileLayout.FOOTER_ENTRY_FIRST_RECORD_OFFSET, blockFirst[b]);
            seg.set(FileLayout.U32, e + FileLayout.FOOTER_ENTRY_RECORD_COUNT_OFFSET, blockRecords[b]);
        }
        CRC32C crc = new CRC32C();
        crc.update(footer, 0, (int) footerLength);
        long t = padded;
        seg.set(FileLayout.U64, t + FileLayout.TRAILER_MAGIC_OFFSET, FileLayout.TRAILER_MAGIC);
        seg.set(FileLayout.U64, t + FileLayout.TRAILER_FOOTER_OFFSET_OFFSET, footerOffset);
        seg.set(FileLayout.U64, t + FileLayout.TRAILER_FOOTER_LENGTH_OFFSET, footerLength);
        seg.set(FileLayout.U32, t + FileLayout.TRAILER_FOOTER_CRC_OFFSET, (int) crc.getValue());
        seg.set(FileLayout.U32, t + FileLayout.TRAILER_HEADER_CRC_OFFSET, headerCrc);
        crc.reset();
        crc.update(footer, (int) t, FileLayout.TRAILER_CRC_OFFSET);
        seg.set(FileLayout.U32, t + FileLayout.TRAILER_CRC_OFFSET, (int) crc.getValue());
        write(footer, footer.length);
    }

    private static byte[] header(int maxRecords, int columnUnitBudget, int majorVersion) {
        int columns = Field.count();
        byte[] header = new byte[(int) FileLayout.pad64(headerCrcOffset() + 4L)];
        MemorySegment seg = MemorySegment.ofArray(header);
        seg.set(FileLayout.U64, FileLayout.HEADER_MAGIC_OFFSET, FileLayout.HEADER_MAGIC);
        seg.set(FileLayout.U16, FileLayout.HEADER_MAJOR_VERSION_OFFSET, (short) majorVersion);
        seg.set(FileLayout.U16, FileLayout.HEADER_MINOR_VERSION_OFFSET, (short) FileLayout.MINOR_VERSION);
        seg.set(FileLayout.U32, FileLayout.HEADER_LENGTH_OFFSET, header.length);
        seg.set(FileLayout.U32, FileLayout.HEADER_COLUMN_COUNT_OFFSET, columns);
        seg.set(FileLayout.U32, FileLayout.HEADER_BLOCK_RECORD_LIMIT_OFFSET, maxRecords);
        seg.set(FileLayout.U32, FileLayout.HEADER_BLOCK_BYTE_LIMIT_OFFSET, 2 * columnUnitBudget);
        int at = FileLayout.HEADER_FIXED_BYTES;
        for (Field f : Field.values()) {
            byte[] name = f.name().getBytes(StandardCharsets.UTF_8);
            seg.set(FileLayout.U16, at, (short) name.length);
            System.arraycopy(name, 0, header, at + 2, name.length);
            at += 2 + name.length;
        }
        CRC32C crc = new CRC32C();
        crc.update(header, 0, at);
        seg.set(FileLayout.U32, at, (int) crc.getValue());
        return header;
    }

    /** Where the header CRC sits: after the fixed part and the column names. */
    static int headerCrcOffset() {
        int at = FileLayout.HEADER_FIXED_BYTES;
        for (Field f : Field.values()) {
            at += 2 + f.name().getBytes(StandardCharsets.UTF_8).length;
        }
        return at;
    }

    private void write(byte[] bytes, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes, 0, length);
        while (buf.hasRemaining()) {
            position += channel.write(buf);
        }
    }
}
