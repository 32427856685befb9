package dev.widescan.spark;

import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;

/** Sent to executors with each task: opens the task's block range and reads events or detections from it. */
final class WidescanReaderFactory implements PartitionReaderFactory {
    @Serial
    private static final long serialVersionUID = 1L;
    private final RowLayout layout;
    private final ScanSettings settings;
    private final HadoopConf conf;
    private final Broadcast<RulePack> rules;

    WidescanReaderFactory(StructType required, ScanSettings settings, HadoopConf conf, Broadcast<RulePack> rules) {
        this.layout = new RowLayout(required);
        this.settings = settings;
        this.conf = conf;
        this.rules = rules;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        BlockRangePartition p = (BlockRangePartition) partition;
        EventFileSource src;
        try {
            src = EventFileSource.open(conf.get(), p.file(), p.fileLength(), p.byteFrom(), p.byteTo(), settings.mapLocal());
        } catch (IOException e) {
            throw new UncheckedIOException(p.name() + ": cannot open: " + e.getMessage(), e);
        } catch (dev.widescan.format.FormatException e) {
            throw Renamed.format(e, p.file(), p.name());
        }
        if (rules == null) {
            return new EventRowReader(src, p, layout, settings.verify());
        }
        RulePack pack = rules.value();
        return new DetectionRowReader(src, p, layout, pack.compiled(), pack.matchers(settings.strategy()), settings.verify());
    }
}
