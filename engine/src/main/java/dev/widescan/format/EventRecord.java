package dev.widescan.format;

import java.util.Arrays;

/**
 * One event as Java strings, indexed by {@link Field}: what ingest produces, what the writer appends,
 * what dump and the reference evaluator read. {@code null} = the field is absent; {@code ""} = present
 * and empty. Mutable and reusable ({@link #clear()}) so streaming ingest and generation need one instance.
 *
 * <p>Not used on the scan path: scans read {@link Utf16Column} views of mapped blocks instead.
 */
public final class EventRecord {
    private final String[] values = new String[Field.count()];

    public String get(Field f) {
        return values[f.ordinal()];
    }

    public EventRecord set(Field f, String value) {
        values[f.ordinal()] = value;
        return this;
    }

    public boolean has(Field f) {
        return values[f.ordinal()] != null;
    }

    public EventRecord clear() {
        Arrays.fill(values, null);
        return this;
    }

    public EventRecord copyFrom(EventRecord other) {
        System.arraycopy(other.values, 0, values, 0, values.length);
        return this;
    }

    public EventRecord copy() {
        return new EventRecord().copyFrom(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventRecord r && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("EventRecord{");
        for (Field f : Field.values()) {
            String v = values[f.ordinal()];
            if (v != null) {
                if (sb.length() > 12) {
                    sb.append(", ");
                }
                sb.append(f.name()).append('=').append(v.length() > 80 ? v.substring(0, 77) + "..." : v);
            }
        }
        return sb.append('}').toString();
    }
}
