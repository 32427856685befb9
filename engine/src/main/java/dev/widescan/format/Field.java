package dev.widescan.format;

/**
 * The event schema (format v1 and v2): every field is stored as one UTF-16LE string column per block.
 *
 * <p>Numbers (EventID, process ids, record ids) are kept as their decimal text because Sigma compares
 * numbers as text; the time is kept as the source's text (ISO-like {@code UtcTime}). Names are the
 * Sysmon-style names that Sigma process_creation rules use. The ordinal is the column's position in the
 * file's schema table; never reorder, only append (and bump the schema version in docs/FORMAT.md).
 */
public enum Field {
    CommandLine,
    Image,
    ParentImage,
    ParentCommandLine,
    OriginalFileName,
    Description,
    Product,
    Company,
    Hashes,
    IntegrityLevel,
    User,
    ParentUser,
    CurrentDirectory,
    LogonId,
    LogonGuid,
    FileVersion,
    ProcessId,
    ParentProcessId,
    ProcessGuid,
    ParentProcessGuid,
    TerminalSessionId,
    EventID,
    Channel,
    Provider_Name,
    Computer,
    UtcTime,
    EventRecordID;

    private static final Field[] VALUES = values();

    public static int count() {
        return VALUES.length;
    }

    public static Field ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** The field with this exact name, or null: lookup for rule compilation and ingest (not a hot path). */
    public static Field byName(String name) {
        for (Field f : VALUES) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
