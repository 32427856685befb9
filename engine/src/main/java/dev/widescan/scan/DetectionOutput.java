package dev.widescan.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where workers hand the JSONL bytes of each finished block. Unsorted: written as blocks finish (lowest
 * latency; the set of lines is the same for any thread count). Sorted: held back until every earlier block
 * is written, so the output is in file-then-record order whatever the thread count. Blocks are taken from
 * one counter in order, so the held-back set stays small (about the blocks in flight).
 */
final class DetectionOutput {
    private static final byte[] NOTHING = new byte[0];

    private final OutputStream out;
    private final boolean sorted;
    private final Map<Integer, byte[]> pending = new HashMap<>();
    private int nextBlock;

    DetectionOutput(OutputStream out, boolean sorted) {
        this.out = out;
        this.sorted = sorted;
    }

    /** The lines of global block {@code block} ({@code length == 0}: none). Thread-safe. */
    synchronized void blockDone(int block, byte[] lines, int length) {
        try {
            if (!sorted) {
                if (length > 0) {
                    out.write(lines, 0, length);
                }
                return;
            }
            if (block != nextBlock) {
                pending.put(block, length == 0 ? NOTHING : java.util.Arrays.copyOf(lines, length));
                return;
            }
            if (length > 0) {
                out.write(lines, 0, length);
            }
            nextBlock++;
            byte[] held;
            while ((held = pending.remove(nextBlock)) != null) {
                out.write(held);
                nextBlock++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write detections: " + e.getMessage(), e);
        }
    }

    synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write detections: " + e.getMessage(), e);
        }
    }
}
