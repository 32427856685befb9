package dev.widescan.ingest;

import dev.widescan.format.EventBlock;
import dev.widescan.format.Field;
import dev.widescan.format.RecordColumn;
import java.util.Arrays;

/**
 * {@link JsonBytes#appendEvent} with each dictionary entry encoded once per block: the bytes
 * {@code ,"Name":"escaped value"} of an entry are kept the first time a record of that entry is written
 * and copied for every later one, so only plain (per-record) values are escaped per record.
 *
 * <p>Why: on generated Sysmon data 18 of the 27 columns are dictionary-encoded and carry ~70% of an
 * event's units (hashes, GUIDs, paths), while the ~650 detected records of a block share a few hundred
 * entries per column. The bytes are those of {@link JsonBytes#appendEvent} ({@code DetectionLinesTest}).
 * One per scan thread; the caches grow to the largest block's entries and are reused.
 */
public final class EventJsonEncoder {
    private static final Field[] FIELDS = Field.values();

    private final JsonBytes[] store = new JsonBytes[FIELDS.length];
    private final long[] generation = new long[FIELDS.length];
    /** Per field, per entry of the current block: offset of its bytes in {@link #store}, or -1 not yet encoded. */
    private final int[][] entryAt = new int[FIELDS.length][];
    private final int[][] entryLength = new int[FIELDS.length][];

    public EventJsonEncoder() {
        for (int f = 0; f < FIELDS.length; f++) {
            store[f] = new JsonBytes(1024);
            generation[f] = -1;
            entryAt[f] = new int[0];
            entryLength[f] = new int[0];
        }
    }

    /** Appends record {@code record} of {@code block} to {@code out} as {@link JsonBytes#appendEvent} would. */
    public void appendEvent(JsonBytes out, EventBlock block, int record) {
        JsonBytes.checkRecord(block, record);
        boolean first = true;
        for (Field f : FIELDS) {
            RecordColumn column = block.column(f);
            if (column.isAbsent(record)) {
                continue;
            }
            if (column.hasEntries()) {
                int fi = f.ordinal();
                if (column.generation() != generation[fi]) { // a new block: its codes mean other entries
                    startBlock(fi, column);
                }
                int code = column.code(record);
                int[] at = entryAt[fi];
                if (at[code] < 0) {
                    JsonBytes s = store[fi];
                    at[code] = s.size();
                    s.appendField(false, f, column, record);
                    entryLength[fi][code] = s.size() - at[code];
                }
                out.appendFieldBytes(first, store[fi].array(), at[code], entryLength[fi][code]);
            } else {
                out.appendField(first, f, column, record);
            }
            first = false;
        }
        out.appendEnd(first);
    }

    private void startBlock(int fi, RecordColumn column) {
        generation[fi] = column.generation();
        int entries = column.dictionary().count();
        if (entryAt[fi].length < entries) {
            entryAt[fi] = new int[Math.max(entries, 2 * entryAt[fi].length)];
            entryLength[fi] = new int[entryAt[fi].length];
        }
        Arrays.fill(entryAt[fi], 0, entries, -1);
        store[fi].reset();
    }
}
