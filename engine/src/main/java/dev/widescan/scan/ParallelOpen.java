package dev.widescan.scan;

import dev.widescan.format.EventFile;
import dev.widescan.format.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks and indexes an archive's files ({@link EventFile#openUnmapped}) on several threads. Why: a file's
 * check is a few system calls and, when the file is not in the page cache, a wait for the disk; one thread
 * waits for each file in turn (70,000 two-event files read from disk: 6.5-7.0 s a scan, bench/RESULTS.md
 * §27), several overlap the waits. The result does not depend on the thread count: each file lands at its
 * own index, and the first failure in path order is among those recorded (threads take indexes in order,
 * so every index below a failed one was taken before it).
 */
final class ParallelOpen {
    /** Files per opening thread below which another thread costs more to start than it saves. */
    static final int FILES_PER_THREAD = 256;

    private final List<Path> paths;
    private final List<Object> fileKeys;
    final EventFile[] opened;
    /** Per index: its FormatException or IOException, or null. */
    final Exception[] failed;
    private final boolean skipBad;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> unexpected = new AtomicReference<>();

    private ParallelOpen(List<Path> paths, List<Object> fileKeys, boolean skipBad) {
        this.paths = paths;
        this.fileKeys = fileKeys;
        this.opened = new EventFile[paths.size()];
        this.failed = new Exception[paths.size()];
        this.skipBad = skipBad;
    }

    /**
     * Opens {@code paths} (each with its file key as found) on up to {@code threads} threads. Without
     * {@code skipBad} the threads stop taking files after the first failure (files opened meanwhile are in
     * {@link #opened}: the caller closes them). Other exceptions and errors (bugs, out of memory) are rethrown
     * after every file opened has been closed.
     */
    static ParallelOpen run(List<Path> paths, List<Object> fileKeys, boolean skipBad, int threads) {
        ParallelOpen o = new ParallelOpen(paths, fileKeys, skipBad);
        int n = Math.max(1, Math.min(threads, paths.size() / FILES_PER_THREAD));
        Thread[] helpers = new Thread[n - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = Thread.ofPlatform().name("widescan-open-" + (t + 1)).daemon().start(o::take);
        }
        o.take();
        for (Thread t : helpers) {
            joinUninterruptibly(t);
        }
        Throwable bug = o.unexpected.get();
        if (bug != null) {
            o.closeAll();
            if (bug instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) bug;
        }
        return o;
    }

    private void take() {
        for (int i; !stop.get() && (i = next.getAndIncrement()) < opened.length; ) {
            try {
                opened[i] = EventFile.openUnmapped(paths.get(i), fileKeys.get(i)); // checked and indexed; read again with its blocks
            } catch (FormatException | IOException e) {
                failed[i] = e;
                if (!skipBad || e instanceof EventFile.MapFailedException) {
                    stop.set(true);
                }
            } catch (RuntimeException | Error e) {
                unexpected.compareAndSet(null, e);
                stop.set(true);
            }
        }
    }

    void closeAll() {
        for (EventFile f : opened) {
            if (f != null) {
                f.close();
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
