package dev.widescan.ingest;

import dev.widescan.format.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The input fields of one JSON event that ingest reads, collected from whichever shape the event has
 * (flat, nested evtx_dump, Log Analytics) into fixed slots: the first {@link Field#count()} slots are
 * the {@link Field}s by ordinal, the rest are the source names the mapping needs (docs/FORMAT.md
 * "Ingest mapping"). Every other input field is dropped while parsing and never becomes a String.
 *
 * <p>Public because both readers fill it: JSON ({@link JsonEvents}) and EVTX ({@code ingest.evtx}); the
 * mapping from slots to a record is {@link ProcessCreation}, shared by both.
 */
public final class SourceFields {
    public static final int NEW_PROCESS_NAME = Field.count();
    public static final int NEW_PROCESS_ID = NEW_PROCESS_NAME + 1;
    public static final int PARENT_PROCESS_NAME = NEW_PROCESS_NAME + 2;
    public static final int MANDATORY_LABEL = NEW_PROCESS_NAME + 3;
    public static final int SUBJECT_USER_NAME = NEW_PROCESS_NAME + 4;
    public static final int SUBJECT_DOMAIN_NAME = NEW_PROCESS_NAME + 5;
    public static final int SUBJECT_LOGON_ID = NEW_PROCESS_NAME + 6;
    public static final int TARGET_USER_NAME = NEW_PROCESS_NAME + 7;
    public static final int TARGET_DOMAIN_NAME = NEW_PROCESS_NAME + 8;
    public static final int TARGET_LOGON_ID = NEW_PROCESS_NAME + 9;
    public static final int SOURCE_NAME = NEW_PROCESS_NAME + 10;
    public static final int PROVIDER = NEW_PROCESS_NAME + 11;
    public static final int EVENT_SOURCE_NAME = NEW_PROCESS_NAME + 12;
    public static final int HOSTNAME = NEW_PROCESS_NAME + 13;
    public static final int TIME_CREATED = NEW_PROCESS_NAME + 14;
    public static final int TIME_GENERATED = NEW_PROCESS_NAME + 15;
    public static final int AT_TIMESTAMP = NEW_PROCESS_NAME + 16;
    public static final int EVENT_TIME = NEW_PROCESS_NAME + 17;
    public static final int RECORD_NUMBER = NEW_PROCESS_NAME + 18;
    public static final int SLOTS = NEW_PROCESS_NAME + 19;

    private static final Map<String, Integer> SLOT_OF = new HashMap<>();

    static {
        for (Field f : Field.values()) {
            SLOT_OF.put(f.name(), f.ordinal());
        }
        String[] extra = {"NewProcessName", "NewProcessId", "ParentProcessName", "MandatoryLabel", "SubjectUserName",
            "SubjectDomainName", "SubjectLogonId", "TargetUserName", "TargetDomainName", "TargetLogonId", "SourceName",
            "Provider", "EventSourceName", "Hostname", "TimeCreated", "TimeGenerated", "@timestamp", "EventTime",
            "RecordNumber"};
        for (int i = 0; i < extra.length; i++) {
            SLOT_OF.put(extra[i], NEW_PROCESS_NAME + i);
        }
    }

    private final String[] values = new String[SLOTS];

    /** The slot of an input key, or -1 when ingest drops that key. */
    public static int slotOf(String key) {
        Integer slot = SLOT_OF.get(key);
        return slot == null ? -1 : slot;
    }

    public void clear() {
        Arrays.fill(values, null);
    }

    public void set(int slot, String value) {
        values[slot] = value;
    }

    public String get(int slot) {
        return values[slot];
    }

    public String get(Field f) {
        return values[f.ordinal()];
    }

    /** The first non-null of the given slots, or null. */
    String first(int... slots) {
        for (int s : slots) {
            if (values[s] != null) {
                return values[s];
            }
        }
        return null;
    }
}
