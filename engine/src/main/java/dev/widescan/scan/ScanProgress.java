package dev.widescan.scan;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on stderr (bytes done/total, rate, ETA), redrawn by a daemon thread every
 * 250 ms so the workers only bump a counter. Off unless stderr is a terminal or it is forced.
 */
final class ScanProgress implements AutoCloseable {
    private final AtomicLong done = new AtomicLong();
    private final long total;
    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private final Thread painter;
    private volatile boolean running = true;

    ScanProgress(long totalBytes, PrintStream err, boolean enabled) {
        this.total = Math.max(1, totalBytes);
        this.err = err;
        if (enabled) {
            painter = Thread.ofPlatform().daemon().name("widescan-progress").start(this::paintLoop);
        } else {
            painter = null;
        }
    }

    void add(long bytes) {
        done.addAndGet(bytes);
    }

    private void paintLoop() {
        while (running) {
            paint();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void paint() {
        long d = done.get();
        double secs = (System.nanoTime() - startNanos) / 1e9;
        double rate = secs > 0 ? d / secs : 0;
        double frac = Math.min(1.0, (double) d / total);
        int width = 30;
        int filled = (int) (frac * width);
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        String eta = rate > 0 ? formatSeconds((total - d) / rate) : "--";
        err.printf(Locale.ROOT, "\r[%s] %5.1f%%  %.2f/%.2f GB  %.2f GB/s  ETA %s   ", bar, frac * 100, d / 1e9, total / 1e9,
                rate / 1e9, eta);
        err.flush();
    }

    private static String formatSeconds(double s) {
        long t = (long) Math.ceil(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }

    @Override
    public void close() {
        if (painter == null) {
            return;
        }
        running = false;
        painter.interrupt();
        try {
            painter.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        paint();
        err.println();
    }
}
