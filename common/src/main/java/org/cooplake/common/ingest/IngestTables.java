package org.cooplake.common.ingest;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.model.Feed;

/** Creates the tables ingest writes, so they exist (empty) from the first run on. */
public final class IngestTables {
  private IngestTables() {}

  public static String bronzeTable(CooplakeConfig config, Feed feed) {
    return config.table(Layer.BRONZE, feed.dirName());
  }

  public static void ensure(SparkSession spark, CooplakeConfig config) {
    for (Feed feed : Feed.values()) {
      create(spark, bronzeTable(config, feed), BronzeTransforms.schema(feed),
          "Raw " + feed.dirName() + " rows exactly as delivered (strings), with lineage; append-only.");
    }
    create(spark, config.table(Layer.OPS, IngestManifest.TABLE), IngestManifest.SCHEMA,
        "Every landing file version seen by ingest: INGESTED (with row count) or REJECTED (with reason).");
    spark.sql("CREATE VIEW IF NOT EXISTS " + config.table(Layer.OPS, IngestManifest.REJECTED_VIEW)
        + " COMMENT 'Landing files rejected as a whole, with the reason' AS SELECT file, feed, batch, format,"
        + " reason_code, reason, run_id, ingested_at FROM " + config.table(Layer.OPS, IngestManifest.TABLE)
        + " WHERE status = '" + IngestManifest.REJECTED + "'");
  }

  static void create(SparkSession spark, String table, StructType schema, String comment) {
    spark.sql("CREATE TABLE IF NOT EXISTS " + table + " (" + schema.toDDL() + ") USING delta COMMENT '"
        + comment.replace("'", "\\'") + "'");
  }
}
