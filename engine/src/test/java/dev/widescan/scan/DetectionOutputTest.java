package dev.widescan.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.widescan.testkit.FullDisk;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class DetectionOutputTest {
    private static byte[] line(int block) {
        return ("block " + block + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void sortedOutputIsInBlockOrderWhateverOrderBlocksFinishIn() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DetectionOutput out = new DetectionOutput(bytes, true);
        int[] finishOrder = {2, 0, 3, 1, 5, 4, 6};
        for (int b : finishOrder) {
            byte[] l = b == 3 ? new byte[0] : line(b); // a block without detections still counts
            byte[] reused = java.util.Arrays.copyOf(l, l.length + 10); // the worker's buffer, reused after the call
            out.blockDone(b, reused, l.length);
            java.util.Arrays.fill(reused, (byte) 'x');
        }
        out.finish();
        assertEquals("block 0\nblock 1\nblock 2\nblock 4\nblock 5\nblock 6\n", bytes.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void reusedBuffersNeverLeakBytesOfAnEarlierBlock() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DetectionOutput out = new DetectionOutput(bytes, false);
        StringBuilder expected = new StringBuilder();
        java.util.Random random = new java.util.Random(5);
        for (int b = 0; b < 200; b++) {
            String text = String.valueOf((char) ('a' + b % 26)).repeat(1 + random.nextInt(b % 3 == 0 ? 5000 : 50)) + "\n";
            byte[] lines = text.getBytes(StandardCharsets.US_ASCII);
            out.blockDone(b, java.util.Arrays.copyOf(lines, lines.length + 7), lines.length);
            expected.append(text);
        }
        out.finish();
        assertEquals(expected.toString(), bytes.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aSlowOutputNeverHoldsMoreThanTheBoundAndGetsEveryByte() throws Exception {
        AtomicLong written = new AtomicLong();
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                written.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                written.addAndGet(len);
            }
        };
        long bound = 4096;
        DetectionOutput out = new DetectionOutput(slow, false, bound);
        byte[] block = new byte[1000];
        long most = 0;
        for (int b = 0; b < 60; b++) {
            out.blockDone(b, block, block.length);
            most = Math.max(most, out.queuedBytes());
        }
        out.finish();
        assertEquals(60_000, written.get());
        assertTrue(most <= bound, "queued " + most + " bytes with a bound of " + bound);
    }

    @Test
    void aWriteFailureReachesTheNextBlockAndFinishWithoutAHang() throws Exception {
        OutputStream failing = new FullDisk();
        DetectionOutput out = new DetectionOutput(failing, false);
        out.blockDone(0, line(0), line(0).length);
        UncheckedIOException first = null;
        for (int b = 1; b < 1000 && first == null; b++) { // the writer fails soon after the first block
            try {
                out.blockDone(b, line(b), line(b).length);
                Thread.sleep(1);
            } catch (UncheckedIOException e) {
                first = e;
            }
        }
        assertTrue(first != null && first.getMessage().contains(FullDisk.MESSAGE), String.valueOf(first));
        UncheckedIOException atFinish = assertThrows(UncheckedIOException.class, out::finish);
        assertTrue(atFinish.getMessage().startsWith("cannot write detections: No space left"), atFinish.getMessage());
    }

    @Test
    void theOutputStreamsOwnExceptionIsRaisedAsItIs() {
        IllegalStateException own = new IllegalStateException("cannot write -o out.jsonl: disk quota exceeded");
        DetectionOutput out = new DetectionOutput(new OutputStream() {
            @Override
            public void write(int b) {
                throw own;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                throw own;
            }
        }, true);
        out.blockDone(0, line(0), line(0).length);
        IllegalStateException raised = assertThrows(IllegalStateException.class, out::finish);
        assertEquals(own, raised);
    }

    @Test
    void stopWithoutFinishEndsTheWriter() {
        DetectionOutput out = new DetectionOutput(new ByteArrayOutputStream(), false);
        out.stop();
        assertTrue(out.writerUsage() != null); // returns only once the writer thread has ended (else the timeout fails)
    }

    @Test
    void aLoneDetectionReachesTheOutputWithoutWaitingForTheEnd() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DetectionOutput out = new DetectionOutput(bytes, true);
        out.blockDone(0, line(0), line(0).length);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (bytes.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("block 0\n", bytes.toString(StandardCharsets.US_ASCII), "written by the writer's timed hand-over, before finish");
        out.finish();
    }

    @Test
    void smallBlocksAreWrittenInBatchesNotOneWriteEach() {
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                writes.incrementAndGet();
                super.write(b, off, len);
            }
        };
        DetectionOutput out = new DetectionOutput(bytes, false);
        StringBuilder expected = new StringBuilder();
        for (int b = 0; b < 2000; b++) {
            byte[] l = line(b);
            out.blockDone(b, l, l.length);
            expected.append("block ").append(b).append('\n');
        }
        out.finish();
        assertEquals(expected.toString(), bytes.toString(StandardCharsets.US_ASCII));
        // 2,000 hand-overs of ~11 bytes: one batch, plus one per FLUSH_MILLIS the loop took on a slow machine
        assertTrue(writes.get() < 100, writes.get() + " writes for 2,000 small blocks");
    }

    @Test
    void largeAndSmallBlocksFinishingOutOfOrderAreWrittenInOrderOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DetectionOutput out = new DetectionOutput(bytes, true);
        int[] finishOrder = {3, 1, 0, 2, 6, 5, 4, 7};
        String[] text = new String[finishOrder.length];
        for (int b = 0; b < text.length; b++) {
            // even blocks larger than a batch (held back, then queued as they are), odd ones small
            int length = b % 2 == 0 ? DetectionOutput.BATCH_BYTES + 1000 * b : 10 + b;
            text[b] = String.valueOf((char) ('a' + b)).repeat(length - 1) + "\n";
        }
        for (int b : finishOrder) {
            byte[] lines = text[b].getBytes(StandardCharsets.US_ASCII);
            byte[] reused = java.util.Arrays.copyOf(lines, lines.length + 3);
            out.blockDone(b, reused, lines.length);
            java.util.Arrays.fill(reused, (byte) 'x'); // the worker's buffer, reused after the call
        }
        out.finish();
        assertEquals(String.join("", text), bytes.toString(StandardCharsets.US_ASCII));
    }
}
