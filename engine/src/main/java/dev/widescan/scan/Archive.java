package dev.widescan.scan;

import dev.widescan.format.EventFile;
import dev.widescan.format.FolderWalk;
import dev.widescan.format.IoMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The event files of one scan, as one sequence of blocks numbered 0..totalBlocks-1 (file by file, block
 * by block), cut into units of work in that order ({@link #unitStart}: a small file whole, a larger one
 * block by block), so workers can take the next unit from a single atomic counter and the output can be
 * put back in file-then-record order by block number alone.
 *
 * <p>Every file is opened, checked, indexed and unmapped when the archive is opened; a thread maps it
 * again when it reads its blocks ({@link #mapped}, {@link #mappedConfined}: a small file read whole by one
 * thread is read into memory of its own instead, {@link EventFile#READ_LIMIT}) and it is unmapped as soon as
 * its last block is finished. So the kernel's limit on mappings never bounds the file count, and a
 * terabyte archive never keeps more than the files in flight mapped or resident.
 */
public final class Archive implements AutoCloseable {
    /** Directory search picks files with this extension; files named explicitly may have any name. */
    public static final String EXTENSION = ".wsev";

    private final List<EventFile> files;
    private final long[] firstBlock;
    private final AtomicIntegerArray blocksLeft;
    private final int totalBlocks;
    private final long totalRecords;
    private final long totalBytes;
    private final List<String> skippedFiles = new ArrayList<>();
    /** How many files {@link #mapped} has mapped and {@link #blockDone} not yet unmapped. */
    private final java.util.concurrent.atomic.AtomicInteger mappedNow = new java.util.concurrent.atomic.AtomicInteger();
    /** {@link #mappableFiles}, read once. */
    private final long mappable = mappableFiles();

    private Archive(List<EventFile> files) {
        this.files = files;
        this.firstBlock = new long[files.size() + 1];
        this.blocksLeft = new AtomicIntegerArray(files.size());
        long blocks = 0;
        long records = 0;
        long bytes = 0;
        for (int i = 0; i < files.size(); i++) {
            EventFile f = files.get(i);
            firstBlock[i] = blocks;
            blocksLeft.set(i, f.blockCount());
            blocks += f.blockCount();
            records += f.recordCount();
            bytes += f.fileSize();
        }
        firstBlock[files.size()] = blocks;
        if (blocks > Integer.MAX_VALUE) {
            throw new ArchiveLimitException("too many blocks in one scan: " + blocks + " (at most " + Integer.MAX_VALUE
                    + "): scan the files in parts");
        }
        this.totalBlocks = (int) blocks;
        this.totalRecords = records;
        this.totalBytes = bytes;
        int units = 0;
        for (EventFile f : files) {
            units += isSmall(f) ? (f.blockCount() > 0 ? 1 : 0) : f.blockCount();
        }
        this.unitStart = new int[units + 1];
        int u = 0;
        for (int i = 0; i < files.size(); i++) {
            int n = files.get(i).blockCount();
            for (int b = 0; b < n; b += isSmall(files.get(i)) ? n : 1) {
                unitStart[u++] = (int) firstBlock[i] + b;
            }
        }
        unitStart[units] = totalBlocks;
    }

    /**
     * Files of at most this many blocks are scanned whole by one thread, through a mapping confined to it
     * ({@link #mappedConfined}): unmapping it then stops no other thread. Unmapping a shared mapping is a
     * handshake with every thread (and deoptimizes the compiled code they run, bench/RESULTS.md §25), once
     * per file: 70,000 two-event files took 4.5 s of scan at 2 threads, 22 s at 32. Larger files are shared
     * block by block, so that threads share their work; only their one unmapping each is a handshake. Small
     * enough that the sorted output's held-back blocks stay a few per thread.
     */
    public static final int SMALL_FILE_BLOCKS = 4;

    private static boolean isSmall(EventFile f) {
        return f.blockCount() <= SMALL_FILE_BLOCKS;
    }

    /**
     * The scan's units of work, in block order: a small file's blocks together (one thread reads them all),
     * a larger file's blocks one by one. {@code unitStart[u]} is unit {@code u}'s first global block; the
     * last entry is {@link #totalBlocks}.
     */
    private final int[] unitStart;

    /** How many units of work the scan's threads take, one at a time, in order ({@link #unitStart}). */
    public int unitCount() {
        return unitStart.length - 1;
    }

    /** The first global block of unit {@code u}; {@code unitStart(unitCount())} is {@link #totalBlocks}. */
    public int unitStart(int u) {
        return unitStart[u];
    }

    /** Whether unit {@code u} is a whole small file, read by one thread through {@link #mappedConfined}. */
    public boolean isWholeFile(int u) {
        return isSmall(files.get(fileOf(unitStart[u])));
    }

    /** Opens every event file named or found (recursively, by {@link #EXTENSION}) under the inputs. */
    public static Archive open(List<Path> inputs) {
        return open(inputs, false, warning -> { });
    }

    /**
     * Like {@link #open(List)}; {@code warnings} hears about inputs named twice (scanned once) and special
     * files found in folders (skipped). With {@code skipBad}, a file that cannot be opened (corrupt header,
     * footer or trailer, unreadable) is reported in {@link #skippedFiles} instead of failing the scan.
     */
    public static Archive open(List<Path> inputs, boolean skipBad, Consumer<String> warnings) {
        return open(find(inputs, warnings), skipBad);
    }

    /** {@link #open(List, boolean, Consumer)} of the files {@link #find} found (warned about then). */
    public static Archive open(Found found, boolean skipBad) {
        return open(found, skipBad, 1);
    }

    /**
     * Threads a scan opens its files with at least ({@code scan} uses its own thread count when larger). Why
     * more than the cores: a file not in the page cache is a wait for the disk, and waits overlap. 70,000
     * two-event files read from disk, 2 cores: 1 thread 5.8-6.4 s a scan, 2 4.5-5.2, 4 3.7-4.1, 8 3.2-3.6; in
     * the page cache 8 cost what 1 and 2 do, within the machine's spread (bench/RESULTS.md §27).
     */
    public static final int MIN_OPENERS = 8;

    /**
     * {@link #open(Found, boolean)} with up to {@code threads} threads checking and indexing the files
     * ({@link ParallelOpen}). The archive is the same whatever the count: files in path order, the first bad
     * one in that order reported, or with {@code skipBad} every bad one skipped, in that order.
     */
    public static Archive open(Found found, boolean skipBad, int threads) {
        ParallelOpen o = ParallelOpen.run(found.paths, found.fileKeys, skipBad, threads);
        try {
            List<EventFile> files = new ArrayList<>(o.opened.length);
            List<String> skipped = new ArrayList<>();
            for (int i = 0; i < o.opened.length; i++) {
                Exception e = o.failed[i];
                if (e == null) {
                    if (o.opened[i] != null) {
                        files.add(o.opened[i]);
                    }
                } else if (!skipBad || e instanceof EventFile.MapFailedException) { // a resource, not damage: never skipped
                    throw e instanceof IOException io ? new UncheckedIOException(io.getMessage(), io) : (RuntimeException) e;
                } else {
                    skipped.add(e instanceof IOException io ? found.paths.get(i) + ": cannot read: " + IoMessages.reason(io) : e.getMessage());
                }
            }
            Archive a = new Archive(files);
            a.skippedFiles.addAll(skipped);
            return a;
        } catch (RuntimeException | Error e) {
            o.closeAll();
            throw e;
        }
    }

    /** Stands in for the kernel's {@code vm.max_map_count} (tests; a system whose /proc does not say). */
    public static final String MAX_MAP_COUNT_PROPERTY = "widescan.maxMapCount";

    /** Mappings left to the JVM itself: heap, code cache, libraries, two per thread stack (~210 in a scan on 2 cores, ~2,300 with 1,024 threads). */
    public static final int MAP_HEADROOM = 4_096;

    /**
     * How many event files one scan may map at once: the kernel's {@code vm.max_map_count} less
     * {@link #MAP_HEADROOM}, or {@code Long.MAX_VALUE} when the system does not say.
     */
    public static long mappableFiles() {
        String given = System.getProperty(MAX_MAP_COUNT_PROPERTY);
        long max;
        // read by line: Files.readString of a /proc file (size 0) returned its first character only
        try (java.io.BufferedReader r = given != null ? new java.io.BufferedReader(new java.io.StringReader(given))
                : Files.newBufferedReader(Path.of("/proc/sys/vm/max_map_count"))) {
            String line = r.readLine();
            max = Long.parseLong(line == null ? "" : line.trim());
        } catch (IOException | NumberFormatException | SecurityException e) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, max - MAP_HEADROOM);
    }

    /**
     * File {@code fileIndex}, mapped (shared by all threads): {@link #open} unmaps every file once it has
     * checked it, and the scan's threads ask for a file here before reading a block of it; {@link #blockDone}
     * unmaps it after its last block. So a scan holds a mapping only for the files its threads are
     * reading, at most one a thread, whatever the archive's file count (all mapped from the start, more files
     * than the kernel's {@code vm.max_map_count} could not be scanned at all: "Map failed", or a JVM crash).
     * A file changed since it was opened is a {@link dev.widescan.format.FormatException} naming it
     * ({@link EventFile#remap}).
     *
     * @throws ArchiveLimitException when more files than {@link #mappableFiles} would be mapped at once
     *         (more threads than that, or a tuning sample spread over more files)
     */
    public EventFile mapped(int fileIndex) {
        return map(fileIndex, false);
    }

    /**
     * {@link #mapped}, through a mapping confined to the calling thread: for a unit that is a whole small file
     * ({@link #isWholeFile}), whose blocks only this thread reads and whose last {@link #blockDone} this
     * thread calls, which unmaps it without stopping the other threads.
     */
    public EventFile mappedConfined(int fileIndex) {
        return map(fileIndex, true);
    }

    private EventFile map(int fileIndex, boolean confined) {
        EventFile f = files.get(fileIndex);
        if (f.isMapped()) {
            return f;
        }
        synchronized (f) {
            if (!f.isMapped()) {
                if (mappedNow.incrementAndGet() > mappable) {
                    mappedNow.decrementAndGet();
                    throw new ArchiveLimitException(String.format(java.util.Locale.ROOT, "more than %,d event files mapped at"
                            + " once: the kernel lets a process hold at most %,d mappings (vm.max_map_count), some of them the"
                            + " JVM's; use fewer --threads (or --sample-blocks), or raise the limit (sysctl -w vm.max_map_count=%d)",
                            mappable, mappable + MAP_HEADROOM, Math.max(262_144, 2L * (mappable + MAP_HEADROOM))));
                }
                try {
                    f.remap(confined);
                } catch (IOException e) {
                    mappedNow.decrementAndGet();
                    throw new UncheckedIOException(e.getMessage(), e);
                } catch (RuntimeException e) {
                    mappedNow.decrementAndGet();
                    throw e;
                }
            }
        }
        return f;
    }

    /** Files that could not be opened and were skipped ({@code skipBad}), each with its reason. */
    public List<String> skippedFiles() {
        return skippedFiles;
    }

    /**
     * The event files of {@code inputs} in scan order: named files as given, folders walked in path
     * order; a file reached twice (named twice, or also found in a named folder, or through a link) is
     * kept once and reported to {@code warnings}.
     */
    public static List<Path> resolve(List<Path> inputs, Consumer<String> warnings) {
        return find(inputs, warnings).paths();
    }

    /**
     * The event files a scan's inputs name ({@link #resolve}), each with its identity as found, so that
     * {@link #open(Found, boolean)} opens them without looking for them again: a scan of 70,000 files walked
     * the folder twice and asked for each file's attributes seven times before it read the file.
     */
    public static final class Found {
        private final List<Path> paths = new ArrayList<>();
        /** Per path: {@link BasicFileAttributes#fileKey} as found (null where the file system has none). */
        private final List<Object> fileKeys = new ArrayList<>();

        private Found() {
        }

        /** The files in scan order. */
        public List<Path> paths() {
            return java.util.Collections.unmodifiableList(paths);
        }
    }

    /** {@link #resolve}, keeping what it read of each file for {@link #open(Found, boolean)}. */
    public static Found find(List<Path> inputs, Consumer<String> warnings) {
        Found out = new Found();
        Map<Object, Path> seen = new HashMap<>();
        int namedTwice = 0;
        for (Path in : inputs) {
            List<FolderWalk.Entry> found = new ArrayList<>();
            BasicFileAttributes named = attributes(in); // links followed; null: nothing there (or a dangling link)
            if (named != null && named.isDirectory()) {
                try {
                    for (FolderWalk.Entry e : FolderWalk.walk(in)) { // links to folders followed
                        Path p = e.path();
                        if (!hasExtension(p)) {
                            continue;
                        }
                        if (e.attributes().isRegularFile()) {
                            found.add(e);
                        } else if (e.attributes().isSymbolicLink()) { // the walk follows links: this one leads nowhere
                            warnings.accept(p + ": a symbolic link to nothing (dangling), skipped");
                        } else {
                            warnings.accept(p + ": not a regular file (device, FIFO or socket), skipped");
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(in + ": cannot list directory: " + IoMessages.describe(e), e);
                }
            } else if (named != null && named.isRegularFile()) {
                found.add(new FolderWalk.Entry(in, named));
            } else if (named != null) {
                throw unchecked(in + ": not a regular file (a device, FIFO or socket): event files are mapped and must be regular files");
            } else {
                throw unchecked(in + ": no such file or directory");
            }
            for (FolderWalk.Entry e : found) {
                Path p = e.path();
                Object fileKey = e.attributes().fileKey();
                Path first = seen.putIfAbsent(fileKey != null ? fileKey : identity(p), p);
                if (first == null) {
                    out.paths.add(p);
                    out.fileKeys.add(fileKey);
                } else if (namedTwice++ < NAMED_DUPLICATES) {
                    // a folder named twice repeats every file in it: name a few, count the rest (one line below)
                    warnings.accept(p + ": same file as " + first + ", named twice: scanned once");
                }
            }
        }
        if (namedTwice > NAMED_DUPLICATES) {
            warnings.accept("... and " + (namedTwice - NAMED_DUPLICATES) + " more event files named twice (a folder given twice, or a"
                    + " folder and a file or subfolder in it): scanned once");
        }
        return out;
    }

    /** {@code p}'s attributes, links followed; null when there is nothing there (or a link to nothing) or it cannot be read. */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether {@code p} is named {@code *.wsev} in any case ({@code DAY1.WSEV} from a Windows share, or written
     * by {@code ingest -o DAY1.WSEV}), as ingest finds {@code *.JSONL} and {@code *.EVTX}: a folder's
     * {@code DAY1.WSEV} used to be passed over in silence.
     */
    public static boolean hasExtension(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().regionMatches(true, name.toString().length() - EXTENSION.length(),
                EXTENSION, 0, EXTENSION.length());
    }

    /** How many event files named twice the warnings name one by one; the rest are counted in one line. */
    private static final int NAMED_DUPLICATES = 3;

    /**
     * The file's identity (device and inode where the file system has them), so links and repeats compare
     * equal; also what {@code ingest} uses to read a file named twice once.
     */
    public static Object identity(Path p) {
        try {
            Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            return key != null ? key : p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    public int fileCount() {
        return files.size();
    }

    public EventFile file(int index) {
        return files.get(index);
    }

    public int totalBlocks() {
        return totalBlocks;
    }

    public long totalRecords() {
        return totalRecords;
    }

    public long totalBytes() {
        return totalBytes;
    }

    /** The file holding global block {@code globalBlock} (binary search over the files' first blocks). */
    public int fileOf(int globalBlock) {
        int lo = 0;
        int hi = files.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstBlock[mid] <= globalBlock) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    public int blockInFile(int fileIndex, int globalBlock) {
        return (int) (globalBlock - firstBlock[fileIndex]);
    }

    /** Called once per finished block; unmaps the file when its last block is done. */
    public void blockDone(int fileIndex) {
        if (blocksLeft.decrementAndGet(fileIndex) == 0) {
            EventFile f = files.get(fileIndex);
            synchronized (f) {
                if (f.isMapped()) {
                    mappedNow.decrementAndGet();
                }
                f.close();
            }
        }
    }

    @Override
    public void close() {
        for (EventFile f : files) {
            f.close();
        }
    }

    /** The message alone (an UncheckedIOException made from a bare cause reads "java.io.IOException: ..."). */
    private static UncheckedIOException unchecked(String message) {
        return new UncheckedIOException(message, new IOException(message));
    }
}
