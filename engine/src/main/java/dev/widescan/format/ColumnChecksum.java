package dev.widescan.format;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The CRC32C check of one column of one block, done piece by piece while the column is being read.
 *
 * <p>Why: a column of a 4,096-record block is about a megabyte, larger than a core's L2 here. Checking
 * it whole before scanning ({@link EventBlock#verify}) streams it from memory twice: once for the CRC,
 * once for the matcher. In pieces, the matcher reads a piece first (it is compute-bound, so the
 * hardware prefetcher hides the memory latency behind its work) and the CRC then sums the same bytes
 * from L1/L2: each byte comes from memory once, and the CRC instruction runs at its in-cache speed
 * (17 GB/s here) instead of its from-memory speed (7.6 GB/s; {@code ChecksumBenchmark}). On this 2-core VM the gain is within the
 * noise of the machine (bench/RESULTS.md, section 5); on many-core servers, where scan threads share
 * the memory bandwidth, halving the reads of every matched column is what keeps cores busy.
 *
 * <p>The region's CRC covers its units, then its offsets and absent bits (docs/FORMAT.md). Units are
 * summed as the reader advances ({@link #coverUnits}); {@link #finish} sums the rest and compares. The
 * caller must treat everything read before {@code finish} as unverified: a scan keeps its hits aside until
 * {@code finish} has passed (no detection of a corrupt block is ever reported) and, if reading a corrupt
 * column throws, calls {@code finish} first so the error says "CRC32C mismatch" instead of whatever the
 * bad bytes caused.
 *
 * <p>One instance per thread, reused block after block: it holds one {@link ByteBuffer} view of the
 * current region (made once per column per block) and moves its position and limit, so covering a
 * piece allocates nothing.
 */
public final class ColumnChecksum {
    private final CRC32C crc = new CRC32C();
    private EventBlock block;
    private Field field;
    private ByteBuffer region;
    private int summed;
    private int unitsBytes;
    private int expected;

    /**
     * Starts the check of {@code f}'s column in {@code block}'s current block. A column the file does not
     * have is all-absent and has nothing to check: {@link #finish} then passes.
     */
    public ColumnChecksum begin(EventBlock block, Field f) {
        this.block = block;
        this.field = f;
        this.summed = 0;
        crc.reset();
        int c = block.file().columnOf(f);
        if (c < 0) {
            region = null;
            unitsBytes = 0;
            return this;
        }
        region = block.columnRegion(c);
        unitsBytes = block.columnUnitsBytes(c);
        expected = block.columnExpectedCrc(c);
        return this;
    }

    /**
     * Sums the units bytes before unit index {@code unitEnd} that are not summed yet. Indexes outside the
     * units part (which only corrupt offsets produce) are clamped: {@link #finish} catches those.
     */
    public void coverUnits(long unitEnd) {
        if (region == null) {
            return;
        }
        long end = Math.min(Math.max(2 * unitEnd, 0), unitsBytes);
        if (end > summed) {
            sumTo((int) end);
        }
    }

    /** Sums what is left of the region and throws {@link FormatException} naming file, block and field on a mismatch. */
    public void finish() {
        if (region == null) {
            return;
        }
        sumTo(region.capacity());
        int actual = (int) crc.getValue();
        region = null;
        if (actual != expected) {
            throw block.columnCrcError(field, expected, actual);
        }
    }

    private void sumTo(int end) {
        region.limit(end).position(summed);
        crc.update(region);
        summed = end;
    }
}
