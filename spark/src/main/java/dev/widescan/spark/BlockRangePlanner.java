package dev.widescan.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Cuts the inputs into partitions of whole blocks, driver side, from each file's footer index.
 *
 * <p>Why block ranges and not files: an event file can be terabytes, and a file-per-task plan would put
 * it on one core. The footer index (32 bytes per block) gives every block's offset, so consecutive blocks
 * are packed into ranges of about {@code targetBytes}, never splitting a block, and every range becomes
 * a task that any executor can run alone. The target follows Spark's own rule for file sources:
 * {@code min(maxPartitionBytes, max(openCostInBytes, totalBytes / defaultParallelism))}, so a small
 * archive still spreads over every core and a big one is cut at {@code maxPartitionBytes}. Ranges never
 * span two files (each task opens one file). Only the index is read here (the blocks stay where they are).
 */
final class BlockRangePlanner {
    static final String EXTENSION = ".wsev";

    private BlockRangePlanner() {
    }

    /** One input file: its name (local: a plain path; otherwise the qualified URI), length and block byte ranges. */
    record IndexedFile(String name, long length, long[] blockStart, long[] blockEnd) {
        long bytes() {
            return blockStart.length == 0 ? 0 : blockEnd[blockEnd.length - 1] - blockStart[0];
        }
    }

    /** Every event file named or found under {@code inputs} (globs allowed; folders recursively by {@code *.wsev}), in path order per input. */
    static List<FileStatus> listFiles(Configuration conf, List<String> inputs) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        for (String input : inputs) {
            Path p = new Path(input);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matched = fs.globStatus(p);
            if (matched == null || matched.length == 0) {
                throw new java.io.FileNotFoundException(input + ": no such file or directory");
            }
            Arrays.sort(matched);
            for (FileStatus st : matched) {
                if (st.isDirectory()) {
                    List<FileStatus> found = new ArrayList<>();
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(st.getPath(), true);
                    while (it.hasNext()) {
                        LocatedFileStatus f = it.next();
                        if (f.isFile() && f.getPath().getName().toLowerCase(java.util.Locale.ROOT).endsWith(EXTENSION)) { // DAY1.WSEV too, as the CLI
                            found.add(f);
                        }
                    }
                    found.sort(null);
                    out.addAll(found);
                } else {
                    out.add(st);
                }
            }
        }
        return out;
    }

    /** The name a file goes by in rows and messages: a plain path on the local file system (as the CLI prints it), else the URI. */
    static String displayName(FileStatus st) {
        Path p = st.getPath();
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
    }

    /** Reads the footer index of {@code st}. Throws the engine's FormatException for a damaged file. */
    static IndexedFile index(Configuration conf, FileStatus st, boolean mapLocal) throws IOException {
        String name = displayName(st);
        String uri = st.getPath().toString();
        try (EventFileSource src = EventFileSource.open(conf, uri, st.getLen(), 0, 0, mapLocal)) {
            int n = src.file().blockCount();
            long[] start = new long[n];
            long[] end = new long[n];
            for (int b = 0; b < n; b++) {
                start[b] = src.file().blockOffset(b);
                end[b] = start[b] + src.blockLength(b);
            }
            return new IndexedFile(name, st.getLen(), start, end);
        } catch (dev.widescan.format.FormatException e) {
            throw new dev.widescan.format.FormatException(e.getMessage().replace(uri, name), e);
        }
    }

    /** The byte target of one partition: Spark's file-source rule (see the class comment). */
    static long targetBytes(long maxPartitionBytes, long openCostInBytes, long totalBytes, int parallelism) {
        long perCore = totalBytes / Math.max(1, parallelism);
        return Math.max(1, Math.min(maxPartitionBytes, Math.max(openCostInBytes, perCore)));
    }

    /** Packs consecutive blocks of {@code f} into ranges of about {@code target} bytes (at least one block each). */
    static List<BlockRangePartition> split(IndexedFile f, String uri, long target, java.util.function.BiFunction<Long, Long, String[]> hosts) {
        List<BlockRangePartition> out = new ArrayList<>();
        int n = f.blockStart().length;
        int first = 0;
        while (first < n) {
            int end = first + 1;
            while (end < n && f.blockEnd()[end] - f.blockStart()[first] <= target) {
                end++;
            }
            long from = f.blockStart()[first];
            long to = f.blockEnd()[end - 1];
            out.add(new BlockRangePartition(uri, f.name(), f.length(), first, end, from, to, hosts.apply(from, to)));
            first = end;
        }
        return out;
    }

    /** The hosts holding most of {@code [from, to)} of a file on a distributed file system (none for local files). */
    static String[] hosts(FileSystem fs, FileStatus st, long from, long to) {
        if ("file".equals(fs.getUri().getScheme())) {
            return new String[0];
        }
        try {
            BlockLocation[] locs = fs.getFileBlockLocations(st, from, Math.max(1, to - from));
            return locs.length == 0 ? new String[0] : locs[0].getHosts();
        } catch (IOException e) {
            return new String[0];
        }
    }
}
