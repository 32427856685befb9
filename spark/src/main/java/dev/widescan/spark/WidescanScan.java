package dev.widescan.spark;

import dev.widescan.sigma.RuleLoadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    /** Footer indexes read at once while planning. */
    static final int INDEX_THREADS = 16;

    WidescanScan(StructType required, ScanSettings settings) {
        this.required = required;
        this.settings = settings;
        if (settings.paths().isEmpty()) {
            throw new IllegalArgumentException("widescan: no input path (use load(path...) or option paths)");
        }
        if (settings.detections()) {
            RuleLoadResult[] result = new RuleLoadResult[1];
            this.rules = RulePack.load(settings.rules(), settings.skipUnsupported(), settings.placeholders(), result);
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
            // cut and dropped, so the driver holds partitions, never every file's block index at once.
            long total = 0;
            for (FileStatus st : files) {
                total += st.getLen();
            }
            SQLConf sql = SQLConf.get();
            long target = BlockRangePlanner.targetBytes(sql.filesMaxPartitionBytes(), sql.filesOpenCostInBytes(), total,
                    spark.sparkContext().defaultParallelism());
            planned = List.copyOf(indexAndSplit(conf, files, target));
            return planned;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Reads the footer indexes on up to {@link #INDEX_THREADS} threads (one round trip or two per file on
     * HDFS/S3A, so an archive of thousands of files would otherwise wait on them one by one) and cuts each
     * into block ranges, keeping the files' order.
     */
    private List<BlockRangePartition> indexAndSplit(Configuration conf, List<FileStatus> files, long target) throws IOException {
        int threads = Math.max(1, Math.min(INDEX_THREADS, files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "widescan-footer-index");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<BlockRangePartition>>> parts = new ArrayList<>(files.size());
            for (FileStatus st : files) {
                parts.add(pool.submit(() -> {
                    BlockRangePlanner.IndexedFile f = BlockRangePlanner.index(conf, st, settings.mapLocal());
                    FileSystem fs = st.getPath().getFileSystem(conf);
                    return BlockRangePlanner.split(f, st.getPath().toString(), target, (from, to) -> BlockRangePlanner.hosts(fs, st, from, to));
                }));
            }
            List<BlockRangePartition> out = new ArrayList<>();
            for (Future<List<BlockRangePartition>> f : parts) {
                out.addAll(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading footer indexes", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
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
