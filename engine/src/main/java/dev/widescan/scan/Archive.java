package dev.widescan.scan;

import dev.widescan.format.EventFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;

/**
 * The event files of one scan, as one sequence of blocks numbered 0..totalBlocks-1 (file by file, block
 * by block), so workers can take the next block from a single atomic counter and the output can be put
 * back in file-then-record order by block number alone.
 *
 * <p>Files are mapped when the archive is opened (mapping costs address space, not memory) and each is
 * unmapped as soon as its last block is finished, so a terabyte archive never keeps more than the files
 * in flight resident.
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
            throw new IllegalArgumentException("too many blocks in one scan: " + blocks);
        }
        this.totalBlocks = (int) blocks;
        this.totalRecords = records;
        this.totalBytes = bytes;
    }

    /** Opens every event file named or found (recursively, by {@link #EXTENSION}) under the inputs. */
    public static Archive open(List<Path> inputs) {
        List<Path> paths = resolve(inputs);
        List<EventFile> opened = new ArrayList<>(paths.size());
        try {
            for (Path p : paths) {
                opened.add(EventFile.open(p));
            }
        } catch (IOException e) {
            opened.forEach(EventFile::close);
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            opened.forEach(EventFile::close);
            throw e;
        }
        return new Archive(opened);
    }

    static List<Path> resolve(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(EXTENSION))
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(in + ": cannot list directory: " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(in)) {
                out.add(in);
            } else {
                throw new UncheckedIOException(new IOException(in + ": no such file or directory"));
            }
        }
        return out;
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
            files.get(fileIndex).close();
        }
    }

    @Override
    public void close() {
        for (EventFile f : files) {
            f.close();
        }
    }
}
