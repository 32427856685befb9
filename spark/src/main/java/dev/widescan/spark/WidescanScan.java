package dev.widescan.spark;

import dev.widescan.sigma.RuleLoadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;

/**
 * A planned read, driver side: the rules are loaded (and compiled once, which validates the strategy)
 * when the scan is built, so a bad rule fails the query before any task starts; the partitions are the
 * block ranges of {@link BlockRangePlanner}. The plan has no shuffle: each task reads its range and
 * emits its rows (events, or the detections its blocks contain), nothing is exchanged between tasks.
 */
final class WidescanScan implements Scan, Batch {
    private final StructType required;
    private final ScanSettings settings;
    private final RulePack rules;
    private final RuleLoadResult loadResult;
    private List<BlockRangePartition> planned;
    private WidescanReaderFactory factory;

    WidescanScan(StructType required, ScanSettings settings) {
        this.required = required;
        this.settings = settings;
        if (settings.paths().isEmpty()) {
            throw new IllegalArgumentException("widescan: no input path (use load(path...) or option paths)");
        }
        if (settings.detections()) {
            RuleLoadResult[] result = new RuleLoadResult[1];
            this.rules = RulePack.load(settings.rules(), settings.skipUnsupported(), result);
            this.loadResult = result[0];
            rules.matchers(settings.strategy());
        } else {
            this.rules = null;
            this.loadResult = null;
        }
    }

    @Override
    public StructType readSchema() {
        return required;
    }

    @Override
    public String description() {
        return "widescan " + (rules == null ? "events" : rules.ruleCount() + " rules, strategy " + settings.strategy())
                + " " + settings.paths();
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    /** The rules' load tally on the driver (skipped rules and why), or null for an events scan. */
    RuleLoadResult loadResult() {
        return loadResult;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        return plan().toArray(new InputPartition[0]);
    }

    synchronized List<BlockRangePartition> plan() {
        if (planned != null) {
            return planned;
        }
        SparkSession spark = SparkSession.active();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            List<FileStatus> files = BlockRangePlanner.listFiles(conf, settings.paths());
            // The target needs only the total size (the listing has it); each file's index is then read,
            // cut and dropped in turn, so the driver holds partitions, never every file's block index.
            long total = 0;
            for (FileStatus st : files) {
                total += st.getLen();
            }
            SQLConf sql = SQLConf.get();
            long target = BlockRangePlanner.targetBytes(sql.filesMaxPartitionBytes(), sql.filesOpenCostInBytes(), total,
                    spark.sparkContext().defaultParallelism());
            List<BlockRangePartition> out = new ArrayList<>();
            for (FileStatus st : files) {
                BlockRangePlanner.IndexedFile f = BlockRangePlanner.index(conf, st, settings.mapLocal());
                FileSystem fs = st.getPath().getFileSystem(conf);
                out.addAll(BlockRangePlanner.split(f, st.getPath().toString(), target,
                        (from, to) -> BlockRangePlanner.hosts(fs, st, from, to)));
            }
            planned = List.copyOf(out);
            return planned;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** One factory (and one broadcast of the rules) per scan, however often Spark asks. */
    @Override
    public synchronized PartitionReaderFactory createReaderFactory() {
        if (factory == null) {
            SparkSession spark = SparkSession.active();
            Broadcast<RulePack> broadcast = rules == null ? null : JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(rules);
            factory = new WidescanReaderFactory(required, settings, new HadoopConf(new Configuration(spark.sparkContext().hadoopConfiguration())),
                    broadcast);
        }
        return factory;
    }
}
