package dev.widescan.bench.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the JSON that JMH writes with {@code -rf json}: an array of results, one per benchmark and
 * parameter combination. Streaming (jackson-core, already an engine dependency) so that the renderer
 * needs no data-binding library; fields the reports do not use are skipped, unknown ones tolerated
 * (JMH adds fields between versions). Scores JMH could not compute are written as the strings
 * {@code "NaN"} or {@code "Infinity"}, so numbers are accepted in both spellings.
 */
public final class JmhJsonReader {
    private static final JsonFactory JSON = new JsonFactory();

    private JmhJsonReader() {
    }

    public static List<JmhResult> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ReportInputException(file + ": no such JMH result file");
        } catch (IOException e) {
            throw new ReportInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** {@code source} names the input in error messages. */
    public static List<JmhResult> read(InputStream in, String source) {
        List<JmhResult> results = new ArrayList<>();
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw fail(p, source, "expected a JSON array of JMH results (written by -rf json)");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                results.add(readResult(p, source, results.size()));
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw fail(p, source, "expected a JMH result object or the end of the array");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ReportInputException(source + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": malformed JSON after " + results.size() + " complete result(s): " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ReportInputException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (results.isEmpty()) {
            throw new ReportInputException(source + ": contains no JMH results (did the run fail?)");
        }
        return results;
    }

    private static JmhResult readResult(JsonParser p, String source, int index) throws IOException {
        String benchmark = null;
        String mode = "";
        String jdk = "";
        String vm = "";
        int forks = 0;
        int iterations = 0;
        List<String> jvmArgs = new ArrayList<>();
        Map<String, String> params = new TreeMap<>();
        JmhMetric primary = null;
        Map<String, JmhMetric> secondary = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "benchmark" -> benchmark = p.getValueAsString();
                case "mode" -> mode = p.getValueAsString();
                case "jdkVersion" -> jdk = p.getValueAsString();
                case "vmVersion" -> vm = p.getValueAsString();
                case "forks" -> forks = p.getValueAsInt();
                case "measurementIterations" -> iterations = p.getValueAsInt();
                case "jvmArgs" -> readStrings(p, source, jvmArgs);
                case "params" -> readParams(p, source, params);
                case "primaryMetric" -> primary = readMetric(p, source, "primaryMetric");
                case "secondaryMetrics" -> {
                    expect(p, value, JsonToken.START_OBJECT, source, "secondaryMetrics");
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String metric = p.currentName();
                        p.nextToken();
                        secondary.put(metric, readMetric(p, source, "secondaryMetrics." + metric));
                    }
                }
                default -> p.skipChildren();
            }
        }
        String where = "result #" + (index + 1) + (benchmark == null ? "" : " (" + benchmark + ")");
        if (benchmark == null) {
            throw fail(p, source, where + " has no \"benchmark\" field");
        }
        if (primary == null) {
            throw fail(p, source, where + " has no \"primaryMetric\"");
        }
        return new JmhResult(benchmark, mode, new TreeMap<>(params), primary, secondary, jdk, vm, jvmArgs, forks, iterations);
    }

    private static void readStrings(JsonParser p, String source, List<String> out) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY, source, "jvmArgs");
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getValueAsString());
        }
    }

    private static void readParams(JsonParser p, String source, Map<String, String> out) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT, source, "params");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, p.getValueAsString());
        }
    }

    /**
     * Modes without {@code rawData} (sample and single-shot write histograms instead) fall back to the
     * score alone, so their "median" is JMH's own aggregate.
     */
    private static JmhMetric readMetric(JsonParser p, String source, String what) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT, source, what);
        double score = Double.NaN;
        String unit = null;
        double[] samples = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "score" -> score = number(p, source, what + ".score");
                case "scoreUnit" -> unit = p.getValueAsString();
                case "rawData" -> samples = readRawData(p, source, what + ".rawData");
                default -> p.skipChildren();
            }
        }
        if (unit == null) {
            throw fail(p, source, what + " has no \"scoreUnit\"");
        }
        return new JmhMetric(score, unit, samples == null ? new double[] {score} : samples);
    }

    /** {@code rawData} is one array per fork of one value per measurement iteration; forks are pooled. */
    private static double[] readRawData(JsonParser p, String source, String what) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY, source, what);
        List<Double> values = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                values.add(number(p, source, what));
            }
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw fail(p, source, what + " must be an array of per-fork arrays of numbers");
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static double number(JsonParser p, String source, String what) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            String text = p.getText();
            switch (text) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> throw fail(p, source, what + ": expected a number, found the string \"" + text + "\"");
            }
        }
        throw fail(p, source, what + ": expected a number, found " + t);
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken wanted, String source, String what) {
        if (actual != wanted) {
            throw fail(p, source, what + ": expected " + wanted + ", found " + actual);
        }
    }

    private static ReportInputException fail(JsonParser p, String source, String message) {
        JsonLocation at = p.currentLocation();
        return new ReportInputException(source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + message);
    }
}
