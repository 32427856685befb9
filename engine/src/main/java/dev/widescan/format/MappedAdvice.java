package dev.widescan.format;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@code madvise(2)} on ranges of a mapped event file, through FFM: tells Linux which pages a scan is
 * about to read, so that it maps them in one system call instead of one page fault per 4 KiB page
 * ({@link #POPULATE_READ}), or starts reading them from disk ahead of the scan ({@link #WILLNEED}).
 *
 * <p>Why: a scan of a page-cached 6 GB file took 155,000-175,000 page faults and ~2 s of system time in
 * a 6-7 s run (issue 11): each first touch of a mapped page traps into the kernel. bench/RESULTS.md has
 * what each advice bought on cached and cold files. Where madvise is missing (not Linux) or refused
 * (an old kernel without {@code MADV_POPULATE_READ}, 5.14+), advising does nothing and reports false:
 * the scan is correct either way.
 */
public final class MappedAdvice {
    /** Prefault page tables for reading (Linux 5.14+): one call maps every page of the range. */
    public static final int POPULATE_READ = 22;
    /** Start reading the range from disk in the background. */
    public static final int WILLNEED = 3;
    private static final long PAGE = 4096;
    private static final MethodHandle MADVISE = lookup();

    private MappedAdvice() {
    }

    private static MethodHandle lookup() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("madvise")
                    .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether this JVM can call madvise at all. */
    public static boolean available() {
        return MADVISE != null;
    }

    /**
     * Advises bytes {@code [offset, offset + length)} of {@code file}'s mapping (widened to whole pages);
     * returns whether the kernel accepted the advice. Allocation-free.
     */
    public static boolean advise(EventFile file, long offset, long length, int advice) {
        if (MADVISE == null || length <= 0) {
            return false;
        }
        MemorySegment mapping = file.mapping();
        long base = mapping.address();
        long from = Math.max(0, ((base + offset) & -PAGE) - base);
        long to = Math.min(mapping.byteSize(), offset + length);
        if (to <= from) {
            return false;
        }
        try {
            int rc = (int) MADVISE.invokeExact(MemorySegment.ofAddress(base + from), to - from, advice);
            return rc == 0;
        } catch (Throwable t) {
            return false;
        }
    }
}
