package dev.widescan.format;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * An open, memory-mapped event file (docs/FORMAT.md). {@link #open} maps the whole file as one FFM
 * segment in a shared arena, so files of any size (past 2 and 4 GiB) are one address range and every
 * thread may read it; it then checks trailer, footer and header and keeps the block index in arrays.
 *
 * <p>Why the whole file is validated up front but blocks only when read: the index is small (32 bytes
 * per block) and a bad index makes every later error confusing, while block contents are large and a
 * scan reads each block once, so their checks ride along with {@link #readBlock}.
 *
 * <p>A file one thread reads whole and that is at most {@link #READ_LIMIT} bytes is read into memory of its
 * own instead ({@link #openUnmapped}, {@link #remap(boolean) remap(true)}): readers see the same segment
 * either way ({@link #mapping}), and "mapped" below means either.
 *
 * <p>Thread-safe: immutable after open but for its mapping ({@link #unmap}, {@link #remap}). {@link #close()} unmaps; later reads throw
 * {@link IllegalStateException} (FFM's bounds and liveness checks, never a JVM crash).
 */
public final class EventFile implements AutoCloseable {
    private final Path path;
    /** Null while unmapped: an unmapped file keeps no mapping objects (a scan may hold 100,000s of files open). */
    private volatile Arena arena;
    /** Null while unmapped ({@link #mapping()} then throws). */
    private volatile MemorySegment mapping;
    /** Set by {@link #close}: {@link #remap} refuses from then on. */
    private volatile boolean closed;
    /** The file's identity when it was opened ({@link BasicFileAttributes#fileKey}), checked by {@link #remap}. */
    private final Object fileKey;
    /**
     * The trailer as it was when the file was opened, checked by {@link #remap}: it holds the CRCs of the
     * header (the schema) and of the footer (the block index), which this object keeps.
     */
    private final byte[] trailer;
    private final long fileSize;
    private final int major;
    private final int minor;
    /** Shared by the files of one schema (an archive's files usually have one). */
    private final Schema schema;
    private final long[] blockOffset;
    private final long[] blockLength;
    private final long[] blockFirst;
    private final int[] blockRecords;
    private final long records;
    private final int maxBlockRecords;

    private EventFile(Path path, Arena arena, MemorySegment mapping, Object fileKey) {
        this.path = path;
        this.fileKey = fileKey;
        this.arena = arena;
        this.mapping = mapping;
        this.fileSize = mapping.byteSize();
        if (fileSize < 8) {
            throw truncated("file is " + fileSize + " bytes");
        }
        if (fileSize < FileLayout.HEADER_FIXED_BYTES || mapping.get(FileLayout.U64, FileLayout.HEADER_MAGIC_OFFSET) != FileLayout.HEADER_MAGIC) {
            throw error("bad magic: not a widescan event file (expected \\x89WSE\\r\\n\\x1a\\n at offset 0)" + ForeignFile.looksLike(mapping));
        }
        this.major = Short.toUnsignedInt(mapping.get(FileLayout.U16, FileLayout.HEADER_MAJOR_VERSION_OFFSET));
        this.minor = Short.toUnsignedInt(mapping.get(FileLayout.U16, FileLayout.HEADER_MINOR_VERSION_OFFSET));
        if (major < FileLayout.OLDEST_READABLE_MAJOR_VERSION || major > FileLayout.MAJOR_VERSION) {
            throw error("unsupported format version " + major + "." + minor + " (this widescan reads versions "
                    + FileLayout.OLDEST_READABLE_MAJOR_VERSION + ".x to " + FileLayout.MAJOR_VERSION + ".x)");
        }
        long headerLength = Integer.toUnsignedLong(mapping.get(FileLayout.U32, FileLayout.HEADER_LENGTH_OFFSET));
        if (fileSize < headerLength + FileLayout.TRAILER_BYTES || fileSize % FileLayout.ALIGN != 0) {
            throw truncated("file is " + fileSize + " bytes");
        }
        // Trailer: written last, so it is the proof that the writer finished.
        long t = fileSize - FileLayout.TRAILER_BYTES;
        if (mapping.get(FileLayout.U64, t + FileLayout.TRAILER_MAGIC_OFFSET) != FileLayout.TRAILER_MAGIC) {
            throw truncated("no trailer magic in the last 64 bytes");
        }
        int trailerCrc = FileLayout.crc32c(mapping, t, FileLayout.TRAILER_CRC_OFFSET);
        if (trailerCrc != mapping.get(FileLayout.U32, t + FileLayout.TRAILER_CRC_OFFSET)) {
            throw error("trailer CRC32C mismatch at offset " + t + ": expected "
                    + FileLayout.hex(mapping.get(FileLayout.U32, t + FileLayout.TRAILER_CRC_OFFSET)) + ", actual "
                    + FileLayout.hex(trailerCrc));
        }
        long footerOffset = mapping.get(FileLayout.U64, t + FileLayout.TRAILER_FOOTER_OFFSET_OFFSET);
        long footerLength = mapping.get(FileLayout.U64, t + FileLayout.TRAILER_FOOTER_LENGTH_OFFSET);
        if (footerOffset < headerLength || footerOffset % FileLayout.ALIGN != 0 || footerLength < FileLayout.FOOTER_FIXED_BYTES
                || footerLength > t - footerOffset || FileLayout.pad64(footerOffset + footerLength) != t) {
            throw error("footer position " + footerOffset + "+" + footerLength + " is outside the file's index area");
        }
        int footerCrc = FileLayout.crc32c(mapping, footerOffset, footerLength);
        this.trailer = mapping.asSlice(t, FileLayout.TRAILER_BYTES).toArray(ValueLayout.JAVA_BYTE);
        if (footerCrc != mapping.get(FileLayout.U32, t + FileLayout.TRAILER_FOOTER_CRC_OFFSET)) {
            throw error("footer CRC32C mismatch at offset " + footerOffset + ": expected "
                    + FileLayout.hex(mapping.get(FileLayout.U32, t + FileLayout.TRAILER_FOOTER_CRC_OFFSET)) + ", actual " + FileLayout.hex(footerCrc));
        }
        this.schema = readHeader(headerLength, mapping.get(FileLayout.U32, t + FileLayout.TRAILER_HEADER_CRC_OFFSET));
        if (mapping.get(FileLayout.U32, footerOffset + FileLayout.FOOTER_MAGIC_OFFSET) != FileLayout.FOOTER_MAGIC) {
            throw error("footer at offset " + footerOffset + " has no WSIX magic");
        }
        int blocks = mapping.get(FileLayout.U32, footerOffset + FileLayout.FOOTER_BLOCK_COUNT_OFFSET);
        if (blocks < 0 || FileLayout.FOOTER_FIXED_BYTES + (long) blocks * FileLayout.FOOTER_ENTRY_BYTES != footerLength) {
            throw error("footer block count " + Integer.toUnsignedString(blocks) + " does not match its length " + footerLength);
        }
        this.records = mapping.get(FileLayout.U64, footerOffset + FileLayout.FOOTER_RECORD_COUNT_OFFSET);
        this.blockOffset = new long[blocks];
        this.blockLength = new long[blocks];
        this.blockFirst = new long[blocks];
        this.blockRecords = new int[blocks];
        long expectedOffset = headerLength;
        long expectedFirst = 0;
        int maxRecords = 0;
        for (int b = 0; b < blocks; b++) {
            long e = footerOffset + FileLayout.FOOTER_FIXED_BYTES + (long) b * FileLayout.FOOTER_ENTRY_BYTES;
            blockOffset[b] = mapping.get(FileLayout.U64, e + FileLayout.FOOTER_ENTRY_BLOCK_OFFSET_OFFSET);
            blockLength[b] = mapping.get(FileLayout.U64, e + FileLayout.FOOTER_ENTRY_BLOCK_LENGTH_OFFSET);
            blockFirst[b] = mapping.get(FileLayout.U64, e + FileLayout.FOOTER_ENTRY_FIRST_RECORD_OFFSET);
            blockRecords[b] = mapping.get(FileLayout.U32, e + FileLayout.FOOTER_ENTRY_RECORD_COUNT_OFFSET);
            if (blockOffset[b] != expectedOffset || blockLength[b] <= 0 || blockLength[b] % FileLayout.ALIGN != 0
                    || blockLength[b] > footerOffset - blockOffset[b]) {
                throw error("footer entry of block " + b + " has bad position " + blockOffset[b] + "+" + blockLength[b]);
            }
            if (blockFirst[b] != expectedFirst || blockRecords[b] <= 0) {
                throw error("footer entry of block " + b + " has bad record range " + blockFirst[b] + "+"
                        + Integer.toUnsignedString(blockRecords[b]));
            }
            expectedOffset += blockLength[b];
            expectedFirst += blockRecords[b];
            maxRecords = Math.max(maxRecords, blockRecords[b]);
        }
        if (expectedOffset != footerOffset || expectedFirst != records) {
            throw error("footer index does not add up: blocks end at " + expectedOffset + " (footer at " + footerOffset
                    + "), " + expectedFirst + " records in blocks vs " + records + " in footer");
        }
        this.maxBlockRecords = maxRecords;
    }

    /**
     * Maps and validates {@code p}. Throws {@link FormatException} naming the file and the problem for
     * anything that is not a complete event file of a version it reads (1 to 3), and {@link IOException} when it cannot be read.
     */
    public static EventFile open(Path p) throws IOException {
        return open(p, Arena.ofShared(), false, null);
    }

    /**
     * {@link #open}, then {@link #unmap}: the file checked and indexed, mapped again by {@link #remap} when it
     * is read. The check's mapping is confined to the calling thread, so unmapping it stops no other thread
     * (closing a shared mapping is a handshake with every thread, bench/RESULTS.md §25).
     */
    public static EventFile openUnmapped(Path p) throws IOException {
        return openUnmapped(p, null);
    }

    /**
     * {@link #openUnmapped(Path)} of a file whose identity ({@link BasicFileAttributes#fileKey}, null where the file
     * system has none) the caller read when it found the file: another file at its path now (replaced since) is a
     * {@link FormatException} saying so, as it is later for {@link #remap}.
     */
    public static EventFile openUnmapped(Path p, Object fileKey) throws IOException {
        EventFile f = open(p, Arena.ofConfined(), true, fileKey);
        f.unmap();
        return f;
    }

    /**
     * Files of at most this many bytes are read into memory of their own rather than mapped, where one thread
     * reads them whole ({@link #openUnmapped}'s check, {@link #remap(boolean) remap(true)}). Why: for a small
     * file the mapping is the cost, not the bytes: mmap, a page fault a page and munmap (which with other
     * threads running also shoots down their TLB entries) took 0.80-0.86 s for 70,000 files of 6.4 KB on one
     * thread, a read into a buffer 0.33 (bench/RESULTS.md §27). Small enough that the read buffer comes from
     * malloc's own heap (no mmap of its own, no fresh pages) and that copying the bytes stays cheaper than
     * faulting them in; larger files are mapped.
     */
    public static final long READ_LIMIT = 128 * 1024;

    /** Opened for reading: a set made once (FileChannel.open(Path, OpenOption...) makes a HashSet every call). */
    private static final java.util.Set<StandardOpenOption> READ = java.util.Set.of(StandardOpenOption.READ);

    /** {@code knownKey}: the file's identity as the caller found it (null: none to compare with). */
    private static EventFile open(Path p, Arena arena, boolean mayRead, Object knownKey) throws IOException {
        try {
            BasicFileAttributes now = regularFile(p, knownKey);
            return openRegular(p, arena, mayRead, now.fileKey(), now.size());
        } catch (NoSuchFileException e) {
            arena.close();
            throw new NoSuchFileException(p.toString(), null, "no such event file");
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        } catch (InternalError e) {
            arena.close();
            // a mapped file cut short while it is checked: the JVM's SIGBUS on the mapping. Named here, since
            // nothing above knows which file an open was checking (it was a bare InternalError, no file named)
            if (e.getMessage() != null && e.getMessage().contains("unsafe memory access")) {
                throw new FormatException(p + ": the file changed while it was being opened (cut short while it was read):"
                        + " truncated or rewritten by another process", e);
            }
            throw e;
        }
    }

    /**
     * {@code p}'s identity, looked at before {@code p} is opened: opening a FIFO waits for a writer, for ever. A scan
     * finds its files by a folder's walk, seconds before it opens the last of them: a FIFO put at such a path since
     * hung the scan; now it is a {@link FormatException} naming it, as a file replaced by another is. (A small file's
     * read takes its size from here, so this stat costs no system call more than before; what is put at the path
     * between this look and the open is not seen.)
     */
    private static BasicFileAttributes regularFile(Path p, Object knownKey) throws IOException {
        BasicFileAttributes now = Files.readAttributes(p, BasicFileAttributes.class);
        String since = knownKey != null ? "the file changed since the scan found it (" : "";
        if (!now.isRegularFile()) {
            throw new FormatException(p + ": " + since + "not a regular file" + (now.isDirectory() ? ": a folder" : ": a device, FIFO or socket")
                    + (knownKey != null ? "): replaced by another process" : ""));
        }
        if (knownKey != null && !knownKey.equals(now.fileKey())) {
            throw new FormatException(p + ": " + since + "another file is at its path now): replaced by another process");
        }
        return now;
    }

    /** {@link #open(Path, Arena, boolean, Object)} of a regular file of identity {@code key}, {@code statSize} bytes a moment ago. */
    private static EventFile openRegular(Path p, Arena arena, boolean mayRead, Object key, long statSize) throws IOException {
        try (FileChannel ch = FileChannel.open(p, READ)) {
            long size = mayRead && statSize <= READ_LIMIT ? statSize : ch.size();
            MemorySegment mapping;
            if (mayRead && size <= READ_LIMIT) {
                mapping = readWhole(ch, size, arena);
                if (mapping == null) {
                    throw new FormatException(p + ": the file changed while it was being opened (shorter than its size, "
                            + size + " bytes): rewritten by another process");
                }
            } else {
                try {
                    mapping = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
                } catch (IOException e) {
                    if (cutShort(ch, size, e)) {
                        throw new FormatException(p + ": the file changed while it was being opened (" + size + " bytes, then "
                                + "shorter): truncated or rewritten by another process", e);
                    }
                    throw new MapFailedException(p, e);
                }
            }
            return new EventFile(p, arena, mapping, key);
        }
    }

    /**
     * Whether mapping failed as the file is shorter than its size was (the JDK: "cannot extend file to required size"):
     * a file changed, not the mappings used up. By the message too: the file may have grown back since.
     */
    private static boolean cutShort(FileChannel ch, long size, IOException e) throws IOException {
        return e.getMessage() != null && e.getMessage().contains("cannot extend file") || ch.size() < size;
    }

    /**
     * The file could not be mapped ("Map failed": the process's mappings, {@code vm.max_map_count}, or its address
     * space, {@code ulimit -v}, are used up). Not damage: {@code scan --skip-bad} does not skip it, since the JVM
     * itself then has no mapping left and crashed.
     */
    public static final class MapFailedException extends IOException {
        MapFailedException(Path p, IOException cause) {
            super(p + ": cannot map the event file into memory (" + cause.getMessage() + "): the process's memory mappings"
                    + " (vm.max_map_count) or address space (ulimit -v) are used up; scan fewer files at once", cause);
        }
    }

    private Schema readHeader(long headerLength, int trailerHeaderCrc) {
        int columns = mapping.get(FileLayout.U32, FileLayout.HEADER_COLUMN_COUNT_OFFSET);
        if (columns < 0 || columns > 65_535) {
            throw error("header: bad column count " + Integer.toUnsignedString(columns));
        }
        long namesFrom = FileLayout.HEADER_FIXED_BYTES;
        long at = namesFrom;
        for (int c = 0; c < columns; c++) {
            if (at + 2 > headerLength) {
                throw error("header: column names run past the header length " + headerLength);
            }
            int len = Short.toUnsignedInt(mapping.get(FileLayout.U16, at));
            if (at + 2 + len + 4 > headerLength) {
                throw error("header: column name " + c + " runs past the header length " + headerLength);
            }
            at += 2 + len;
        }
        int expected = mapping.get(FileLayout.U32, at);
        int actual = FileLayout.crc32c(mapping, 0, at);
        if (expected != actual) {
            throw error("header CRC32C mismatch: expected " + FileLayout.hex(expected) + ", actual " + FileLayout.hex(actual));
        }
        if (expected != trailerHeaderCrc) {
            throw error("header and trailer belong to different writes (header CRC " + FileLayout.hex(expected)
                    + ", trailer says " + FileLayout.hex(trailerHeaderCrc) + ")");
        }
        // The archive's files share one schema: one object for all (never written to), recognised by its
        // encoded names, so that opening a file of the same schema decodes and allocates nothing (70,000 files
        // allocated ~180 MB of names and arrays to throw away)
        Schema previous = lastSchema;
        if (previous.names.length == columns
                && MemorySegment.mismatch(mapping, namesFrom, at, previous.encoded, 0, previous.encoded.byteSize()) < 0) {
            return previous;
        }
        String[] names = new String[columns];
        for (int c = 0, len; c < columns; c++, namesFrom += 2 + len) {
            len = Short.toUnsignedInt(mapping.get(FileLayout.U16, namesFrom));
            String text = new String(mapping.asSlice(namesFrom + 2, len).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            Field f = Field.byName(text);
            names[c] = f != null ? f.name() : text; // one String per schema field for all files (70,000 files: ~110 MB less heap)
        }
        Schema made = new Schema(names, mapping.asSlice(FileLayout.HEADER_FIXED_BYTES, at - FileLayout.HEADER_FIXED_BYTES));
        lastSchema = made;
        return made;
    }

    /**
     * A header's column names, and per {@link Field} the column holding it (-1: none). Immutable, so files with
     * the same header share one: per open file it was ~300 bytes of a scan's heap (70,000 files: ~20 MB).
     */
    private static final class Schema {
        final String[] names;
        final int[] columnOfField;
        /** The names as the header encodes them (lengths and UTF-8), a heap copy. */
        final MemorySegment encoded;

        Schema(String[] names, MemorySegment encoded) {
            this.names = names;
            this.encoded = MemorySegment.ofArray(encoded.toArray(ValueLayout.JAVA_BYTE));
            this.columnOfField = new int[Field.count()];
            Arrays.fill(columnOfField, -1);
            for (int c = 0; c < names.length; c++) {
                Field f = Field.byName(names[c]);
                if (f != null && columnOfField[f.ordinal()] < 0) {
                    columnOfField[f.ordinal()] = c;
                }
            }
        }
    }

    /** The schema the last file opened had (files of one archive usually share it). */
    private static volatile Schema lastSchema = new Schema(new String[0], MemorySegment.NULL);

    public Path path() {
        return path;
    }

    public int blockCount() {
        return blockOffset.length;
    }

    public long recordCount() {
        return records;
    }

    public long fileSize() {
        return fileSize;
    }

    public int majorVersion() {
        return major;
    }

    public int minorVersion() {
        return minor;
    }

    /** Column names in file order, as the header lists them. */
    public String[] columnNames() {
        return schema.names.clone();
    }

    /** The file's column index holding {@code f}, or -1 when this file has no such column (all absent). */
    public int columnOf(Field f) {
        return schema.columnOfField[f.ordinal()];
    }

    public long blockOffset(int blockIndex) {
        return blockOffset[checkIndex(blockIndex)];
    }

    public int blockRecordCount(int blockIndex) {
        return blockRecords[checkIndex(blockIndex)];
    }

    public long blockFirstRecord(int blockIndex) {
        return blockFirst[checkIndex(blockIndex)];
    }

    /**
     * Points {@code reuse} (or a new block when null) at block {@code blockIndex}, checking its header
     * and directory. No copy: the block's columns are views of the mapping.
     */
    public EventBlock readBlock(int blockIndex, EventBlock reuse) {
        EventBlock block = reuse == null ? new EventBlock() : reuse;
        int b = checkIndex(blockIndex);
        block.point(this, b, blockOffset[b], blockLength[b], blockFirst[b], blockRecords[b]);
        return block;
    }

    /** The block containing file-wide record {@code record} (binary search of the index). */
    public int blockOfRecord(long record) {
        if (record < 0 || record >= records) {
            throw new IndexOutOfBoundsException("record " + record + " of " + records + " in " + path);
        }
        int i = Arrays.binarySearch(blockFirst, record);
        return i >= 0 ? i : -i - 2;
    }

    /** The file's mapping; IllegalStateException when it is not mapped (closed, or {@link #unmap}ped until {@link #remap}). */
    MemorySegment mapping() {
        MemorySegment m = mapping;
        if (m == null) {
            throw new IllegalStateException(path + " is not mapped (closed, or not yet mapped again for reading)");
        }
        return m;
    }

    int columnCount() {
        return schema.names.length;
    }

    int maxBlockRecords() {
        return maxBlockRecords;
    }

    String columnName(int column) {
        return schema.names[column];
    }

    /**
     * Unmaps the file but keeps what {@link #open} read (schema, block index), until {@link #remap}. Why: a
     * scan opens every file of an archive first (to check it and count its blocks) but reads a few at a
     * time; mapped all along, an archive of more files than the kernel's {@code vm.max_map_count} (65,530
     * by default) could not be scanned at all. Reads of an unmapped file throw IllegalStateException. Idempotent.
     */
    public synchronized void unmap() {
        Arena a = arena;
        if (a == null) {
            return;
        }
        try {
            a.close();
        } catch (WrongThreadException e) {
            // mapped by remap(true) for a thread that failed before its last block: only that thread may
            // unmap it, and the failed scan ends the process, which releases it
            return;
        }
        // dropped, not only closed: a closed mapping's objects (segment, unmapper, file descriptor, session)
        // are ~250 bytes a file, and a scan keeps every file of the archive open
        mapping = null;
        arena = null;
    }

    /** Whether the file is mapped now (not {@link #unmap}ped or closed). */
    public boolean isMapped() {
        return arena != null;
    }

    /**
     * Maps again a file {@link #unmap}ped (does nothing if it is mapped), after checking that it is still
     * the file {@link #open} read: the same identity (device and inode), size and trailer (so the same
     * schema and block index, which this object kept). A file replaced or rewritten since is a
     * {@link FormatException} saying so. (A file rewritten in place with the very same layout, or replaced by
     * one that also took the freed inode number, passes: its blocks are then read as they are now, all from
     * the one mapping made here, and checked block by block as any file's.) Thread-safe: any number of threads
     * may ask, one maps.
     */
    public synchronized void remap() throws IOException {
        remap(false);
    }

    /**
     * {@link #remap()}; {@code confined}: the mapping belongs to the calling thread, which alone may read it
     * and unmap it, and unmapping it then stops no other thread (a shared mapping's is a handshake with every
     * thread, which also deoptimizes the compiled code they are running, bench/RESULTS.md §25).
     */
    public synchronized void remap(boolean confined) throws IOException {
        if (closed) {
            throw new IllegalStateException(path + " is closed");
        }
        if (arena != null) {
            return;
        }
        // Looked at before it is opened, not after: opening a FIFO put at the path waits for a writer, for ever
        // (a scan hung); a device or folder is no event file either. (Replaced again between this look and
        // the open, it is still caught below unless it is a FIFO: its size or trailer differs.)
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw changed("it is gone");
        } catch (AccessDeniedException e) {
            throw unreadableNow(); // its folder made unsearchable
        }
        if (!now.isRegularFile()) {
            throw changed("it is now " + (now.isDirectory() ? "a folder" : "a device, FIFO or socket") + ", not a regular file");
        }
        if (now.size() != fileSize || (fileKey != null && !fileKey.equals(now.fileKey()))) {
            throw changed(now.size() != fileSize ? "now " + now.size() + " bytes, " + fileSize + " when the scan opened it"
                    : "another file is at its path now");
        }
        Arena a = confined ? Arena.ofConfined() : Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, READ)) {
            // a small file read whole takes the size just checked (one fstat less a file); it must still end in the trailer
            long size = confined && fileSize <= READ_LIMIT ? fileSize : ch.size();
            if (size != fileSize) {
                throw changed("now " + size + " bytes, " + fileSize + " when the scan opened it");
            }
            MemorySegment m;
            if (confined && size <= READ_LIMIT) {
                m = readWhole(ch, size, a); // one thread reads it whole: a copy costs less than a mapping (READ_LIMIT)
                if (m == null) {
                    throw changed("now shorter than " + fileSize + " bytes");
                }
            } else {
                try {
                    m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, a);
                } catch (IOException e) {
                    if (cutShort(ch, size, e)) {
                        throw changed("cut short while it was mapped, " + fileSize + " bytes when the scan opened it");
                    }
                    throw new MapFailedException(path, e);
                }
            }
            if (!Arrays.equals(m.asSlice(size - FileLayout.TRAILER_BYTES, FileLayout.TRAILER_BYTES).toArray(ValueLayout.JAVA_BYTE), trailer)) {
                throw changed("its schema or block index is not the one the scan opened");
            }
            mapping = m;
            arena = a;
        } catch (NoSuchFileException e) {
            a.close();
            throw changed("it is gone");
        } catch (AccessDeniedException e) {
            a.close();
            throw unreadableNow();
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /** Made unreadable since the open: a change like any other (was a bare "FILE: permission denied", never skipped). */
    private FormatException unreadableNow() {
        return changed("it cannot be read now: permission denied");
    }

    /**
     * The file's {@code size} bytes read into memory of {@code arena}'s (aligned as a mapping's start is, for the
     * layout's aligned reads); null when the file ends sooner (it shrank since its size was taken).
     */
    private static MemorySegment readWhole(FileChannel ch, long size, Arena arena) throws IOException {
        MemorySegment m = arena.allocate(size, FileLayout.ALIGN);
        java.nio.ByteBuffer into = m.asByteBuffer();
        while (into.hasRemaining()) {
            if (ch.read(into, into.position()) < 0) {
                return null;
            }
        }
        return m;
    }

    private FormatException changed(String how) {
        return error("the file changed while scanning (" + how + "): replaced or rewritten by another process");
    }

    /** Unmaps the file for good: {@link #remap} refuses from then on. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        unmap();
    }

    private int checkIndex(int blockIndex) {
        if (blockIndex < 0 || blockIndex >= blockOffset.length) {
            throw new IndexOutOfBoundsException("block " + blockIndex + " of " + blockOffset.length + " in " + path);
        }
        return blockIndex;
    }

    FormatException error(String what) {
        return new FormatException(path + ": " + what);
    }

    private FormatException truncated(String detail) {
        return error("truncated or incomplete event file (" + detail
                + "; the writer did not finish or the file was cut short)");
    }

    @Override
    public String toString() {
        return "EventFile[" + path + ", " + blockCount() + " blocks, " + records + " records]";
    }
}
