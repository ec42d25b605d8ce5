package org.cooplake.common.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.Errors;

/** Builds the SparkSession for a configuration: Delta, the Hive catalog, the cooplake databases. */
public final class Sessions {
  private Sessions() {}

  /**
   * The Spark settings cooplake needs for a configuration. Settings already given to spark-submit
   * ({@code --conf}, spark-defaults.conf) are left alone by {@link #start}; these fill the gaps.
   */
  public static Map<String, String> sparkSettings(CooplakeConfig config) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("spark.app.name", "cooplake");
    s.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    s.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    s.put("spark.sql.catalogImplementation", "hive");
    s.put("spark.sql.warehouse.dir", config.warehouse().toUri().toString());
    s.put("spark.sql.session.timeZone", "UTC");
    // Delta tables only; Hive SerDe tables are never written
    s.put("spark.sql.legacy.createHiveTableByDefault", "false");
    // GB18030 CSV files: Spark 4 accepts only a few charsets unless the JDK's are allowed
    s.put("spark.sql.legacy.javaCharsets", "true");
    // a JSON object that names one column twice (e.g. in English and Chinese): the last one wins
    s.put("spark.sql.mapKeyDedupPolicy", "LAST_WIN");
    // new tables mark replaced rows in deletion vectors: a nightly MERGE writes its ~1% of rows instead of
    // rewriting every file that holds one of them
    s.put("spark.databricks.delta.properties.defaults.enableDeletionVectors", "true");
    Path cat = config.catalogDir();
    switch (config.catalogType()) {
      case EMBEDDED -> {
        s.put("spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:;databaseName=" + cat.resolve("metastore_db") + ";create=true");
        s.put("spark.hadoop.javax.jdo.option.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
      }
      case MEMORY -> {
        s.put("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:memory:cooplake_metastore;create=true");
        s.put("spark.hadoop.javax.jdo.option.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
      }
      case HIVE -> {
        if (!config.metastoreUris().isEmpty()) {
          s.put("spark.hadoop.hive.metastore.uris", config.metastoreUris());
        } else {
          s.put("spark.hadoop.javax.jdo.option.ConnectionURL", config.metastoreJdbcUrl());
          if (!config.metastoreJdbcDriver().isEmpty()) {
            s.put("spark.hadoop.javax.jdo.option.ConnectionDriverName", config.metastoreJdbcDriver());
          }
          if (!config.metastoreJdbcUser().isEmpty()) {
            s.put("spark.hadoop.javax.jdo.option.ConnectionUserName", config.metastoreJdbcUser());
          }
          if (!config.metastoreJdbcPassword().isEmpty()) {
            s.put("spark.hadoop.javax.jdo.option.ConnectionPassword", config.metastoreJdbcPassword());
          }
          s.put("spark.hadoop.datanucleus.schema.autoCreateAll", "true");
          s.put("spark.hadoop.hive.metastore.schema.verification", "false");
        }
      }
    }
    // keep Hive's scratch space inside the warehouse, not in /tmp or the working directory
    s.put("spark.hadoop.hive.exec.scratchdir", cat.resolve("scratch").toString());
    s.put("spark.hadoop.hive.exec.local.scratchdir", cat.resolve("scratch-local").toString());
    s.put("spark.hadoop.hive.downloaded.resources.dir", cat.resolve("resources").toString());
    s.put("spark.hadoop.hive.metastore.warehouse.dir", config.warehouse().toUri().toString());
    s.putAll(config.sparkConf());
    return s;
  }

  /**
   * Starts (or joins) the session. In the embedded catalog, the caller must hold the warehouse lock
   * ({@link #lockEmbeddedCatalog}) first.
   */
  public static SparkSession start(CooplakeConfig config) {
    System.setProperty("derby.system.home", config.catalogDir().toString());
    if (System.getProperty("derby.stream.error.file") == null) {
      System.setProperty("derby.stream.error.file", config.catalogDir().resolve("derby.log").toString());
    }
    SparkConf submitted = new SparkConf(); // what spark-submit / system properties already say
    SparkSession.Builder b = SparkSession.builder();
    if (!submitted.contains("spark.master")) b.master(config.master());
    for (Map.Entry<String, String> e : sparkSettings(config).entrySet()) {
      boolean fromUser = config.sparkConf().containsKey(e.getKey());
      if (fromUser || !submitted.contains(e.getKey())) b.config(e.getKey(), e.getValue());
    }
    SparkSession spark;
    try {
      spark = b.enableHiveSupport().getOrCreate();
    } catch (NoClassDefFoundError e) {
      throw Errors.incompatibleRuntime(e.getMessage(), e);
    }
    try {
      createDatabases(spark, config);
    } catch (RuntimeException e) {
      if (causedByDerbyLock(e)) throw Errors.derbyLocked(config.warehouse(), e);
      throw e;
    }
    return spark;
  }

  /** The embedded Derby catalog allows one JVM: take an OS lock so a second process gets a clear message. */
  public static WarehouseLock lockEmbeddedCatalog(CooplakeConfig config) {
    if (config.catalogType() != CooplakeConfig.CatalogType.EMBEDDED) return null;
    return WarehouseLock.acquire(config.warehouse(), config.catalogDir(), "catalog");
  }

  public static void createDatabases(SparkSession spark, CooplakeConfig config) {
    for (Layer l : Layer.values()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + config.database(l) + " LOCATION '"
          + config.databaseLocation(l).toUri() + "'");
    }
  }

  static boolean causedByDerbyLock(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage());
      if (m.contains("XSDB6") || m.contains("Another instance of Derby may have already booted")) return true;
      if (c instanceof java.sql.SQLException se && "XSDB6".equals(se.getSQLState())) return true;
    }
    return false;
  }
}
