package dev.widescan.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON array of strings that Spark's {@code DataFrameReader.load(paths...)} puts in the "paths" option. */
final class JsonStrings {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonStrings() {
    }

    static List<String> parseArray(String json) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("option paths must be a JSON array of strings, got " + json);
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_STRING) {
                    throw new IllegalArgumentException("option paths must be a JSON array of strings, got " + json);
                }
                out.add(p.getText());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("option paths is not valid JSON: " + json, e);
        }
        return out;
    }
}
