package dev.widescan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.widescan.scan.Archive;
import dev.widescan.scan.ScanOptions;
import dev.widescan.scan.Scanner;
import dev.widescan.sigma.RuleLoader;
import dev.widescan.sigma.SigmaCompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection job end to end (what scripts/widescan-spark runs): its JSON Lines equal the CLI's lines
 * object for object (rule_id, rule_title, rule_author, level, file, record, event), Parquet holds the same count, and
 * a corrupt file ends the job with exit code 3 and the engine's one-line message naming file and block.
 */
class WidescanSparkJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path archive;

    @BeforeAll
    static void generate() throws IOException {
        archive = WidescanDataSourceTestFiles.generate(dir.resolve("job.wsev"), 8_000, 9);
    }

    private static String[] args(String out, String format, Path input) {
        return new String[] {"--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.files.maxPartitionBytes=300000",
            "--conf", "spark.sql.files.openCostInBytes=1", "-r", SparkTestSupport.seedRules().toString(), "-o", out, "--format", format,
            input.toString()};
    }

    private static Run run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = WidescanSparkJob.run(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    record Run(int code, String stderr) {
    }

    @Test
    void jsonLinesEqualTheCliLinesAndParquetHoldsAsMany() throws IOException {
        Path out = dir.resolve("json-out");
        Run json = run(args(out.toString(), "json", archive));
        assertEquals(0, json.code(), json.stderr());
        List<JsonNode> spark = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    spark.add(JSON.readTree(line));
                }
            }
        }
        List<JsonNode> cli = cliLines(archive);
        assertTrue(cli.size() > 100, "hits in the generated file: " + cli.size());
        Comparator<JsonNode> order = Comparator.comparingLong((JsonNode n) -> n.get("record").asLong()).thenComparing(n -> n.get("rule_id").asText());
        spark.sort(order);
        cli.sort(order);
        assertEquals(cli, spark);
        assertTrue(json.stderr().contains(cli.size() + " detections"), json.stderr());

        Path parquetOut = dir.resolve("parquet-out");
        String[] parquetArgs = args(parquetOut.toString(), "parquet", archive);
        String[] withOneFile = new String[parquetArgs.length + 2];
        withOneFile[0] = "--output-files";
        withOneFile[1] = "1";
        System.arraycopy(parquetArgs, 0, withOneFile, 2, parquetArgs.length);
        Run parquet = run(withOneFile);
        assertEquals(0, parquet.code(), parquet.stderr());
        assertTrue(parquet.stderr().contains(cli.size() + " detections"), parquet.stderr());
        try (Stream<Path> parts = Files.list(parquetOut)) {
            assertEquals(1, parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).count(), "--output-files 1");
        }
    }

    @Test
    void aCorruptBlockEndsTheJobWithExitCode3AndOneLineNamingFileAndBlock() throws IOException {
        Path damaged = dir.resolve("damaged.wsev");
        Files.copy(archive, damaged);
        WidescanDataSourceTestFiles.flipByteInColumn(damaged, dev.widescan.format.Field.CommandLine, 4);
        Run r = run(args(dir.resolve("damaged-out").toString(), "json", damaged));
        assertEquals(3, r.code(), r.stderr());
        String expected = "widescan-spark: " + damaged + ": block 4 column CommandLine: CRC32C mismatch";
        assertTrue(r.stderr().startsWith(expected), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), "one line, no executor traces: " + r.stderr());
    }

    @Test
    void aBadRuleIsAUsageErrorWithTheLoadersMessageBeforeSparkStarts() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("bad-rules"));
        Path bad = Files.writeString(rules.resolve("bad.yml"), """
                title: bad modifier
                id: 00000000-0000-0000-0000-000000000001
                logsource: {category: process_creation, product: windows}
                detection:
                    sel:
                        CommandLine|nosuchmodifier: x
                    condition: sel
                """);
        Run r = run("-r", rules.toString(), "-o", dir.resolve("bad-rule-out").toString(), archive.toString());
        assertEquals(2, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("widescan-spark: ") && r.stderr().contains(bad.toString()) && r.stderr().contains("nosuchmodifier"),
                r.stderr());
        assertTrue(!Files.exists(dir.resolve("bad-rule-out")), "no output written");
    }

    @Test
    void aMissingInputOrRuleIsAUsageError() {
        Run noInput = run(args(dir.resolve("x-out").toString(), "json", dir.resolve("nothing-here.wsev")));
        assertEquals(2, noInput.code(), noInput.stderr());
        assertTrue(noInput.stderr().contains("nothing-here.wsev: no such file or directory"), noInput.stderr());
        Run noRule = run("-r", dir.resolve("no-rules").toString(), "-o", dir.resolve("y-out").toString(), archive.toString());
        assertEquals(2, noRule.code(), noRule.stderr());
        assertTrue(noRule.stderr().contains("no-rules: no such file or directory"), noRule.stderr());
    }

    /** The CLI's scan output (engine Scanner, sorted) as JSON trees. */
    private static List<JsonNode> cliLines(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Archive a = Archive.open(List.of(file))) {
            new Scanner(SigmaCompiler.compile(RuleLoader.load(List.of(SparkTestSupport.seedRules()), false).rules()),
                    new ScanOptions("auto", 2, true, true, false))
                    .scan(a, out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        }
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
