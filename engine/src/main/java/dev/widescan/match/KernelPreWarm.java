package dev.widescan.match;

import dev.widescan.format.ColumnIndexChecks;
import dev.widescan.format.Utf16Column;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gets this machine's Teddy kernel compiled by C2 while the command line is parsed and the rules load, so
 * that a scan's first block already runs compiled code.
 *
 * <p>Why: the kernel's class does not depend on the rules (one hidden class per width and lookup,
 * {@link TeddyKernels}), and {@code jvm.properties} makes C2 compile it after a few dozen calls and makes
 * that compile blocking for the calling thread. Without this class the calls that reach those thresholds
 * are the scan's own: every scan thread then waits ~150–270 ms for C2 at the start of the scan, and a
 * second thread already inside the C1 loop asks for an on-stack-replacement compile of the same method
 * (a second C2 compile of the same 700-byte vector method; {@code -XX:+PrintCompilation}, bench/RESULTS.md
 * §19). Here the waiting is done by a thread of its own, while the main thread loads the rules on the other
 * core. An earlier pre-warm thread lost (§16) because it ran the kernel boxed, every 3 ms until compiled,
 * taking CPU from the rule loader and from C2; with the blocking compile a few dozen short calls are enough
 * and the thread then sleeps inside the compile.
 *
 * <p>What it must get right is what C2 compiles from, or the scan throws the code away at its first
 * block and waits for a second compile (each lesson below was such a deoptimization, §19):
 * <ul>
 *   <li>the branch profile: a branch or switch case never seen becomes a trap. The warm-up takes every
 *       path the scan takes: fingerprints of 1 to 4 units (each a branch of the loop), all four literal
 *       kinds passing and failing, both cases, non-ASCII units, candidates outside the scanned range, a
 *       block with no candidate, the tail (the segment's last, partial block), empty values;</li>
 *   <li>the type profiles, which the JDK's segment-access code keeps once for all its callers: the
 *       column is memory-mapped in a shared arena, exactly as {@code EventFile} maps, and written through
 *       a byte buffer, never through heap or native segments (a confined arena here put the scan's
 *       dictionary-code loop into a deoptimization storm: ~40 recompiles, 0.7× on the real lines);</li>
 *   <li>the loaded classes: every segment and session class is loaded before the compile
 *       ({@link #loadSegmentClasses}).</li>
 * </ul>
 * What it calls is only the kernel, with the hits discarded: nothing of the scan's state is touched.
 */
public final class KernelPreWarm {
    /** Rounds over every (literal set, column, range); C2's scaled thresholds are reached within the first few. */
    static final int ROUNDS = 8;

    private static final String THREAD_NAME = "widescan-kernel-warm-up";

    private KernelPreWarm() {
    }

    /** The process's warm-up thread, once started. */
    private static final AtomicReference<Thread> STARTED = new AtomicReference<>();

    /**
     * Starts warming the kernel {@code auto} picks on this machine on a daemon thread (which only maps its
     * small column where no vector kernel runs), once per process: later calls return the same thread, running or
     * done. Failures are ignored: a kernel not warmed is compiled by the scan itself, as before.
     */
    public static Thread startInBackground() {
        Thread started = STARTED.get();
        if (started != null) {
            return started;
        }
        Thread thread = Thread.ofPlatform().daemon().name(THREAD_NAME).unstarted(() -> {
            try (Arena arena = Arena.ofShared()) {
                // the column, then the CPU detection, while a command line's first-use thread
                // (Scanner.prepareFirstUse) builds the case-folding tables this thread's plans read next
                Utf16Column column = mappedColumn(VALUES, arena);
                Simd simd = Simd.current(); // here, not on the caller's thread: detection reads /proc
                if (simd.vectorKernels()) {
                    warm(column, simd.teddyBits(), simd.teddySevenBit());
                }
            } catch (RuntimeException | IOException | LinkageError e) {
                // best effort (a bad -Dwidescan.simd is reported by the scan itself): the scan compiles the kernel
            }
        });
        if (!STARTED.compareAndSet(null, thread)) {
            return STARTED.get();
        }
        thread.start();
        return thread;
    }

    /**
     * Waits for {@code warmUp} (from {@link #startInBackground}; null: returns at once) to finish, at most
     * {@link #MAX_WAIT_MILLIS}. Why wait rather than scan: while C2 compiles the kernel, a scan thread would
     * run its C1 code (~300 ns a unit against ~0.2 compiled) and ask for a second, on-stack-replacement
     * compile of the same method; the blocking compile made it wait anyway.
     */
    public static void await(Thread warmUp) {
        if (warmUp == null) {
            return;
        }
        try {
            warmUp.join(MAX_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bound on {@link #await}, far above any compile (hundreds of ms on a loaded 2-core machine). */
    static final long MAX_WAIT_MILLIS = 20_000;

    /**
     * The value ranges of each round, for a column of {@code n} values, shortest first: {@code [n-3, n)} (three
     * short values, ending inside the column's last vector: the tail), {@code [2, 5)}, then
     * nearly the whole column and the whole column. Why this order: C2's thresholds (scaled to 1/1000) are
     * reached after ~40 loop iterations, i.e. within the first few calls over the whole column, and C2
     * compiles from what the profile has seen by then. With the whole column first, the 256-bit kernel
     * (32 lanes, ~17 iterations a call) was compiled before the sets with 2- and 1-unit fingerprints had
     * run once, and the first of them trapped at the loop's entry ({@code -Xlog:deoptimization}: trap_bci
     * 131 {@code predicate}: the invariant fingerprint tests had been hoisted as never false), in 4 of 6
     * demo scans, which then waited for a second and sometimes a third compile (kernel compiled 600–830 ms
     * after JVM start instead of ~400); the 128-bit kernel was compiled before the tail's mask class was
     * loaded and thrown away when it was (dependency on {@code Short128Vector$Short128Mask}). Shortest first,
     * every set and the tail run before the thresholds: one compile at every width (bench/RESULTS.md §20).
     */
    static int[][] ranges(int n) {
        return new int[][] {{n - 3, n}, {2, 5}, {1, n - 1}, {0, n}};
    }

    /** Runs the kernel of {@code vectorBits}/{@code sevenBit} over every warm-up shape, {@link #ROUNDS} times. */
    static void warm(int vectorBits, boolean sevenBit) throws IOException {
        // a shared arena, as EventFile maps with: the session's class joins the same shared profiles
        try (Arena arena = Arena.ofShared()) {
            warm(mappedColumn(VALUES, arena), vectorBits, sevenBit);
        }
    }

    /** {@link #warm(int, boolean)} over {@code column}, a {@link #mappedColumn} of {@link #VALUES}. */
    private static void warm(Utf16Column column, int vectorBits, boolean sevenBit) {
        loadSegmentClasses();
        // this column takes every branch already; TeddyKernels' own profile column is on heap and native
        // segments, whose types would join the scan's in the JDK's shared segment-access profiles
        TeddyKernels.markProfiled(vectorBits, sevenBit);
        List<TeddyKernel.TeddySearcher> searchers = new ArrayList<>();
        for (LiteralSet set : literalSets()) {
            // plans without the command-line model: the kernel runs the same code, sooner (TeddyPlan)
            searchers.add((TeddyKernel.TeddySearcher) new TeddyMatcher(set, vectorBits, sevenBit, null, false).newSearcher());
        }
        HitSink[] sinks = {new Discard(), new Discard() { }, (value, id) -> { }};
        int n = VALUES.length;
        int[][] ranges = ranges(n);
        int call = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int[] range : ranges) {
                for (TeddyKernel.TeddySearcher searcher : searchers) {
                    searcher.scan(column, range[0], range[1], sinks[call++ % sinks.length]);
                }
            }
        }
        // the calls have returned: the kernel's blocking C2 compile is done (KernelWarmUp reports it from here)
        KernelWarmUp.of(TeddyKernel.describe(vectorBits, sevenBit)).preWarmed(System.nanoTime());
        // then the loops every bound column runs (int[] only, so no type profile to get wrong), after the
        // kernel so that their compiles queue behind its own
        ColumnIndexChecks.warmUp();
    }

    /**
     * Loads every class of memory segment and session the scan may meet, before C2 compiles the kernel.
     * Why: C2 compiles a call to an abstract segment method with one loaded implementation as a direct
     * call, and records that as a dependency; the main thread loading a second one later (a heap segment,
     * 0.46 s into a scan) throws the compiled kernel away ({@code -Xlog:dependencies}: "marked for
     * deoptimization", dependee {@code HeapMemorySegmentImpl$OfByte}; §19). Only creates them: segments
     * accessed here would join the type profiles the scan's own accesses are compiled from.
     */
    private static void loadSegmentClasses() {
        MemorySegment.ofArray(new byte[0]);
        MemorySegment.ofArray(new char[0]);
        MemorySegment.ofArray(new short[0]);
        MemorySegment.ofArray(new int[0]);
        MemorySegment.ofArray(new long[0]);
        MemorySegment.ofArray(new float[0]);
        MemorySegment.ofArray(new double[0]);
        Arena.global();
        Arena.ofAuto();
        Arena.ofConfined().close();
    }

    /**
     * Values that together take every path of the kernel and its verification with the sets of
     * {@link #literalSets()}: hits at a value's start, end, whole and middle; near misses that pass the
     * quick check and fail the exact compare; other cases; non-ASCII; empty values; a long value without
     * any candidate; a last value that ends inside the final vector.
     */
    static final String[] VALUES = {
        "powershell -nop -c [Kernel32]::VirtualAlloc(0, 4096, 0x3000, 0x40)",
        "whoami",
        "WHOAMI",
        "",
        "cmd.exe /c echo WriteProcessMemory & GetProcAddress && NtOpenProcess $env:TEMP",
        "C:\\Windows\\System32\\rundll32.exe shell32.dll,Control_RunDLL",
        "virtualallox VIRTUALALLOC writeprocessmemorx kernel32 Kernel32",
        "\u00c4rger \u00fcber \u0130stanbul \u212a \ufb00 \ud835\udcb3 VirtualAlloc \u00e9t\u00e9 ntdll.dll",
        " -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q -q"
                + " -q -q -q -q -q -q -q -q -q -q -q -q",
        "",
        "whoami /all",
        "notepad.exe C:\\temp\\a.dll",
        "GetProcAddress",
        "x VirtualAlloc zz", // odd total: no lane count divides it
    };

    /**
     * Four sets whose shortest literals are 4+, 3, 2 and 1 units (Teddy fingerprints of 4, 3, 2 and 1 units),
     * three literals each (a plan's cost grows with its literals, and the plans are built before the first
     * call), spread so that together they hold every kind, case-sensitive and case-insensitive literals and
     * a non-ASCII one: the verification code is shared by the four kernels, and so is its profile.
     */
    static List<LiteralSet> literalSets() {
        return List.of(
                LiteralSet.of(Literal.contains("VirtualAlloc"), new Literal("whoami", LiteralKind.EQUALS, true),
                        new Literal("powershell", LiteralKind.STARTS_WITH, false)),
                LiteralSet.of(Literal.contains("Get"), new Literal(".dll", LiteralKind.ENDS_WITH, false),
                        new Literal("Kernel32", LiteralKind.CONTAINS, true)),
                LiteralSet.of(Literal.contains("Nt"), new Literal("cmd.exe", LiteralKind.STARTS_WITH, true),
                        new Literal("GetProcAddress", LiteralKind.EQUALS, false)),
                LiteralSet.of(Literal.contains("$"), Literal.contains("\u0130stanbul"), Literal.contains("WriteProcessMemory")));
    }

    /** {@link #mappedColumn(String[], Arena, Path)} in {@code java.io.tmpdir}. */
    static Utf16Column mappedColumn(String[] values, Arena arena) throws IOException {
        return mappedColumn(values, arena, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * {@code values} as a column in a memory-mapped temporary file in {@code dir}, laid out as in an event
     * file. The file is opened with DELETE_ON_CLOSE, which on Linux unlinks it as it is opened, before
     * anything is written: a JVM that exits while the warm-up runs (an early usage error, {@code --help},
     * Ctrl-C, kill -9: the thread is a daemon, stopped wherever it is) leaves no file behind. Deleting it
     * after mapping, as before, left it in the temporary folder when the exit came in between. Written through a byte buffer, not through memory segments: the JDK's segment-access
     * code keeps one type profile for all its callers, and heap or native segments seen here would make
     * the scan's own accesses (dictionary codes, offsets: mapped) polymorphic when C2 compiles them
     * ({@code isAlignedForElement} became the scan's hottest frame on the real lines, §19).
     */
    static Utf16Column mappedColumn(String[] values, Arena arena, Path dir) throws IOException {
        int total = 0;
        for (String v : values) {
            total += v.length();
        }
        int unitBytes = Math.max(Utf16Column.ALIGNMENT, (2 * total + Utf16Column.ALIGNMENT - 1) / Utf16Column.ALIGNMENT * Utf16Column.ALIGNMENT);
        int offsetBytes = 4 * (values.length + 1);
        ByteBuffer bytes = ByteBuffer.allocate(unitBytes + offsetBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (String v : values) {
            for (int k = 0; k < v.length(); k++) {
                bytes.putChar(v.charAt(k));
            }
        }
        bytes.position(unitBytes);
        int at = 0;
        for (String v : values) {
            bytes.putInt(at);
            at += v.length();
        }
        bytes.putInt(at).flip();
        try (FileChannel channel = createUnlinked(dir)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            MemorySegment map = channel.map(FileChannel.MapMode.READ_ONLY, 0, unitBytes + offsetBytes, arena);
            // the units end where the last value does (not padded as in a file): the tail copy at the
            // segment's end is then taken at every width
            return new Utf16Column().wrap(map.asSlice(0, 2L * total), map.asSlice(unitBytes, offsetBytes), null, values.length);
        }
    }

    /**
     * A new file in {@code dir}, opened for reading and writing and already unlinked (DELETE_ON_CLOSE). The
     * name is random rather than the process id: {@code ProcessHandle.current()} starts the JDK's process
     * reaper machinery, ~15 ms of class loading on the kernel's path at start-up (class-load timestamps).
     * CREATE_NEW makes a name taken by another process a retry, never a shared file.
     */
    private static FileChannel createUnlinked(Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path file = dir.resolve("widescan-warm-up-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".bin");
            try {
                return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 8) {
                    throw e;
                }
            }
        }
    }

    /** A sink that drops hits (two classes of it, and a lambda, keep the sink's call site megamorphic as in a scan). */
    private static class Discard implements HitSink {
        @Override
        public void hit(int value, int literalId) {
        }
    }
}
