package dev.widescan.ingest;

import com.fasterxml.jackson.core.JsonEncoding;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link EventRecord}s as JSON Lines: one object per record, Sysmon-style {@link Field} names in
 * field order, absent fields omitted, empty ones written as {@code ""}.
 *
 * <p>Why every surrogate code unit is escaped: stored values are arbitrary UTF-16 (unpaired surrogates
 * included), which UTF-8 cannot encode. JSON strings are code-unit sequences and allow a backslash-u escape
 * for any unit (RFC 8259 section 7), so escaping each surrogate, paired or not, is the one rule that
 * lets {@code dump} output be re-ingested into exactly the same values. Everything else is plain UTF-8;
 * control characters (NUL included) get Jackson's standard escapes.
 */
public final class EventJson implements Closeable {
    private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(SurrogateEscapes.INSTANCE);

    private final JsonGenerator generator;
    private final OutputStream out;

    /** A writer of JSON lines to {@code out} (not closed by {@link #close()}: callers own their stream). */
    public EventJson(OutputStream out) throws IOException {
        this.out = out;
        // No root separator: Jackson's default (a space before every root value after the first) would start
        // every line but the first with a blank.
        this.generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .setRootValueSeparator(null);
    }

    /** Writes one record as one line ending in {@code \n}. */
    public void write(EventRecord r) throws IOException {
        writeObject(generator, r);
        generator.writeRaw('\n');
    }

    /**
     * The JSON factory with this class's escapes, for writers that embed events in larger objects (scan
     * output) and must escape exactly as dump does.
     */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /** Writes {@code r} as one JSON object (present fields in schema order) to a generator of {@link #factory()}. */
    public static void writeObject(JsonGenerator g, EventRecord r) throws IOException {
        g.writeStartObject();
        for (Field f : Field.values()) {
            String v = r.get(f);
            if (v != null) {
                g.writeStringField(f.name(), v);
            }
        }
        g.writeEndObject();
    }

    public void flush() throws IOException {
        generator.flush();
        out.flush();
    }

    /** Flushes; leaves the underlying stream open. */
    @Override
    public void close() throws IOException {
        generator.close();
        out.flush();
    }

    /** One record as a JSON line without the trailing newline (tests and messages). */
    public static String toJson(EventRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EventJson json = new EventJson(bytes)) {
            json.write(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String line = bytes.toString(StandardCharsets.UTF_8);
        return line.substring(0, line.length() - 1);
    }

    /**
     * Standard JSON escapes for ASCII, plus a backslash-u-hex escape for every UTF-16 surrogate unit. The
     * surrogate escapes are made on first use: building all 2,048 up front with {@code String.format} took
     * ~11 ms of every cold scan's start (class-load timestamps), for text that rarely holds a surrogate.
     * The cache is filled racily on purpose: a {@link SerializedString} is immutable (final value), so a
     * thread sees either null (and makes its own, equal one) or a complete object.
     */
    private static final class SurrogateEscapes extends CharacterEscapes {
        static final SurrogateEscapes INSTANCE = new SurrogateEscapes();
        private static final long serialVersionUID = 1L;
        private static final char[] HEX = "0123456789abcdef".toCharArray();
        private final int[] ascii = standardAsciiEscapesForJSON();
        private final SerializedString[] surrogates = new SerializedString[0xE000 - 0xD800];

        private SurrogateEscapes() {
        }

        private static SerializedString escape(int c) {
            return new SerializedString(new String(new char[] {'\\', 'u', HEX[c >>> 12], HEX[(c >>> 8) & 15],
                    HEX[(c >>> 4) & 15], HEX[c & 15]}));
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0xD800 || ch >= 0xE000) {
                return null;
            }
            SerializedString escaped = surrogates[ch - 0xD800];
            if (escaped == null) {
                escaped = escape(ch);
                surrogates[ch - 0xD800] = escaped;
            }
            return escaped;
        }
    }
}
