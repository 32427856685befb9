package dev.widescan.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.widescan.format.Field;
import dev.widescan.match.Literal;
import dev.widescan.match.LiteralSet;
import dev.widescan.match.Matcher;
import dev.widescan.match.MatcherFactory;
import dev.widescan.sigma.CompiledRuleSet;
import dev.widescan.sigma.FieldLiterals;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tuning profile ({@code widescan tune -o}, {@code widescan scan --profile}): for each field slot of one
 * compiled rule set, the matcher strategy (and its exposed parameters) to use instead of {@code auto}'s.
 *
 * <p>Why a fingerprint per slot: a strategy measured fastest on one literal set says nothing about another,
 * and literal ids are positions in the set, so a profile is only valid for the exact literal sets it was
 * tuned on. Each slot records its field and a SHA-256 of its literals (text, kind, case) taken as a set, in
 * no particular order: the same rules named in another order ({@code -r b -r a}) number the same literals
 * differently, and the matcher is built from the scan's own literal set, so only the set decides whether the
 * measured choice applies. A scan whose compiled rules differ in any slot is refused with the first difference
 * named, never silently run with a stale choice. Strategies all report the same hits, so a profile changes
 * speed, never detections.
 */
public final class StrategyProfile {
    public static final String FORMAT = "widescan-tune-profile";
    public static final int VERSION = 1;

    /** One field slot: where it is, what it held when tuned, and the strategy chosen. */
    public record Entry(Field field, int literals, String fingerprint, String strategy, Map<String, String> parameters) {
        public Entry {
            parameters = Map.copyOf(parameters);
        }

        /** {@code strategy} plus its parameters, e.g. {@code teddy(vectorBits=256)}. */
        public String label() {
            return StrategyProfile.label(strategy, parameters);
        }
    }

    private final Path source;
    private final List<Entry> entries;
    private final Map<String, String> machine;

    public StrategyProfile(Path source, List<Entry> entries, Map<String, String> machine) {
        this.source = source;
        this.entries = List.copyOf(entries);
        this.machine = Map.copyOf(machine);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Where the tuning ran (CPU, vector width, JDK), as recorded; empty when the file has none. */
    public Map<String, String> machine() {
        return machine;
    }

    public Path source() {
        return source;
    }

    public static String label(String strategy, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return strategy;
        }
        StringBuilder sb = new StringBuilder(strategy).append('(');
        parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ",").append(e.getKey()).append('=').append(e.getValue()));
        return sb.append(')').toString();
    }

    /**
     * SHA-256 (first 16 bytes, hex) of a literal set: each literal's kind, case flag and text, the literals
     * sorted so that the id order (which follows the order the rules were given in) does not count.
     */
    public static String fingerprint(LiteralSet literals) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
        List<byte[]> encoded = new ArrayList<>(literals.size());
        for (Literal l : literals.literals()) {
            byte[] head = (l.kind().name() + (l.caseSensitive() ? ":cased:" : ":folded:") + l.text().length() + ":")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] text = l.text().getBytes(StandardCharsets.UTF_16LE);
            byte[] one = Arrays.copyOf(head, head.length + text.length);
            System.arraycopy(text, 0, one, head.length, text.length);
            encoded.add(one);
        }
        encoded.sort(Arrays::compareUnsigned);
        for (byte[] one : encoded) {
            sha.update(one);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /**
     * Refuses a profile tuned for other rules: the slots must be the same fields with the same literal sets,
     * in the same order. The message names the profile, the first differing slot and what to do.
     */
    public void checkFits(CompiledRuleSet rules) {
        List<FieldLiterals> slots = rules.fieldLiterals();
        String redo = "; run 'widescan tune' again with these rules to make a profile for them";
        if (slots.size() != entries.size()) {
            throw new ProfileMismatchException("profile " + source + " was tuned for other rules: it has " + entries.size()
                    + " field slot(s), these rules need " + slots.size() + " (" + describe(slots) + ")" + redo);
        }
        for (int i = 0; i < slots.size(); i++) {
            FieldLiterals fl = slots.get(i);
            Entry e = entries.get(i);
            String fp = fingerprint(fl.literals());
            if (e.field() != fl.field() || !e.fingerprint().equals(fp)) {
                throw new ProfileMismatchException("profile " + source + " was tuned for other rules: slot " + i + " is "
                        + e.field() + " with " + e.literals() + " literals (fingerprint " + e.fingerprint() + ") in the profile, "
                        + fl.field() + " with " + fl.literals().size() + " literals (fingerprint " + fp + ") in these rules" + redo);
            }
        }
    }

    /** The matcher of slot {@code slot} (call {@link #checkFits} first). */
    public Matcher matcher(int slot, LiteralSet literals) {
        Entry e = entries.get(slot);
        try {
            return MatcherFactory.create(e.strategy(), e.parameters(), literals);
        } catch (IllegalArgumentException ex) {
            throw new ProfileMismatchException("profile " + source + ", field " + e.field() + ": " + ex.getMessage(), ex);
        }
    }

    private static String describe(List<FieldLiterals> slots) {
        StringBuilder sb = new StringBuilder();
        for (FieldLiterals fl : slots) {
            sb.append(sb.isEmpty() ? "" : ", ").append(fl.field()).append(' ').append(fl.literals().size());
        }
        return sb.toString();
    }

    /** A profile that cannot be used with these rules, or a malformed profile file (a usage error, exit 2). */
    public static final class ProfileMismatchException extends IllegalArgumentException {
        public ProfileMismatchException(String message) {
            super(message);
        }

        public ProfileMismatchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Writes the profile as pretty JSON. */
    public void write(Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeObjectFieldStart("machine");
            for (Map.Entry<String, String> m : machine.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                g.writeStringField(m.getKey(), m.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("fields");
            for (Entry e : entries) {
                g.writeStartObject();
                g.writeStringField("field", e.field().name());
                g.writeNumberField("literals", e.literals());
                g.writeStringField("fingerprint", e.fingerprint());
                g.writeStringField("strategy", e.strategy());
                g.writeObjectFieldStart("parameters");
                for (Map.Entry<String, String> p : e.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                    g.writeStringField(p.getKey(), p.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write(System.lineSeparator());
    }

    public void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(w);
        }
    }

    /** Far above any profile (a few hundred bytes per field slot; the whole SigmaHQ catalog's well under 1 MiB). */
    static final int MAX_BYTES = 16 << 20;

    /**
     * Reads a profile file; a missing or malformed file is a {@link ProfileMismatchException} naming the
     * file and the place (line) of the problem.
     */
    public static StrategyProfile read(Path file) {
        String text;
        try {
            // bounded: a profile named by mistake (/dev/zero, a big archive, a FIFO that never ends) must not
            // be read into memory whole; a FIFO such as --profile <(...) still works
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new ProfileMismatchException("profile " + file + ": more than " + (MAX_BYTES >> 20) + " MiB: not a widescan tune"
                        + " profile ('widescan tune -o' writes profiles of a few KB)");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new ProfileMismatchException("profile " + file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ProfileMismatchException("profile " + file + ": not a widescan tune profile (not UTF-8 text; 'widescan tune -o' writes"
                    + " profiles)", e);
        } catch (IOException e) {
            throw new ProfileMismatchException("profile " + file + ": cannot read: " + e.getMessage(), e);
        }
        try (JsonParser p = new JsonFactory().createParser(text)) {
            return parse(p, file);
        } catch (JsonProcessingException e) {
            // a limit of the parser (nesting, lengths) may come without a location
            throw new ProfileMismatchException("profile " + file + ": not valid JSON" + (e.getLocation() == null ? "" : " at line "
                    + e.getLocation().getLineNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ProfileMismatchException("profile " + file + ": " + e.getMessage(), e);
        }
    }

    private static StrategyProfile parse(JsonParser p, Path file) throws IOException {
        expect(p, p.nextToken() == JsonToken.START_OBJECT, file, "a JSON object");
        String format = null;
        int version = -1;
        Map<String, String> machine = new LinkedHashMap<>();
        List<Entry> entries = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "format" -> format = p.getValueAsString();
                case "version" -> version = p.getValueAsInt(-1);
                case "machine" -> readStrings(p, file, "machine", machine);
                case "fields" -> entries = readEntries(p, file);
                default -> p.skipChildren();
            }
        }
        expect(p, FORMAT.equals(format), file, "\"format\": \"" + FORMAT + "\" (this is not a widescan tune profile)");
        expect(p, version == VERSION, file, "\"version\": " + VERSION + " (got " + version + ")");
        expect(p, entries != null, file, "a \"fields\" array");
        return new StrategyProfile(file, entries, machine);
    }

    private static List<Entry> readEntries(JsonParser p, Path file) throws IOException {
        expect(p, p.currentToken() == JsonToken.START_ARRAY, file, "\"fields\" to be an array");
        List<Entry> entries = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String field = null;
            String fingerprint = null;
            String strategy = null;
            int literals = -1;
            Map<String, String> parameters = new LinkedHashMap<>();
            int line = p.currentLocation().getLineNr();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "field" -> field = p.getValueAsString();
                    case "fingerprint" -> fingerprint = p.getValueAsString();
                    case "strategy" -> strategy = p.getValueAsString();
                    case "literals" -> literals = p.getValueAsInt(-1);
                    case "parameters" -> readStrings(p, file, "parameters", parameters);
                    default -> p.skipChildren();
                }
            }
            String where = "profile " + file + ", fields entry at line " + line + ": ";
            if (field == null || fingerprint == null || strategy == null) {
                throw new ProfileMismatchException(where + "needs \"field\", \"fingerprint\" and \"strategy\"");
            }
            Field f;
            try {
                f = Field.valueOf(field);
            } catch (IllegalArgumentException e) {
                throw new ProfileMismatchException(where + "unknown field '" + field + "'");
            }
            entries.add(new Entry(f, literals, fingerprint, strategy, parameters));
        }
        expect(p, p.currentToken() == JsonToken.END_ARRAY, file, "only objects in \"fields\"");
        return entries;
    }

    private static void readStrings(JsonParser p, Path file, String what, Map<String, String> into) throws IOException {
        expect(p, p.currentToken() == JsonToken.START_OBJECT, file, "\"" + what + "\" to be an object");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            expect(p, v != null && v.isScalarValue(), file, "\"" + what + "." + key + "\" to be a string or number");
            into.put(key, p.getValueAsString());
        }
    }

    private static void expect(JsonParser p, boolean ok, Path file, String what) {
        if (!ok) {
            throw new ProfileMismatchException("profile " + file + ": expected " + what + " (near line "
                    + p.currentLocation().getLineNr() + ")");
        }
    }
}
