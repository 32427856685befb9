package dev.widescan.spark;

import dev.widescan.format.Field;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The two row shapes of the data source. Events: every schema field ({@link Field}, in schema order) as
 * a nullable string (null = absent, "" = present and empty, as in the event file), then {@code file} and
 * {@code record} (0-based index in that file). Detections: {@code rule_id}, {@code rule_title},
 * {@code rule_author}, {@code rule_license} (null unless the rule states one), {@code level}, {@code file},
 * {@code record} (the CLI's fields) and then the detected event's fields.
 */
public final class Schemas {
    public static final String FILE = "file";
    public static final String RECORD = "record";
    public static final String RULE_ID = "rule_id";
    public static final String RULE_TITLE = "rule_title";
    /** The Detection Rule License 1.1 of SigmaHQ's rules asks for the author beside every match shown. */
    public static final String RULE_AUTHOR = "rule_author";
    public static final String RULE_LICENSE = "rule_license";
    public static final String LEVEL = "level";

    private Schemas() {
    }

    public static StructType events() {
        StructType s = fields(new StructType());
        return s.add(FILE, DataTypes.StringType, false).add(RECORD, DataTypes.LongType, false);
    }

    public static StructType detections() {
        StructType s = new StructType()
                .add(RULE_ID, DataTypes.StringType, true)
                .add(RULE_TITLE, DataTypes.StringType, true)
                .add(RULE_AUTHOR, DataTypes.StringType, true)
                .add(RULE_LICENSE, DataTypes.StringType, true)
                .add(LEVEL, DataTypes.StringType, true)
                .add(FILE, DataTypes.StringType, false)
                .add(RECORD, DataTypes.LongType, false);
        return fields(s);
    }

    private static StructType fields(StructType s) {
        StructType out = s;
        for (Field f : Field.values()) {
            out = out.add(new StructField(f.name(), DataTypes.StringType, true, org.apache.spark.sql.types.Metadata.empty()));
        }
        return out;
    }
}
