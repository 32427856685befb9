package dev.widescan.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.widescan.cli.DumpCommand;
import dev.widescan.scan.Archive;
import dev.widescan.scan.ScanOptions;
import dev.widescan.scan.Scanner;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Test helpers: a local[2] session, the engine's own scan and dump as the oracles. */
final class SparkTestSupport {
    private SparkTestSupport() {
    }

    /** One session per test class: local[2], no UI, small partitions so that small files split into several. */
    static SparkSession session(long maxPartitionBytes) {
        return SparkSession.builder()
                .master("local[2]")
                .appName("widescan-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.files.maxPartitionBytes", Long.toString(maxPartitionBytes))
                .config("spark.sql.files.openCostInBytes", "1")
                .getOrCreate();
    }

    static Path repoFile(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(relative))) {
                return d.resolve(relative);
            }
        }
        throw new IllegalStateException("cannot find " + relative + " above " + Path.of("").toAbsolutePath());
    }

    static Path seedRules() {
        return repoFile("corpus/rules/seed");
    }

    /** "file record rule_id" for every detection of the engine's Scanner (the CLI's scan), sorted. */
    static List<String> engineDetections(List<Path> rules, boolean skipUnsupported, List<Path> files) {
        return engineDetections(rules, skipUnsupported, java.util.Map.of(), files);
    }

    /** The same with values for the rules' {@code |expand} placeholders. */
    static List<String> engineDetections(List<Path> rules, boolean skipUnsupported, java.util.Map<String, List<String>> placeholders,
                                         List<Path> files) {
        CompiledRuleSet compiled = SigmaCompiler.compile(RuleLoader.load(rules, skipUnsupported, placeholders).rules());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Archive archive = Archive.open(files)) {
            new Scanner(compiled, new ScanOptions("auto", 2, true, true, false))
                    .scan(archive, out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        }
        List<String> lines = new ArrayList<>();
        JsonFactory json = new JsonFactory();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String file = null;
            String rule = null;
            long record = -1;
            try (JsonParser p = json.createParser(line)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "file" -> file = p.getText();
                        case "rule_id" -> rule = p.getText();
                        case "record" -> record = p.getLongValue();
                        default -> p.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lines.add(file + " " + record + " " + rule);
        }
        lines.sort(null);
        return lines;
    }

    /** "file record rule_id" for every row of a detections dataset, sorted. */
    static List<String> sparkDetections(Dataset<Row> detections) {
        List<String> lines = new ArrayList<>();
        for (Row r : detections.select("file", "record", "rule_id").collectAsList()) {
            lines.add(r.getString(0) + " " + r.getLong(1) + " " + r.getString(2));
        }
        lines.sort(null);
        return lines;
    }

    /** {@code widescan dump FILE}'s lines. */
    static List<String> dump(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpCommand.dump(file, out);
        return Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n"));
    }
}
