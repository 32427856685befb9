package dev.widescan.ingest;

import dev.widescan.format.EventRecord;
import dev.widescan.format.Field;
import java.util.Locale;

/**
 * Which events ingest keeps and how their source fields become an {@link EventRecord}
 * (docs/FORMAT.md "Ingest mapping"). The one copy of that mapping: the JSON reader ({@link JsonEvents})
 * and the EVTX reader ({@code ingest.evtx}) both fill {@link SourceFields} slots and call
 * {@link #normalize}, so a 4688 read from an .evtx file and the same event read from JSON give the same
 * record.
 *
 * <p>{@link #classify} is split out so the EVTX reader can decide from the {@code System} part of a
 * record whether its {@code EventData} is worth rendering at all.
 */
public final class ProcessCreation {
    private ProcessCreation() {
    }

    /** The slots {@link #classify} reads: a reader may classify early only when none is still to come. */
    public static boolean classifiesBy(int slot) {
        return slot == Field.EventID.ordinal() || slot == Field.Channel.ordinal() || slot == Field.Provider_Name.ordinal()
                || slot == SourceFields.SOURCE_NAME || slot == SourceFields.PROVIDER || slot == SourceFields.EVENT_SOURCE_NAME;
    }

    /** {@link Outcome#KEPT} for a process-creation event, else the reason it is skipped. */
    public static Outcome classify(SourceFields fields) {
        String eventId = fields.get(Field.EventID);
        if (eventId == null) {
            return Outcome.NO_EVENT_ID;
        }
        String id = eventId.strip();
        String provider = provider(fields);
        String channel = fields.get(Field.Channel);
        if (id.equals("1")) {
            if (!containsIgnoreCase(channel, "sysmon") && !containsIgnoreCase(provider, "sysmon")) {
                return Outcome.EVENT_1_NOT_SYSMON;
            }
            return Outcome.KEPT;
        } else if (id.equals("4688")) {
            if (!(channel != null && channel.strip().equalsIgnoreCase("security"))
                    && !containsIgnoreCase(provider, "security-auditing")) {
                return Outcome.EVENT_4688_NOT_SECURITY;
            }
            return Outcome.KEPT;
        }
        return Outcome.OTHER_EVENT_ID;
    }

    /**
     * Classifies {@code fields} and, for a kept event, writes the record into {@code into} (cleared first;
     * meaningful only for {@link Outcome#KEPT}).
     */
    public static Outcome normalize(SourceFields fields, EventRecord into) {
        into.clear();
        Outcome outcome = classify(fields);
        if (outcome != Outcome.KEPT) {
            return outcome;
        }
        boolean native4688 = fields.get(Field.EventID).strip().equals("4688")
                && (fields.get(SourceFields.NEW_PROCESS_NAME) != null || fields.get(SourceFields.NEW_PROCESS_ID) != null);
        for (Field f : Field.values()) {
            into.set(f, fields.get(f));
        }
        into.set(Field.Provider_Name, provider(fields));
        into.set(Field.Computer, fields.first(Field.Computer.ordinal(), SourceFields.HOSTNAME));
        into.set(Field.UtcTime, fields.first(Field.UtcTime.ordinal(), SourceFields.TIME_CREATED,
                SourceFields.TIME_GENERATED, SourceFields.AT_TIMESTAMP, SourceFields.EVENT_TIME));
        into.set(Field.EventRecordID, fields.first(Field.EventRecordID.ordinal(), SourceFields.RECORD_NUMBER));
        if (native4688) {
            SecurityAuditMapping.apply(fields, into);
        }
        return Outcome.KEPT;
    }

    private static String provider(SourceFields fields) {
        return fields.first(Field.Provider_Name.ordinal(), SourceFields.SOURCE_NAME, SourceFields.PROVIDER,
                SourceFields.EVENT_SOURCE_NAME);
    }

    private static boolean containsIgnoreCase(String s, String lowerNeedle) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }
}
