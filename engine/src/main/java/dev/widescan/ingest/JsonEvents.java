package dev.widescan.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one JSON event, in any of the shapes of docs/FORMAT.md "Ingest mapping", into an
 * {@link EventRecord}, or says why it is skipped.
 *
 * <p>Design: one streaming pass over the event's tokens ({@link #read}) drops every key ingest does not
 * use and files the rest into {@link SourceFields} slots, wherever they sit (top level,
 * {@code Event.System}, {@code Event.EventData}, or inside a Log Analytics {@code EventData} string).
 * Classification and the Sysmon/4688 mapping then work on slots only, so they do not care about the
 * shape. No tree model: jackson-core streaming only, one reusable instance per ingest thread.
 */
public final class JsonEvents {
    /** Shared by every parser ingest makes: no limit on value length beyond the JSON text itself. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE / 2)
                    .maxNestingDepth(IngestLimits.MAX_NESTING_DEPTH).maxNameLength(IngestLimits.MAX_KEY_CHARS).build())
            .build();

    private final SourceFields fields = new SourceFields();

    /**
     * Reads the object at the parser's current {@code START_OBJECT} token (consuming it up to its
     * {@code END_OBJECT}) and normalizes it into {@code into} when it is a process-creation event.
     * {@code into} is cleared first; its contents are meaningful only for {@link Outcome#KEPT}.
     *
     * @throws StreamReadException malformed JSON, including a Log Analytics {@code EventData} string
     *         that is not a JSON object
     */
    public Outcome read(JsonParser p, EventRecord into) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "expected a JSON object, found " + p.currentToken());
        }
        fields.clear();
        collectTopLevel(p);
        return normalize(into);
    }

    private void collectTopLevel(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT && key.equals("Event")) {
                collectEvent(p);
            } else if (key.equals("EventData")) {
                collectEventData(p, t);
            } else {
                collectValue(p, t, SourceFields.slotOf(key));
            }
        }
    }

    /** evtx_dump's {@code Event}: {@code System} and {@code EventData} objects. */
    private void collectEvent(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT && key.equals("System")) {
                collectSystem(p);
            } else if (key.equals("EventData")) {
                collectEventData(p, t);
            } else {
                p.skipChildren();
            }
        }
    }

    private void collectSystem(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            switch (key) {
                case "Provider" -> collectAttribute(p, t, "Name", Field.Provider_Name.ordinal());
                case "TimeCreated" -> collectAttribute(p, t, "SystemTime", SourceFields.TIME_CREATED);
                case "EventID", "Channel", "Computer", "EventRecordID" -> collectValue(p, t, SourceFields.slotOf(key));
                default -> p.skipChildren();
            }
        }
    }

    /** {@code {"#attributes": {name: value}}}: evtx_dump's rendering of XML attributes. */
    private void collectAttribute(JsonParser p, JsonToken t, String name, int slot) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            collectValue(p, t, slot);
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT && key.equals("#attributes")) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String attr = p.currentName();
                    collectValue(p, p.nextToken(), attr.equals(name) ? slot : -1);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private void collectEventData(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                collectValue(p, p.nextToken(), SourceFields.slotOf(key));
            }
        } else if (t == JsonToken.VALUE_STRING) {
            // Log Analytics WindowsEvent: the fields are a JSON object serialized into a string.
            try (JsonParser inner = FACTORY.createParser(p.getText())) {
                if (inner.nextToken() != JsonToken.START_OBJECT) {
                    throw new JsonParseException(p, "EventData string does not hold a JSON object");
                }
                collectEventData(inner, JsonToken.START_OBJECT);
                if (inner.nextToken() != null) {
                    throw new JsonParseException(p, "EventData string has content after its JSON object");
                }
            } catch (StreamReadException e) {
                if (e.getProcessor() == p) {
                    throw e;
                }
                throw new JsonParseException(p, "EventData string is not valid JSON: " + e.getOriginalMessage(), e);
            }
        } else {
            p.skipChildren();
        }
    }

    /**
     * Stores the value at token {@code t} into {@code slot} (or skips it when {@code slot < 0}): strings
     * as is, numbers and booleans as their literal text, null as absent, an object by its {@code #text}.
     */
    private void collectValue(JsonParser p, JsonToken t, int slot) throws IOException {
        if (slot < 0) {
            p.skipChildren();
            return;
        }
        switch (t) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> fields.set(slot, p.getText());
            case START_OBJECT -> {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    if (key.equals("#text") && v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                        fields.set(slot, p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
            }
            default -> p.skipChildren();
        }
    }

    private Outcome normalize(EventRecord into) {
        return ProcessCreation.normalize(fields, into);
    }

    /**
     * Every kept event of a JSON Lines file or of a file holding one (pretty-printed) JSON object, or
     * several objects one after another: for tests and tools (the Sigma regression {@code .json} files).
     * Non-process-creation events are left out. Malformed JSON throws {@link JsonInputException} naming
     * the file and line.
     */
    public static List<EventRecord> parseAll(Path jsonOrJsonl) throws IOException {
        List<EventRecord> out = new ArrayList<>();
        JsonEvents events = new JsonEvents();
        EventRecord record = new EventRecord();
        try (InputStream in = Files.newInputStream(jsonOrJsonl); JsonParser p = FACTORY.createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_OBJECT) {
                    throw new JsonInputException(jsonOrJsonl + ":" + p.currentLocation().getLineNr()
                            + ": expected a JSON object, found " + t);
                }
                if (events.read(p, record) == Outcome.KEPT) {
                    out.add(record.copy());
                }
            }
        } catch (StreamReadException e) {
            throw new JsonInputException(jsonOrJsonl + ":" + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
        return out;
    }
}
