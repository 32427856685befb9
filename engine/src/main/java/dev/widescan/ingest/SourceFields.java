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
 */
final class SourceFields {
    static final int NEW_PROCESS_NAME = Field.count();
    static final int NEW_PROCESS_ID = NEW_PROCESS_NAME + 1;
    static final int PARENT_PROCESS_NAME = NEW_PROCESS_NAME + 2;
    static final int MANDATORY_LABEL = NEW_PROCESS_NAME + 3;
    static final int SUBJECT_USER_NAME = NEW_PROCESS_NAME + 4;
    static final int SUBJECT_DOMAIN_NAME = NEW_PROCESS_NAME + 5;
    static final int SUBJECT_LOGON_ID = NEW_PROCESS_NAME + 6;
    static final int TARGET_USER_NAME = NEW_PROCESS_NAME + 7;
    static final int TARGET_DOMAIN_NAME = NEW_PROCESS_NAME + 8;
    static final int TARGET_LOGON_ID = NEW_PROCESS_NAME + 9;
    static final int SOURCE_NAME = NEW_PROCESS_NAME + 10;
    static final int PROVIDER = NEW_PROCESS_NAME + 11;
    static final int EVENT_SOURCE_NAME = NEW_PROCESS_NAME + 12;
    static final int HOSTNAME = NEW_PROCESS_NAME + 13;
    static final int TIME_CREATED = NEW_PROCESS_NAME + 14;
    static final int TIME_GENERATED = NEW_PROCESS_NAME + 15;
    static final int AT_TIMESTAMP = NEW_PROCESS_NAME + 16;
    static final int EVENT_TIME = NEW_PROCESS_NAME + 17;
    static final int RECORD_NUMBER = NEW_PROCESS_NAME + 18;
    static final int SLOTS = NEW_PROCESS_NAME + 19;

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
    static int slotOf(String key) {
        Integer slot = SLOT_OF.get(key);
        return slot == null ? -1 : slot;
    }

    void clear() {
        Arrays.fill(values, null);
    }

    void set(int slot, String value) {
        values[slot] = value;
    }

    String get(int slot) {
        return values[slot];
    }

    String get(Field f) {
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
