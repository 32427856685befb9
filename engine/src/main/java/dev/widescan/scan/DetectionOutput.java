package dev.widescan.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where workers hand the JSONL bytes of each finished block. Unsorted: written as blocks finish (lowest
 * latency: within the batch time below; the set of lines is the same for any thread count). Sorted: held
 * back until every earlier block is written, so the output is in file-then-record order whatever the thread count. Blocks are taken from
 * one counter in order, so the held-back set stays small (about the blocks in flight).
 *
 * <p>Why the bytes are written by a thread of their own: when rules fire often the output is large (the
 * SigmaHQ catalog writes ~600 MB of lines per million generated events), and each {@code write} into the
 * page cache costs system time (0.5-0.9 s of a 4 s one-thread catalog scan, more when the kernel must first
 * reclaim cache) that a scan thread spent instead of scanning. Workers now only queue a copy (into a
 * buffer the writer has finished with, when one is large enough: a block's lines are megabytes); the
 * writer writes in queue order. At most {@link #MAX_QUEUED_BYTES} wait, so memory stays bounded when the
 * disk is slower than the scan (a worker then waits for room). A write failure is kept and raised to the next
 * worker that hands over a block, and by {@link #finish}.
 *
 * <p>Why small blocks' lines are gathered into one buffer before the writer is woken: a rule that fires a
 * few times a block (the seed rule on real command lines: 15,656 detections in 4,088 blocks) handed the
 * writer a kilobyte per block, and each hand-over woke it; on two cores, with the JIT busy on the other, the
 * scan thread then met the writer inside this monitor about once a block and slept (as many voluntary
 * context switches as blocks, bench/RESULTS.md §22). Lines now go to the queue in {@link #BATCH_BYTES}
 * batches, or once the oldest line has waited {@link #FLUSH_MILLIS} ms (the writer checks), so a slow
 * trickle of detections still reaches the output within a fraction of a second.
 */
final class DetectionOutput {
    private static final Chunk NOTHING = new Chunk(new byte[0], 0);
    /** Written buffers kept for reuse at most: block lines are megabytes each, humongous objects for G1. */
    private static final int SPARE_BUFFERS = 8;
    /**
     * Bytes queued for the writer at most (beyond one block's lines, which always fit): 64 MiB, or an eighth
     * of the heap when that is less (a scan run with a small -Xmx must not spend it on queued lines).
     */
    static final long MAX_QUEUED_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);

    /** Lines gathered before the writer is woken (unless they have waited {@link #FLUSH_MILLIS}). */
    static final int BATCH_BYTES = 256 << 10;
    /** How long a gathered line may wait for its batch to fill: the writer hands the batch over itself then. */
    static final long FLUSH_MILLIS = 100;

    private final OutputStream out;
    private final boolean sorted;
    private final long maxQueuedBytes;
    private final Map<Integer, Chunk> pending = new HashMap<>();
    private int nextBlock;

    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    /** The batch being gathered (null: none), its length and when its first line came (System.nanoTime). */
    private byte[] batch;
    private int batchLength;
    private long batchSince;
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean finished;
    /** What a write failed with: raised as it is (the output stream's own exception), an IOException wrapped. */
    private Throwable failure;
    private final Thread writer;
    private ThreadUsage.Snapshot writerUsage = ThreadUsage.Snapshot.UNAVAILABLE;

    DetectionOutput(OutputStream out, boolean sorted) {
        this(out, sorted, MAX_QUEUED_BYTES);
    }

    /** With {@code maxQueuedBytes} instead of {@link #MAX_QUEUED_BYTES} (tests). */
    DetectionOutput(OutputStream out, boolean sorted, long maxQueuedBytes) {
        this.out = out;
        this.sorted = sorted;
        this.maxQueuedBytes = maxQueuedBytes;
        this.writer = Thread.ofPlatform().name("widescan-output").daemon().start(this::writeQueued);
    }

    /** The lines of global block {@code block} ({@code length == 0}: none). Thread-safe. */
    synchronized void blockDone(int block, byte[] lines, int length) {
        checkFailure();
        if (!sorted) {
            if (length > 0) {
                append(lines, length);
            }
            return;
        }
        if (block != nextBlock) {
            pending.put(block, length == 0 ? NOTHING : copy(lines, length));
            return;
        }
        if (length > 0) {
            append(lines, length);
        }
        nextBlock++;
        Chunk held;
        while ((held = pending.remove(nextBlock)) != null) {
            if (held.length() >= BATCH_BYTES) {
                queueBatch(); // a large block's copy goes to the writer as it is, after the lines before it
                enqueue(held);
            } else if (held.length() > 0) {
                append(held.bytes(), held.length());
                if (spare.size() < SPARE_BUFFERS) {
                    spare.add(held.bytes());
                }
            }
            nextBlock++;
        }
    }

    /**
     * {@code lines[0, length)} added to the batch (a large block's lines queued as they are, after the
     * batch); the batch queued once it reaches {@link #BATCH_BYTES}. Waits while the bound is reached.
     */
    private void append(byte[] lines, int length) {
        while (queuedBytes > 0 && queuedBytes + length > maxQueuedBytes && failure == null) {
            queueBatch(); // what waits in the batch must reach the writer, or this wait would never end
            waitQuietly();
        }
        checkFailure();
        if (length >= BATCH_BYTES) {
            queueBatch();
            enqueue(copy(lines, length));
            return;
        }
        if (batch != null && batchLength + length > batch.length) {
            queueBatch();
        }
        if (batch == null) {
            batch = spareOfAtLeast(BATCH_BYTES);
            batchLength = 0;
            batchSince = System.nanoTime();
            notifyAll(); // the writer, if idle, starts its FLUSH_MILLIS clock on this batch
        }
        System.arraycopy(lines, 0, batch, batchLength, length);
        batchLength += length;
        queuedBytes += length;
        if (batchLength >= BATCH_BYTES) {
            queueBatch();
        }
    }

    /** The batch, if any, to the writer's queue (its bytes are already counted in {@link #queuedBytes}). */
    private void queueBatch() {
        if (batch != null) {
            queue.add(new Chunk(batch, batchLength));
            batch = null;
            batchLength = 0;
            notifyAll();
        }
    }

    /** A block's lines as queued: the first {@code length} bytes of {@code bytes} (a reused buffer). */
    private record Chunk(byte[] bytes, int length) {
    }

    /** {@code lines[0, length)} in a spare buffer when one is large enough (the worker reuses {@code lines}). */
    private Chunk copy(byte[] lines, int length) {
        byte[] buffer = spareOfAtLeast(length);
        System.arraycopy(lines, 0, buffer, 0, length);
        return new Chunk(buffer, length);
    }

    private byte[] spareOfAtLeast(int length) {
        byte[] buffer = spare.poll();
        return buffer != null && buffer.length >= length ? buffer : new byte[Math.max(length, buffer == null ? 0 : buffer.length)];
    }

    /** Bytes handed over and not yet written (tests: the bound holds). */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    private void enqueue(Chunk chunk) {
        while (queuedBytes > 0 && queuedBytes + chunk.length() > maxQueuedBytes && failure == null) {
            waitQuietly();
        }
        checkFailure();
        queue.add(chunk);
        queuedBytes += chunk.length();
        notifyAll();
    }

    private void writeQueued() {
        ThreadUsage.Snapshot start = ThreadUsage.now();
        try {
            writeUntilFinished();
        } catch (RuntimeException | Error e) { // never leave workers waiting for a writer that died
            synchronized (this) {
                failure = e;
                finished = true;
                batch = null;
                queue.clear();
                queuedBytes = 0;
                notifyAll();
            }
        } finally {
            ThreadUsage.Snapshot used = ThreadUsage.now().since(start);
            synchronized (this) {
                writerUsage = used;
                notifyAll();
            }
        }
    }

    private void writeUntilFinished() {
        for (;;) {
            Chunk next;
            synchronized (this) {
                while (queue.isEmpty() && !finished) {
                    if (batch == null) {
                        waitQuietly();
                    } else {
                        long waited = (System.nanoTime() - batchSince) / 1_000_000;
                        if (waited >= FLUSH_MILLIS) {
                            queueBatch();
                        } else {
                            waitQuietly(FLUSH_MILLIS - waited);
                        }
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                next = queue.poll();
                writing = true;
            }
            IOException error = null;
            try {
                out.write(next.bytes(), 0, next.length());
            } catch (IOException e) {
                error = e;
            }
            synchronized (this) {
                writing = false;
                queuedBytes -= next.length();
                if (spare.size() < SPARE_BUFFERS) {
                    spare.add(next.bytes());
                }
                if (error != null) {
                    failure = error;
                    batch = null;
                    queue.clear();
                    queuedBytes = 0;
                    finished = true;
                }
                notifyAll();
                if (error != null) {
                    return;
                }
            }
        }
    }

    /**
     * After the last block: waits until every queued line is written, flushes, and stops the writer.
     * Throws what a write failed with.
     */
    synchronized void finish() {
        queueBatch();
        while ((!queue.isEmpty() || writing) && failure == null) {
            waitQuietly();
        }
        checkFailure();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write detections: " + e.getMessage(), e);
        } finally {
            stop();
        }
    }

    /** Stops the writer without writing what is still queued (a scan that failed). Idempotent. */
    synchronized void stop() {
        finished = true;
        batch = null;
        batchLength = 0;
        queue.clear();
        queuedBytes = 0;
        notifyAll();
    }

    /** The writer thread's CPU time and faults, once it has stopped (after {@link #finish}); else unavailable. */
    ThreadUsage.Snapshot writerUsage() {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return writerUsage;
        }
    }

    private void checkFailure() {
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new UncheckedIOException("cannot write detections: " + failure.getMessage(), (IOException) failure);
        }
    }

    private void waitQuietly() {
        waitQuietly(0);
    }

    /** {@code wait(millis)} (0: until notified). */
    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing detections", e);
        }
    }
}
