package dev.widescan.scan;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.Field;
import dev.widescan.format.MappedAdvice;
import java.util.Locale;

/**
 * Tells the kernel which mapped bytes a scan thread is about to read: the regions of the columns the
 * rules need, block by block ({@link MappedAdvice}). One instance per scan thread.
 *
 * <p>Modes (system property {@code widescan.scan.madvise}; bench/RESULTS.md has the figures that chose
 * the default):
 * <ul>
 *   <li>{@code none}: plain page faults (the kernel maps 64 KiB around each faulting page);</li>
 *   <li>{@code populate}: {@code MADV_POPULATE_READ} on the current block's needed columns before they are
 *       read: one system call maps them all;</li>
 *   <li>{@code willneed}: {@code MADV_WILLNEED} on the needed columns of the next block of the file, so a
 *       cold file's pages are read from disk while this block is scanned.</li>
 * </ul>
 */
final class ColumnPrefetch {
    enum Mode { NONE, POPULATE, WILLNEED }

    /** The system property naming the mode (a constant: reading it does not initialise this class). */
    static final String PROPERTY = "widescan.scan.madvise";
    /** The mode scans use: system property {@value #PROPERTY}, default {@code none}. */
    static final Mode MODE = mode(System.getProperty(PROPERTY, "none"));

    private final Field[] fields;
    private final Mode mode;
    private EventBlock ahead;

    ColumnPrefetch(Field[] neededFields, Mode mode) {
        this.fields = neededFields;
        this.mode = mode;
    }

    static Mode mode(String s) {
        try {
            return Mode.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("widescan.scan.madvise must be none, populate or willneed: " + s, e);
        }
    }

    /** Called with the block about to be scanned (already read: its directory is known). */
    void beforeScan(EventFile file, EventBlock block) {
        switch (mode) {
            case NONE -> { }
            case POPULATE -> advise(file, block, MappedAdvice.POPULATE_READ);
            case WILLNEED -> {
                int next = block.index() + 1;
                if (next < file.blockCount()) {
                    ahead = file.readBlock(next, ahead);
                    advise(file, ahead, MappedAdvice.WILLNEED);
                }
            }
        }
    }

    private void advise(EventFile file, EventBlock block, int advice) {
        for (Field f : fields) {
            long bytes = block.columnBytes(f);
            if (bytes > 0) {
                MappedAdvice.advise(file, block.columnFileOffset(f), bytes, advice);
            }
        }
    }
}
