package dev.widescan.spark;

import dev.widescan.format.Field;
import dev.widescan.sigma.PlaceholderValues;
import dev.widescan.sigma.RuleLoadResult;
import dev.widescan.sigma.RuleLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The detection job: the widescan data source with rules, written as the CLI's lines ({@code rule_id},
 * {@code rule_title}, {@code rule_author}, {@code rule_license}, {@code level}, {@code file}, {@code record}, {@code event} with the event's present
 * fields) into JSON Lines part files, or Parquet. Run by {@code scripts/widescan-spark} (local mode) or by
 * {@code spark-submit --class dev.widescan.spark.WidescanSparkJob widescan-spark.jar ...} on a cluster.
 */
@Command(name = "widescan-spark", mixinStandardHelpOptions = true,
        description = {"Scans event files with Sigma rules on Apache Spark; writes the detections as JSON Lines part files",
            "(the CLI's fields) or Parquet into OUT_DIR. Inputs: files, folders (*.wsev, recursively) or globs on any",
            "Hadoop file system (file:, hdfs:, s3a:). Rules are read on the driver and shipped to the executors."},
        footer = "%nExit codes: 0 success, 1 internal error, 2 usage error, 3 bad input data.")
public final class WidescanSparkJob implements Callable<Integer> {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = {"-r", "--rules"}, required = true, paramLabel = "RULES", description = "Sigma rule file or folder; repeatable.")
    List<Path> rules;

    @Option(names = "--skip-unsupported", description = "Skip (and count) rules using unsupported Sigma constructs instead of failing.")
    boolean skipUnsupported;

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE",
            description = "Value of the Sigma placeholder %%NAME%% for |expand (e.g. userdomain=CONTOSO); repeatable, a name given"
                    + " again adds a value (as in 'widescan scan').")
    List<String> placeholders = new ArrayList<>();

    @Option(names = "--strategy", defaultValue = "auto", paramLabel = "NAME", description = "Matcher strategy (as in 'widescan scan'). Default: ${DEFAULT-VALUE}.")
    String strategy;

    @Option(names = "--no-verify", description = "Skip the CRC32C check of the columns read.")
    boolean noVerify;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT_DIR", description = "Output folder (must not exist).")
    String output;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|parquet", description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--output-files", paramLabel = "N",
            description = "Write N part files (a shuffle of the detections only; default: one per scan task that found any).")
    Integer outputFiles;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, e.g. spark.sql.files.maxPartitionBytes=256m; repeatable.")
    List<String> conf = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "INPUTS", description = "Event files, folders or globs.")
    List<String> inputs;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job; returns the exit code, having printed a one-line message on failure. */
    public static int run(String[] args) {
        CommandLine cl = new CommandLine(new WidescanSparkJob());
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            JobFailure f = JobFailure.of(ex);
            c.getErr().println("widescan-spark: " + f.message());
            if (f.exitCode() == JobFailure.INTERNAL) {
                ex.printStackTrace(c.getErr());
            }
            c.getErr().flush();
            return f.exitCode();
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        JavaVersionCheck.require();
        if (!format.equals("json") && !format.equals("parquet")) {
            throw new IllegalArgumentException("--format must be json or parquet, got " + format);
        }
        for (Path r : rules) {
            if (!Files.exists(r)) {
                throw new IllegalArgumentException("rules " + r + ": no such file or directory");
            }
        }
        // Load once here as well, before Spark starts: a bad rule is a usage error with the CLI's message.
        RuleLoadResult loaded = RuleLoader.load(rules, skipUnsupported, PlaceholderValues.parse(placeholders));
        for (String w : loaded.warnings()) {
            System.err.println("widescan-spark: warning: " + w);
        }
        if (!loaded.skipped().isEmpty()) {
            System.err.print(loaded.tally());
        }
        if (loaded.rules().isEmpty()) {
            throw new IllegalArgumentException("no rule to scan with in " + rules);
        }
        long start = System.nanoTime();
        SparkSession spark = session();
        try {
            Dataset<Row> detections = detections(spark, rules, skipUnsupported, placeholders, strategy, !noVerify, inputs);
            if (outputFiles != null) {
                if (outputFiles < 1) {
                    throw new IllegalArgumentException("--output-files must be >= 1, got " + outputFiles);
                }
                detections = detections.repartition(outputFiles);
            }
            if (format.equals("json")) {
                detections.write().mode(SaveMode.ErrorIfExists).json(output);
            } else {
                detections.write().mode(SaveMode.ErrorIfExists).parquet(output);
            }
            long count = format.equals("json") ? spark.read().text(output).count() : spark.read().parquet(output).count();
            System.err.printf("widescan-spark: %d detections from %d rules in %.1f s; %s part files in %s%n", count,
                    loaded.rules().size(), (System.nanoTime() - start) / 1e9, format, output);
        } finally {
            spark.stop();
        }
        return 0;
    }

    private SparkSession session() {
        SparkSession.Builder b = SparkSession.builder().appName("widescan-spark");
        if (master != null) {
            b = b.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            b = b.master("local[*]");
        }
        for (String kv : conf) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--conf needs KEY=VALUE, got " + kv);
            }
            b = b.config(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return b.getOrCreate();
    }

    /**
     * The detections in the CLI's shape: rule_id, rule_title, rule_author, rule_license (omitted when null, as
     * the CLI omits it), level, file, record, event{present fields}.
     */
    public static Dataset<Row> detections(SparkSession spark, List<Path> rules, boolean skipUnsupported, String strategy,
                                          boolean verify, List<String> inputs) {
        return detections(spark, rules, skipUnsupported, List.of(), strategy, verify, inputs);
    }

    /** {@code placeholders}: {@code NAME=VALUE} entries for the rules' {@code |expand} placeholders ({@link PlaceholderValues}). */
    public static Dataset<Row> detections(SparkSession spark, List<Path> rules, boolean skipUnsupported, List<String> placeholders,
                                          String strategy, boolean verify, List<String> inputs) {
        List<String> ruleNames = new ArrayList<>();
        for (Path r : rules) {
            ruleNames.add(r.toAbsolutePath().toString());
        }
        Dataset<Row> raw = spark.read().format(WidescanDataSource.SHORT_NAME)
                .option("rules", String.join(",", ruleNames))
                .option("skip-unsupported", skipUnsupported)
                .option("placeholders", JsonStrings.array(placeholders))
                .option("strategy", strategy)
                .option("verify", verify)
                .load(inputs.toArray(new String[0]));
        Column[] eventFields = new Column[Field.count()];
        for (Field f : Field.values()) {
            eventFields[f.ordinal()] = functions.col(f.name());
        }
        return raw.select(functions.col(Schemas.RULE_ID), functions.col(Schemas.RULE_TITLE), functions.col(Schemas.RULE_AUTHOR),
                functions.col(Schemas.RULE_LICENSE), functions.col(Schemas.LEVEL),
                functions.col(Schemas.FILE), functions.col(Schemas.RECORD), functions.struct(eventFields).as("event"));
    }
}
