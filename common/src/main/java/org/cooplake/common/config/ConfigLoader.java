package org.cooplake.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cooplake.common.errors.Errors;

/**
 * Builds a {@link CooplakeConfig} from four layers, highest first:
 * <ol>
 *   <li>command line ({@code --landing}, {@code --warehouse}, {@code --master}, {@code --spark-conf k=v}),</li>
 *   <li>environment ({@code COOPLAKE_WAREHOUSE} for {@code cooplake.warehouse}, …; {@code COOPLAKE_SPARK_CONF}
 *       as {@code k=v,k=v}),</li>
 *   <li>the conf file ({@code --conf FILE}, else {@code $COOPLAKE_CONF}, else {@code conf/cooplake.conf}
 *       under {@code $COOPLAKE_HOME} when it exists),</li>
 *   <li>{@link #defaults()}.</li>
 * </ol>
 * Values of the form {@code ${env:NAME}} are read from the environment, so no secret sits in a file.
 */
public final class ConfigLoader {
  public static final String LANDING = "cooplake.landing";
  public static final String WAREHOUSE = "cooplake.warehouse";
  public static final String MASTER = "cooplake.spark.master";
  public static final String CATALOG_TYPE = "cooplake.catalog.type";
  public static final String METASTORE_URIS = "cooplake.catalog.metastore.uris";
  public static final String METASTORE_JDBC_URL = "cooplake.catalog.jdbc.url";
  public static final String METASTORE_JDBC_DRIVER = "cooplake.catalog.jdbc.driver";
  public static final String METASTORE_JDBC_USER = "cooplake.catalog.jdbc.user";
  public static final String METASTORE_JDBC_PASSWORD = "cooplake.catalog.jdbc.password";
  public static final String FRESHNESS_MAX_DAYS = "cooplake.freshness.max-days";
  public static final String FRESHNESS_ON_STALE = "cooplake.freshness.on-stale";
  public static final String VACUUM_RETENTION_HOURS = "cooplake.maintain.vacuum-retention-hours";
  public static final String OPTIMIZE_MIN_FILES = "cooplake.maintain.optimize-min-files";
  public static final String CONCURRENT_ACTIONS = "cooplake.spark.concurrent-actions";

  private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

  private final Map<String, String> env;
  private Path confFile;
  private final Map<String, String> cli = new LinkedHashMap<>();
  private final Map<String, String> cliSpark = new LinkedHashMap<>();

  private ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  public static ConfigLoader fromSystem() {
    return new ConfigLoader(System.getenv());
  }

  /** For tests: an explicit environment. */
  public static ConfigLoader withEnvironment(Map<String, String> env) {
    return new ConfigLoader(env);
  }

  public static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(LANDING, "data/sample/landing");
    d.put(WAREHOUSE, "warehouse");
    d.put(MASTER, "local[*]");
    d.put(CATALOG_TYPE, "embedded");
    d.put(FRESHNESS_MAX_DAYS, "3");
    d.put(FRESHNESS_ON_STALE, "warn");
    d.put(VACUUM_RETENTION_HOURS, "168"); // Delta's own safety default (7 days)
    d.put(OPTIMIZE_MIN_FILES, "16");
    d.put(CONCURRENT_ACTIONS, "3");
    for (CooplakeConfig.Layer l : CooplakeConfig.Layer.values()) {
      d.put(l.key(), l.name().toLowerCase(Locale.ROOT));
    }
    return d;
  }

  public ConfigLoader confFile(Path file) {
    this.confFile = file;
    return this;
  }

  /** A command-line value ({@code null} leaves the lower layers in charge). */
  public ConfigLoader set(String key, String value) {
    if (value != null) cli.put(key, value);
    return this;
  }

  /** A {@code --spark-conf k=v} value. */
  public ConfigLoader sparkConf(String keyEqualsValue) {
    int eq = keyEqualsValue.indexOf('=');
    if (eq <= 0) throw Errors.badConfigValue("--spark-conf", keyEqualsValue, "key=value");
    cliSpark.put(keyEqualsValue.substring(0, eq).trim(), keyEqualsValue.substring(eq + 1).trim());
    return this;
  }

  public CooplakeConfig load() {
    Map<String, String> values = new LinkedHashMap<>(defaults());
    Map<String, String> spark = new LinkedHashMap<>();

    Path file = confFile;
    if (file == null && env.get("COOPLAKE_CONF") != null) file = Path.of(env.get("COOPLAKE_CONF"));
    if (file == null && env.get("COOPLAKE_HOME") != null) {
      Path candidate = Path.of(env.get("COOPLAKE_HOME"), "conf", "cooplake.conf");
      if (Files.isRegularFile(candidate)) file = candidate;
    }
    if (file != null) {
      for (Map.Entry<String, String> e : readFile(file).entrySet()) {
        put(values, spark, e.getKey(), e.getValue());
      }
    }
    for (String key : defaults().keySet()) {
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) values.put(key, fromEnv);
    }
    for (String key : new String[] {METASTORE_URIS, METASTORE_JDBC_URL, METASTORE_JDBC_DRIVER, METASTORE_JDBC_USER,
        METASTORE_JDBC_PASSWORD}) {
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) values.put(key, fromEnv);
    }
    String envSpark = env.get("COOPLAKE_SPARK_CONF");
    if (envSpark != null && !envSpark.isBlank()) {
      for (String kv : envSpark.split(",")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) throw Errors.badConfigValue("COOPLAKE_SPARK_CONF", kv, "k=v,k=v");
        spark.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    values.putAll(cli);
    spark.putAll(cliSpark);

    values.replaceAll((k, v) -> resolveEnv(k, v));
    spark.replaceAll((k, v) -> resolveEnv(k, v));
    return new CooplakeConfig(values, spark);
  }

  /** {@code cooplake.catalog.jdbc.url} → {@code COOPLAKE_CATALOG_JDBC_URL}. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static void put(Map<String, String> values, Map<String, String> spark, String key, String value) {
    if (key.startsWith("spark.")) {
      spark.put(key, value);
    } else if (key.startsWith("cooplake.")) {
      values.put(key, value);
    } else {
      throw Errors.badConfigValue(key, value, "keys starting with cooplake. or spark.");
    }
  }

  private Map<String, String> readFile(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw Errors.confFileUnreadable(file, e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : p.stringPropertyNames()) out.put(k.trim(), p.getProperty(k).trim());
    return out;
  }

  private String resolveEnv(String key, String value) {
    if (value == null) return null;
    Matcher m = ENV_REF.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null) throw Errors.missingEnv(key, m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
