package dev.widescan.spark;

import dev.widescan.format.EventBlock;
import dev.widescan.format.EventFile;
import dev.widescan.format.Field;
import dev.widescan.format.FormatException;
import dev.widescan.format.RecordColumn;
import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The events of one block range, in record order, as rows of the pruned schema. Each block's needed
 * columns are CRC-checked before its first row is given out (as {@code widescan dump} checks every
 * column before printing), then rows are read straight from the block's column views.
 */
final class EventRowReader implements PartitionReader<InternalRow> {
    private final EventFileSource source;
    private final BlockRangePartition partition;
    private final int[] layout;
    private final Field[] fields;
    private final boolean verify;
    private final UTF8String fileName;
    private final RecordColumn[] columns;
    private EventBlock block;
    private int nextBlock;
    private int record = -1;
    private int records;

    EventRowReader(EventFileSource source, BlockRangePartition partition, RowLayout layout, boolean verify) {
        this.source = source;
        this.partition = partition;
        this.layout = layout.source;
        this.fields = layout.fields().toArray(new Field[0]);
        this.verify = verify;
        this.fileName = UTF8String.fromString(partition.name());
        this.columns = new RecordColumn[Field.count()];
        this.nextBlock = partition.firstBlock();
    }

    @Override
    public boolean next() {
        record++;
        while (record >= records) {
            if (nextBlock >= partition.endBlock()) {
                return false;
            }
            openBlock(nextBlock++);
            record = 0;
        }
        return true;
    }

    private void openBlock(int b) {
        EventFile file = source.file();
        try {
            block = file.readBlock(b, block);
            for (Field f : fields) {
                if (verify) {
                    block.verify(f);
                }
                columns[f.ordinal()] = block.column(f);
            }
            records = block.recordCount();
        } catch (FormatException e) {
            throw Renamed.format(e, file.path().toString(), partition.name());
        }
    }

    @Override
    public InternalRow get() {
        Object[] values = new Object[layout.length];
        for (int c = 0; c < layout.length; c++) {
            int s = layout[c];
            if (s >= 0) {
                String v = columns[s].valueAsString(record);
                values[c] = v == null ? null : UTF8String.fromString(v);
            } else if (s == RowLayout.FILE) {
                values[c] = fileName;
            } else if (s == RowLayout.RECORD) {
                values[c] = block.firstRecord() + record;
            }
        }
        return new GenericInternalRow(values);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
