package org.cooplake.common.run;

import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;

/**
 * {@code ops.runs}: one row per pipeline run — written as RUNNING when it starts and completed when
 * it ends, so a run killed on the way stays visible (the next run marks it ABANDONED).
 */
public final class RunLog {
  public static final String TABLE = "runs";
  public static final String RUNNING = "RUNNING";
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";
  public static final String ABANDONED = "ABANDONED";

  // Delta has no NOT NULL inside arrays and maps
  static final StructType STAGE = new StructType()
      .add("stage", DataTypes.StringType, true)
      .add("started_at", DataTypes.TimestampType, true)
      .add("seconds", DataTypes.DoubleType, true)
      .add("rows_in", DataTypes.LongType, true)
      .add("rows_out", DataTypes.LongType, true)
      .add("counters", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), true);

  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false, "the run's id, also in _run_id / run_id of every row it wrote")
      .add("command", DataTypes.StringType, false, "run, nightly, ingest, clean or aggregate")
      .add("night", DataTypes.DateType, true, "the night a nightly run processed (batches dated up to it); null: all")
      .add("status", DataTypes.StringType, false, "RUNNING, SUCCEEDED, FAILED, or ABANDONED (the process died)")
      .add("started_at", DataTypes.TimestampType, false, "")
      .add("ended_at", DataTypes.TimestampType, true, "")
      .add("seconds", DataTypes.DoubleType, true, "wall time of the whole run")
      .add("stages", new ArrayType(STAGE, true), false, "per stage: start, seconds, rows in and out, counters")
      .add("quarantined", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false,
          "rows quarantined by this run, per reason code")
      .add("delta_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false,
          "table → the Delta version this run left it at, for every table the run wrote")
      .add("message", DataTypes.StringType, true, "why a run failed, or the warnings of a successful one")
      .add("host", DataTypes.StringType, true, "")
      .add("pid", DataTypes.LongType, true, "");

  /** One stage as it went. */
  public record StageRun(StageResult result, Instant startedAt, double seconds) {}

  private RunLog() {}

  public static String table(CooplakeConfig config) {
    return config.table(Layer.OPS, TABLE);
  }

  public static void ensure(SparkSession spark, CooplakeConfig config) {
    spark.sql("CREATE TABLE IF NOT EXISTS " + table(config) + " (" + SCHEMA.toDDL() + ") USING delta"
        + " COMMENT 'One row per pipeline run: status, stage times, rows in and out, quarantined, Delta versions'");
  }

  /**
   * Runs still RUNNING when a new run holds the run lock cannot be alive: their process died.
   * Returns how many were marked ABANDONED.
   */
  public static long markAbandoned(SparkSession spark, CooplakeConfig config) {
    Row r = spark.sql("UPDATE " + table(config) + " SET status = '" + ABANDONED + "', message = 'the process ended"
        + " without finishing the run (killed or crashed); tables stayed at their last committed versions'"
        + " WHERE status = '" + RUNNING + "'").first();
    return r.getLong(0);
  }

  public static void started(SparkSession spark, CooplakeConfig config, RunContext run, String command) {
    write(spark, config, run, command, RUNNING, List.of(), Map.of(), null, null);
  }

  public static void finished(SparkSession spark, CooplakeConfig config, RunContext run, String command, String status,
      List<StageRun> stages, Map<String, Long> versions, String message) {
    write(spark, config, run, command, status, stages, versions, Instant.now(), message);
  }

  private static void write(SparkSession spark, CooplakeConfig config, RunContext run, String command, String status,
      List<StageRun> stages, Map<String, Long> versions, Instant endedAt, String message) {
    List<Row> stageRows = new ArrayList<>();
    Map<String, Long> quarantined = new TreeMap<>();
    for (StageRun s : stages) {
      StageResult r = s.result();
      stageRows.add(RowFactory.create(r.stage(), Timestamp.from(s.startedAt()), s.seconds(), r.rowsIn(), r.rowsOut(),
          scalaMap(r.counters())));
      r.counters().forEach((k, v) -> {
        int at = k.indexOf(".quarantined.");
        if (at > 0) quarantined.merge(k.substring(at + ".quarantined.".length()), v, Long::sum);
      });
    }
    Row row = RowFactory.create(run.runId(), command, run.night() == null ? null : Date.valueOf(run.night()), status,
        Timestamp.from(run.startedAt()), endedAt == null ? null : Timestamp.from(endedAt),
        endedAt == null ? null : (endedAt.toEpochMilli() - run.startedAt().toEpochMilli()) / 1e3,
        scala.jdk.javaapi.CollectionConverters.asScala(stageRows).toSeq(), scalaMap(quarantined), scalaMap(versions),
        message, hostName(), ProcessHandle.current().pid());
    DeltaTable.forName(spark, table(config)).as("t")
        .merge(spark.createDataFrame(List.of(row), SCHEMA).as("s"), "t.run_id = s.run_id")
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  private static scala.collection.immutable.Map<String, Long> scalaMap(Map<String, Long> m) {
    return scala.collection.immutable.Map.from(scala.jdk.javaapi.CollectionConverters.asScala(m));
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
