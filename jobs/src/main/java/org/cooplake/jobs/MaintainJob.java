package org.cooplake.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.errors.Errors;
import org.cooplake.common.run.DeltaVersions;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.Stage;
import org.cooplake.common.run.StageResult;

/**
 * Table upkeep: OPTIMIZE (bin-packing) the tables that have gathered many small files, and VACUUM
 * every table with the configured retention, which never goes below Delta's 7-day safety default
 * unless cooplake.maintain.vacuum-retention-hours says so. Reports data files before and after.
 */
public final class MaintainJob implements Stage {
  private static final Logger LOG = LogManager.getLogger(MaintainJob.class);
  private static final long DELTA_SAFE_RETENTION_HOURS = 168;

  @Override
  public String name() {
    return "maintain";
  }

  @Override
  public StageResult run(SparkSession spark, CooplakeConfig config, RunContext run) {
    int retention = config.vacuumRetentionHours();
    // Delta refuses a shorter retention unless its check is off; only a configured choice turns it off
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled",
        String.valueOf(retention >= DELTA_SAFE_RETENTION_HOURS));
    // Delta 4 ignores RETAIN n HOURS (n > 0) by default and uses the table's own property; the configured
    // retention is the one that must hold
    spark.conf().set("spark.databricks.delta.vacuum.retentionWindowIgnore.enabled", "false");
    Map<String, Long> counters = new LinkedHashMap<>();
    List<String> headlines = new ArrayList<>();
    long tables = 0, activeBefore = 0, activeAfter = 0, diskBefore = 0, diskAfter = 0, optimized = 0;
    for (String table : DeltaVersions.current(spark, config).keySet()) {
      Path dir = location(config, table);
      try {
        long active0 = activeFiles(spark, table);
        long disk0 = dataFilesOnDisk(dir);
        boolean compact = active0 >= config.optimizeMinFiles();
        if (compact) {
          spark.sql("OPTIMIZE " + table);
          optimized++;
        }
        // VACUUM lists the whole table directory with Spark jobs: skip it when every file on disk is in use
        long active1 = compact ? activeFiles(spark, table) : active0;
        if (dataFilesOnDisk(dir) > active1) spark.sql("VACUUM " + table + " RETAIN " + retention + " HOURS");
        long disk1 = dataFilesOnDisk(dir);
        tables++;
        activeBefore += active0;
        activeAfter += active1;
        diskBefore += disk0;
        diskAfter += disk1;
        counters.put(table + ".files_before", active0);
        counters.put(table + ".files_after", active1);
        counters.put(table + ".files_on_disk_before", disk0);
        counters.put(table + ".files_on_disk_after", disk1);
        if (compact || disk1 != disk0) {
          headlines.add(String.format("%-34s %s files %d → %d, on disk %d → %d", table, compact ? "optimized," : "vacuumed, ",
              active0, active1, disk0, disk1));
        }
        LOG.info("{}: files {} → {}, on disk {} → {}", table, active0, active1, disk0, disk1);
      } catch (RuntimeException e) {
        throw Errors.maintenanceFailed(table, e);
      }
    }
    counters.put("tables_optimized", optimized);
    counters.put(StageResult.ROWS_IN, 0L);
    counters.put(StageResult.ROWS_OUT, 0L);
    headlines.add(0, String.format("%d table(s), %d optimized; VACUUM retention %d h; data files %d → %d, on disk %d → %d",
        tables, optimized, retention, activeBefore, activeAfter, diskBefore, diskAfter));
    return StageResult.of(name(), counters, headlines);
  }

  private static Path location(CooplakeConfig config, String table) {
    String db = table.substring(0, table.indexOf('.'));
    for (CooplakeConfig.Layer l : CooplakeConfig.Layer.values()) {
      if (config.database(l).equals(db)) return config.databaseLocation(l).resolve(table.substring(db.length() + 1));
    }
    throw new IllegalArgumentException(table);
  }

  /** Files in the table's current snapshot. */
  private static long activeFiles(SparkSession spark, String table) {
    Row detail = spark.sql("DESCRIBE DETAIL " + table).select("numFiles").first();
    return detail.isNullAt(0) ? 0 : detail.getLong(0);
  }

  /** Parquet files under the table's directory, referenced or not (what VACUUM can remove). */
  static long dataFilesOnDisk(Path tableDir) {
    try (Stream<Path> files = Files.walk(tableDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !tableDir.relativize(p).startsWith("_delta_log")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
