package dev.widescan.spark;

import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.StructType;

/**
 * Column pruning: Spark tells which columns the query reads, and only those are read from the blocks
 * (and CRC-checked). Columns of an event file are separate byte ranges of each block, so an unread
 * column's pages are never touched; a {@code count()} reads no column at all.
 */
final class WidescanScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns {
    private StructType required;
    private final ScanSettings settings;

    WidescanScanBuilder(StructType schema, ScanSettings settings) {
        this.required = schema;
        this.settings = settings;
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        this.required = requiredSchema;
    }

    @Override
    public Scan build() {
        return new WidescanScan(required, settings);
    }
}
