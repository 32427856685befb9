package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the Teddy kernel {@code auto} will use to C2 on a background thread while the CLI loads its rules,
 * so that a short scan finds it compiled (or nearly) instead of spending its first second on the scalar
 * stand-in ({@link KernelWarmUp}).
 *
 * <p>Why it can work now when a thread warming the kernel for as long as the rules loaded lost before
 * (bench/RESULTS.md, "CLI cold start"): the kernel's compile thresholds are scaled down in
 * {@code jvm.properties}, so a few dozen calls queue it for C2; after those the thread only checks every few
 * milliseconds whether a call has become fast, leaving the second core to C2 and the rule loader instead of
 * running boxed vectors for their own sake.
 *
 * <p>What C2 compiles is shaped by what it profiled, so the warm-up's calls look like the scan's: literal
 * sets with every fingerprint length (1 to 4 units, each a different path through the block step),
 * command-line text with hits and near misses, columns that end inside the last vector (the masked tail)
 * and, where a temporary file can be written, units and offsets in a memory-mapped file like an event
 * file's. A profile that missed a path would make the compiled code deoptimize on the scan's first piece.
 */
public final class KernelPreWarm {
    /** Calls made at once (each ~1,500 units, ~24 iterations of the 512-bit loop): enough to queue the scaled kernel. */
    static final int EAGER_CALLS = 48;
    /** Units of the warm-up column: short, because interpreted the kernel takes microseconds a unit. */
    static final int COLUMN_UNITS = 1500;
    /** After the eager calls: one call every this many milliseconds until one runs compiled. */
    static final int POLL_MILLIS = 3;
    /** A call this fast per unit runs compiled (boxed vector code takes 15 ns a unit or more). */
    static final double COMPILED_NANOS_PER_UNIT = 2.0;
    /** The thread gives up after this long (a JVM without the scaled thresholds, or a machine far too busy). */
    static final long GIVE_UP_NANOS = 3_000_000_000L;

    private static final String[] FILLER = {
            "C:\\Windows\\System32\\cmd.exe /c ", "powershell.exe -NoProfile -ExecutionPolicy Bypass -Command ",
            "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer ", "rundll32.exe ",
            "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule ", "reg query HKLM\\Software ",
    };
    private static final String[][] LITERAL_SETS = {
            {"VirtualAlloc", "CreateRemoteThread", "OpenProcess", "kernel32", "WriteProcessMemory"},
            {"dll", "VirtualAlloc", "-enc", "Invoke-Expression"},
            {"/c", "-e", "VirtualAlloc", "bypass"},
            {"&", "|", "VirtualAlloc", "whoami"},
    };

    static final boolean DEBUG = Boolean.getBoolean("widescan.prewarm.debug");

    private KernelPreWarm() {
    }

    /**
     * Starts the warm-up of {@code auto}'s Teddy kernel on a daemon thread and returns at once; does nothing
     * when {@code auto} runs no vector kernel on this machine or with {@code -Dwidescan.warmup=false|probes}
     * ({@link KernelWarmUp#PROPERTY}).
     */
    public static void start() {
        if (!KernelWarmUp.preWarmEnabled() || !Simd.current().vectorKernels()) {
            return;
        }
        Thread t = new Thread(KernelPreWarm::run, "widescan-kernel-prewarm");
        t.setDaemon(true);
        t.start();
    }

    /** Runs the warm-up on this thread; returns whether a call was seen running compiled. */
    static boolean run() {
        try {
            return warm(column());
        } catch (RuntimeException | IOException e) {
            return false; // only a head start: the scan's own probes bring the kernel to C2 anyway
        }
    }

    private static boolean warm(Utf16Column column) {
        List<Searcher> searchers = new ArrayList<>();
        for (String[] set : LITERAL_SETS) {
            List<Literal> literals = new ArrayList<>();
            for (String text : set) {
                literals.add(Literal.contains(text));
            }
            searchers.add(new TeddyMatcher(new LiteralSet(literals)).newSearcher());
        }
        if (DEBUG) System.err.printf("prewarm: matchers built at %d ms%n", java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        long[] hits = new long[1];
        HitSink sink = (value, id) -> hits[0]++;
        int units = column.offset(column.count());
        long start = System.nanoTime();
        for (int call = 0; System.nanoTime() - start < GIVE_UP_NANOS; call++) {
            long before = System.nanoTime();
            searchers.get(call % searchers.size()).scan(column, 0, column.count(), sink);
            long nanos = System.nanoTime() - before;
            if (DEBUG && (call < 4 || call % 16 == 0 || (double) nanos / units < COMPILED_NANOS_PER_UNIT)) System.err.printf("prewarm: call %d at %d ms: %.1f ns/unit%n", call, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), (double) nanos / units);
            if (call >= EAGER_CALLS && (double) nanos / units < COMPILED_NANOS_PER_UNIT) {
                return true;
            }
            if (call >= EAGER_CALLS) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** The literal sets warmed, one per fingerprint length (4, 3, 2, 1 units). */
    static String[][] literalSets() {
        return LITERAL_SETS.clone();
    }

    /** ~{@value #COLUMN_UNITS} units of command lines, in a mapped temporary file where possible, else in native memory. */
    static Utf16Column column() throws IOException {
        List<String> values = new ArrayList<>();
        int total = 0;
        for (int i = 0; total < COLUMN_UNITS; i++) {
            String[] set = LITERAL_SETS[i % LITERAL_SETS.length];
            String value = FILLER[i % FILLER.length] + (i % 3 == 0 ? set[i % set.length] : "Get-Item -Path x" + i)
                    + (i % 5 == 0 ? " && echo done" : " -Verbose");
            values.add(value);
            total += value.length();
        }
        values.add("x"); // a last value ending inside the last vector: the loop's masked tail
        Utf16Column inMemory = Utf16Column.of(values.toArray(String[]::new));
        Path file;
        try {
            file = Files.createTempFile("widescan-prewarm", ".bin");
        } catch (IOException | UnsupportedOperationException e) {
            return inMemory;
        }
        try {
            int count = inMemory.count();
            long unitBytes = inMemory.units().byteSize();
            long offsetBytes = 4L * (count + 1);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MemorySegment mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, unitBytes + offsetBytes, Arena.ofShared());
                MemorySegment.copy(inMemory.units(), 0, mapped, 0, unitBytes);
                ValueLayout.OfInt offset = Utf16Column.OFFSET;
                for (int i = 0; i <= count; i++) {
                    mapped.set(offset.withOrder(ByteOrder.LITTLE_ENDIAN), unitBytes + 4L * i, inMemory.offset(i));
                }
                return new Utf16Column().wrap(mapped.asSlice(0, unitBytes), mapped.asSlice(unitBytes, offsetBytes), null, count);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
