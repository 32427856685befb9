package dev.widescan.spark;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read.format("widescan").load(paths)}: the events of widescan event files; with
 * {@code .option("rules", RULES)} the detections of those rules instead (see {@link ScanSettings} for
 * every option). Registered under the short name "widescan" through
 * {@code META-INF/services/org.apache.spark.sql.sources.DataSourceRegister}.
 */
public final class WidescanDataSource implements TableProvider, DataSourceRegister {
    public static final String SHORT_NAME = "widescan";

    public WidescanDataSource() {
        JavaVersionCheck.require();
    }

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return ScanSettings.from(options).detections() ? Schemas.detections() : Schemas.events();
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new WidescanTable(schema, ScanSettings.from(properties));
    }
}
