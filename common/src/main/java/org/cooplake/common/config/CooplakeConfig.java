package org.cooplake.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cooplake.common.errors.Errors;

/**
 * The one typed configuration of cooplake. Values are resolved by {@link ConfigLoader} with the
 * precedence command line &gt; environment &gt; conf file &gt; defaults.
 */
public final class CooplakeConfig {
  /** Where the catalog (table names → Delta locations) lives. */
  public enum CatalogType {
    /** Hive catalog on an embedded Derby database inside the warehouse: one process at a time. */
    EMBEDDED,
    /** A shared Hive metastore: thrift URIs or a JDBC database (Derby network server, PostgreSQL). */
    HIVE,
    /** Derby in memory: tests only; forgotten when the JVM ends. */
    MEMORY
  }

  /** The databases cooplake writes. Names are configurable so that tests can isolate themselves. */
  public enum Layer {
    BRONZE, SILVER, GOLD, OPS;

    public String key() {
      return "cooplake.db." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Path landing;
  private final Path warehouse;
  private final CatalogType catalogType;
  private final String metastoreUris;
  private final String metastoreJdbcUrl;
  private final String metastoreJdbcDriver;
  private final String metastoreJdbcUser;
  private final String metastoreJdbcPassword;
  private final String master;
  private final Map<Layer, String> databases;
  private final Map<String, String> sparkConf;
  private final Map<String, String> resolved;
  private final int freshnessMaxDays;
  private final boolean failWhenStale;
  private final int vacuumRetentionHours;
  private final int optimizeMinFiles;
  private final int concurrentActions;

  CooplakeConfig(Map<String, String> values, Map<String, String> sparkConf) {
    this.resolved = Collections.unmodifiableMap(new TreeMap<>(values));
    this.landing = absolute(values.get(ConfigLoader.LANDING));
    this.warehouse = absolute(values.get(ConfigLoader.WAREHOUSE));
    this.catalogType = parseCatalog(values.get(ConfigLoader.CATALOG_TYPE));
    this.metastoreUris = values.getOrDefault(ConfigLoader.METASTORE_URIS, "");
    this.metastoreJdbcUrl = values.getOrDefault(ConfigLoader.METASTORE_JDBC_URL, "");
    this.metastoreJdbcDriver = values.getOrDefault(ConfigLoader.METASTORE_JDBC_DRIVER, "");
    this.metastoreJdbcUser = values.getOrDefault(ConfigLoader.METASTORE_JDBC_USER, "");
    this.metastoreJdbcPassword = values.getOrDefault(ConfigLoader.METASTORE_JDBC_PASSWORD, "");
    this.master = values.get(ConfigLoader.MASTER);
    this.freshnessMaxDays = positiveInt(values, ConfigLoader.FRESHNESS_MAX_DAYS);
    String onStale = values.get(ConfigLoader.FRESHNESS_ON_STALE).trim().toLowerCase(java.util.Locale.ROOT);
    if (!onStale.equals("warn") && !onStale.equals("fail")) {
      throw Errors.badConfigValue(ConfigLoader.FRESHNESS_ON_STALE, onStale, "warn or fail");
    }
    this.failWhenStale = onStale.equals("fail");
    this.vacuumRetentionHours = wholeNumber(values, ConfigLoader.VACUUM_RETENTION_HOURS, 0);
    this.optimizeMinFiles = positiveInt(values, ConfigLoader.OPTIMIZE_MIN_FILES);
    this.concurrentActions = positiveInt(values, ConfigLoader.CONCURRENT_ACTIONS);
    Map<Layer, String> dbs = new LinkedHashMap<>();
    for (Layer l : Layer.values()) {
      String name = values.get(l.key());
      if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw Errors.badConfigValue(l.key(), String.valueOf(name), "a database name of letters, digits and _");
      }
      dbs.put(l, name);
    }
    this.databases = Collections.unmodifiableMap(dbs);
    this.sparkConf = Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
    if (catalogType == CatalogType.HIVE && metastoreUris.isEmpty() && metastoreJdbcUrl.isEmpty()) {
      throw Errors.badConfigValue(ConfigLoader.CATALOG_TYPE, "hive",
          "cooplake.catalog.metastore.uris or cooplake.catalog.jdbc.url to be set as well");
    }
  }

  private static int positiveInt(Map<String, String> values, String key) {
    return wholeNumber(values, key, 1);
  }

  private static int wholeNumber(Map<String, String> values, String key, int min) {
    String v = values.get(key);
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Errors.badConfigValue(key, v, "a whole number of at least " + min);
  }

  private static Path absolute(String p) {
    return Path.of(Objects.requireNonNull(p)).toAbsolutePath().normalize();
  }

  private static CatalogType parseCatalog(String v) {
    try {
      return CatalogType.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Errors.badConfigValue(ConfigLoader.CATALOG_TYPE, v, "one of embedded, hive, memory");
    }
  }

  public Path landing() { return landing; }

  public Path warehouse() { return warehouse; }

  /** Where the embedded catalog keeps Derby, its log and Hive's scratch space. */
  public Path catalogDir() { return warehouse.resolve("_catalog"); }

  public CatalogType catalogType() { return catalogType; }

  public String metastoreUris() { return metastoreUris; }

  public String metastoreJdbcUrl() { return metastoreJdbcUrl; }

  public String metastoreJdbcDriver() { return metastoreJdbcDriver; }

  public String metastoreJdbcUser() { return metastoreJdbcUser; }

  public String metastoreJdbcPassword() { return metastoreJdbcPassword; }

  /** Spark master URL; used when the job is not started by spark-submit. */
  public String master() { return master; }

  public String database(Layer layer) { return databases.get(layer); }

  /** Qualified table name, e.g. {@code bronze.projects}. */
  public String table(Layer layer, String name) { return databases.get(layer) + "." + name; }

  /** Where a layer's tables are stored. */
  public Path databaseLocation(Layer layer) { return warehouse.resolve(databases.get(layer) + ".db"); }

  /** Spark settings from the conf file, the environment and {@code --spark-conf}, in that precedence. */
  public Map<String, String> sparkConf() { return sparkConf; }

  /** Every resolved cooplake.* value, secrets masked, for logs and {@code --help}. */
  public Map<String, String> describe() {
    Map<String, String> out = new TreeMap<>(resolved);
    out.replaceAll((k, v) -> k.contains("password") || k.contains("secret") || k.contains("key") ? "****" : v);
    return out;
  }

  /** A nightly run warns (or fails) when the newest batch is older than this many days. */
  public int freshnessMaxDays() { return freshnessMaxDays; }

  public boolean failWhenStale() { return failWhenStale; }

  /** VACUUM keeps files a reader of the last this-many hours may still need (time travel). */
  public int vacuumRetentionHours() { return vacuumRetentionHours; }

  /** A table is compacted once it has at least this many data files. */
  public int optimizeMinFiles() { return optimizeMinFiles; }

  /** Independent Spark actions (table writes, check queries) a stage runs at once; 1 = one after another. */
  public int concurrentActions() { return concurrentActions; }

  public boolean landingExists() { return Files.isDirectory(landing); }
}
