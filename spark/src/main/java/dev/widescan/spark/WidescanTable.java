package dev.widescan.spark;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The event files of one {@code load(...)} as a read-only batch table (events, or detections with rules). */
final class WidescanTable implements SupportsRead {
    private final StructType schema;
    private final ScanSettings settings;

    WidescanTable(StructType schema, ScanSettings settings) {
        this.schema = schema;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "widescan" + (settings.detections() ? " detections " : " events ") + settings.paths();
    }

    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
        return schema;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        return new WidescanScanBuilder(schema, settings);
    }
}
