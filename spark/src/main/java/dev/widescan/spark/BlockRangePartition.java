package dev.widescan.spark;

import java.io.Serial;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One Spark partition ({@code file}: the URI to open; {@code name}: how rows and messages name it): blocks {@code [firstBlock, endBlock)} of one event file, whose bytes are
 * {@code [byteFrom, byteTo)}. Blocks are never split: a block is the unit the engine's matchers and CRC
 * checks work on.
 */
record BlockRangePartition(String file, String name, long fileLength, int firstBlock, int endBlock, long byteFrom, long byteTo,
                           String[] hosts) implements InputPartition {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public String[] preferredLocations() {
        return hosts.clone();
    }

    @Override
    public String toString() {
        return name + " blocks " + firstBlock + ".." + (endBlock - 1) + " (bytes " + byteFrom + "-" + byteTo + ")";
    }
}
