package org.cooplake.common.ingest;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.io.Inspection;
import org.cooplake.common.io.LandingFile;

/**
 * {@code ops.ingest_manifest}: one row per landing file version ever seen (path, size, SHA-256,
 * INGESTED or REJECTED with a reason). It makes ingest exactly-once per file.
 */
public final class IngestManifest {
  public static final String TABLE = "ingest_manifest";
  public static final String REJECTED_VIEW = "rejected_files";
  public static final String INGESTED = "INGESTED";
  public static final String REJECTED = "REJECTED";
  /** A file already ingested has changed in place; corrections must arrive as new files. */
  public static final String FILE_CHANGED_AFTER_INGEST = "FILE_CHANGED_AFTER_INGEST";

  public static final StructType SCHEMA = new StructType()
      .add("file", DataTypes.StringType, false)
      .add("feed", DataTypes.StringType, false)
      .add("batch", DataTypes.StringType, false)
      .add("format", DataTypes.StringType, true)
      .add("encoding", DataTypes.StringType, true)
      .add("size_bytes", DataTypes.LongType, false)
      .add("modified_at", DataTypes.TimestampType, false)
      .add("sha256", DataTypes.StringType, true)
      .add("status", DataTypes.StringType, false)
      .add("reason_code", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, true)
      .add("rows", DataTypes.LongType, true)
      .add("run_id", DataTypes.StringType, false)
      .add("ingested_at", DataTypes.TimestampType, false);

  /** A version of a file already recorded. */
  public record Seen(long sizeBytes, long modifiedMillis, String sha256) {}

  private final Map<String, List<Seen>> seen;

  private IngestManifest(Map<String, List<Seen>> seen) {
    this.seen = seen;
  }

  /** Loads what the manifest knows: one small row per file version, never data rows. */
  public static IngestManifest load(SparkSession spark, CooplakeConfig config) {
    Map<String, List<Seen>> m = new HashMap<>();
    for (Row r : spark.table(config.table(Layer.OPS, TABLE))
        .select(col("file"), col("size_bytes"), col("modified_at"), col("sha256")).collectAsList()) {
      m.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
          .add(new Seen(r.getLong(1), r.getTimestamp(2).getTime(), r.getString(3)));
    }
    return new IngestManifest(m);
  }

  /** Same path, size and modification time as a recorded version: nothing new to read or hash. */
  public boolean unchanged(LandingFile f) {
    return seen.getOrDefault(f.relativePath(), List.of()).stream()
        .anyMatch(s -> s.sizeBytes() == f.sizeBytes() && s.modifiedMillis() == f.modifiedMillis());
  }

  /** Recorded with this content already (e.g. the file was touched or copied back unchanged). */
  public boolean knownContent(LandingFile f, String sha256) {
    return seen.getOrDefault(f.relativePath(), List.of()).stream().anyMatch(s -> sha256 != null && sha256.equals(s.sha256()));
  }

  /** The path was ingested before with other content. */
  public boolean knownPath(LandingFile f) {
    return seen.containsKey(f.relativePath());
  }

  public static void append(SparkSession spark, CooplakeConfig config, List<Row> rows) {
    if (rows.isEmpty()) return;
    spark.createDataFrame(rows, SCHEMA).coalesce(1).write().format("delta").mode(SaveMode.Append)
        .saveAsTable(config.table(Layer.OPS, TABLE));
  }

  public static Row row(Inspection i, String status, Long rows, String runId, Timestamp at) {
    LandingFile f = i.file();
    return RowFactory.create(f.relativePath(), f.feed().dirName(), f.batch(), f.format(), i.encoding(), f.sizeBytes(),
        new Timestamp(f.modifiedMillis()), i.sha256(), status, i.rejectCode(), i.rejectReason(), rows, runId, at);
  }
}
