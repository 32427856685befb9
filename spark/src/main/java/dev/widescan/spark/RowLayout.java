package dev.widescan.spark;

import dev.widescan.format.Field;
import java.io.Serial;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What each column of the (pruned) output schema is made of: a metadata column (rule, file, record) or
 * an event field. Computed once per task so that filling a row is an array walk.
 */
final class RowLayout implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final int RULE_ID = -1;
    static final int RULE_TITLE = -2;
    static final int LEVEL = -3;
    static final int FILE = -4;
    static final int RECORD = -5;
    static final int RULE_AUTHOR = -6;
    static final int RULE_LICENSE = -7;

    /** Per output column: a Field ordinal (>= 0) or one of the negative codes above. */
    final int[] source;

    RowLayout(StructType schema) {
        StructField[] fs = schema.fields();
        source = new int[fs.length];
        for (int i = 0; i < fs.length; i++) {
            String n = fs[i].name();
            source[i] = switch (n) {
                case Schemas.RULE_ID -> RULE_ID;
                case Schemas.RULE_TITLE -> RULE_TITLE;
                case Schemas.RULE_AUTHOR -> RULE_AUTHOR;
                case Schemas.RULE_LICENSE -> RULE_LICENSE;
                case Schemas.LEVEL -> LEVEL;
                case Schemas.FILE -> FILE;
                case Schemas.RECORD -> RECORD;
                default -> {
                    Field f = Field.byName(n);
                    if (f == null) {
                        throw new IllegalArgumentException("widescan: no column " + n + " in the event schema");
                    }
                    yield f.ordinal();
                }
            };
        }
    }

    /** The event fields the rows need (the columns to read and check). */
    Set<Field> fields() {
        Set<Field> out = EnumSet.noneOf(Field.class);
        for (int s : source) {
            if (s >= 0) {
                out.add(Field.ofOrdinal(s));
            }
        }
        return out;
    }
}
