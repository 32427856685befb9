package dev.widescan.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an option holding a JSON array of strings: "paths", which Spark's {@code DataFrameReader.load(paths...)}
 * fills, and "placeholders".
 */
final class JsonStrings {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonStrings() {
    }

    /** {@code values} as a JSON array of strings (for an option {@link #parseArray} reads back). */
    static String array(List<String> values) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    static List<String> parseArray(String json) {
        return parseArray(json, "paths");
    }

    static List<String> parseArray(String json, String option) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("option " + option + " must be a JSON array of strings, got " + json);
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_STRING) {
                    throw new IllegalArgumentException("option " + option + " must be a JSON array of strings, got " + json);
                }
                out.add(p.getText());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("option " + option + " is not valid JSON: " + json, e);
        }
        return out;
    }
}
