package org.cooplake.common.gold;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.Errors;
import org.cooplake.common.quality.Check;
import org.cooplake.common.quality.QualityGate;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.spark.Concurrently;

/**
 * Builds and publishes the tables of one layer from their {@link SqlTable} definitions, all or
 * nothing:
 * <ol>
 *   <li>stage: every SELECT is planned into a cached global temporary view; inside this run, the
 *       target layer's placeholder ({@code ${gold}}) points at these staged views, so a table may
 *       read one listed before it in the index (tables that read none of each other are planned
 *       side by side);</li>
 *   <li>check: every declared check runs on the staged data, results go to ops.check_results, and
 *       one failing check stops the run before anything is published;</li>
 *   <li>publish: each table gets its rows in one Delta transaction, so a reader sees either
 *       yesterday's table or today's, and {@code VERSION AS OF} reaches the versions before. A new
 *       or changed definition replaces the table ({@code CREATE OR REPLACE}) with its column
 *       comments, table comment, source file and checks; an unchanged one overwrites the rows.</li>
 * </ol>
 */
public final class SqlTableRunner {
  /** Table property naming the SQL file a table is built from. */
  public static final String PROP_SOURCE = "cooplake.source";
  /** Table property listing the declared checks, separated by {@value #CHECK_SEPARATOR}. */
  public static final String PROP_CHECKS = "cooplake.checks";
  public static final String CHECK_SEPARATOR = " ; ";
  /**
   * Table property holding a hash of the table's definition (comment, source, checks, columns and
   * their comments): while it is unchanged, a run overwrites the rows instead of replacing the table.
   */
  public static final String PROP_DEFINITION = "cooplake.definition";

  /** What one table became: its qualified name, its rows, its new Delta version, the checks it passed. */
  public record Published(String table, long rows, long version, int checks) {}

  private SqlTableRunner() {}

  public static List<Published> publish(SparkSession spark, CooplakeConfig config, RunContext run, String stage,
      Layer layer, List<SqlTable> tables) {
    String stagingDb = spark.conf().get("spark.sql.globalTempDatabase", "global_temp");
    Map<String, String> stagingPlaceholders = placeholders(config);
    stagingPlaceholders.put(placeholder(layer), stagingDb);
    requireInputs(spark, config, layer, tables);

    Map<SqlTable, Dataset<Row>> staged = new ConcurrentHashMap<>();
    try {
      // planning a table is driver work (Delta snapshots, analysis): tables of one level, which
      // read none of each other, are planned side by side
      for (List<SqlTable> level : levels(layer, tables)) {
        Concurrently.map(config.concurrentActions(), level, t -> {
          Dataset<Row> df = stage(spark, t, config.table(layer, t.name()), t.resolve(t.select(), stagingPlaceholders));
          staged.put(t, df);
          df.createOrReplaceGlobalTempView(t.name());
          return t;
        });
      }
      List<Check> checks = new ArrayList<>();
      for (SqlTable t : tables) {
        String qualified = config.table(layer, t.name());
        for (String spec : t.checks()) {
          for (Check c : parseCheck(t, stagingDb + "." + t.name(), spec, stagingPlaceholders)) {
            checks.add(new Check(qualified, c.name(), c.violationsSql())); // reported under the real name
          }
        }
      }
      QualityGate.enforce(spark, config, run, stage, checks);

      // tables are independent once staged: each is its own Delta transaction
      return Concurrently.map(config.concurrentActions(), tables,
          t -> write(spark, t, config.table(layer, t.name()), staged.get(t)));
    } finally {
      for (Map.Entry<SqlTable, Dataset<Row>> e : staged.entrySet()) {
        spark.catalog().dropGlobalTempView(e.getKey().name());
        e.getValue().unpersist();
      }
    }
  }

  /**
   * The tables in build levels: a table reading another of the same layer comes one level after
   * it. Within a level the definitions' order is kept.
   */
  static List<List<SqlTable>> levels(Layer layer, List<SqlTable> tables) {
    Set<String> names = tables.stream().map(SqlTable::name).collect(Collectors.toSet());
    Map<String, Integer> levelOf = new LinkedHashMap<>();
    List<List<SqlTable>> levels = new ArrayList<>();
    for (SqlTable t : tables) {
      int level = 0;
      for (SqlTable.Input input : t.inputs()) {
        String name = input.table();
        if (!input.layer().equals(placeholder(layer)) || !names.contains(name)) continue;
        Integer before = levelOf.get(name);
        if (before == null) {
          throw Errors.tableDefinitionInvalid(t.source(),
              "it reads ${" + placeholder(layer) + "}." + name + ", which is built after it",
              "List " + name + " above " + t.name() + " in the index (" + SqlTable.INDEX_FILE + ").");
        }
        level = Math.max(level, before + 1);
      }
      levelOf.put(t.name(), level);
      while (levels.size() <= level) levels.add(new ArrayList<>());
      levels.get(level).add(t);
    }
    return levels;
  }

  /** {@code silver → t1_silver}, … for every layer: what {@code ${silver}} stands for. */
  public static Map<String, String> placeholders(CooplakeConfig config) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Layer l : Layer.values()) m.put(placeholder(l), config.database(l));
    return m;
  }

  private static String placeholder(Layer l) {
    return l.name().toLowerCase(Locale.ROOT);
  }

  /** Tables read from other layers must exist: a clear message instead of Spark's analysis error. */
  private static void requireInputs(SparkSession spark, CooplakeConfig config, Layer layer, List<SqlTable> tables) {
    Map<String, String> real = placeholders(config);
    for (SqlTable t : tables) {
      for (SqlTable.Input input : t.inputs()) {
        if (input.layer().equals(placeholder(layer)) || !real.containsKey(input.layer())) continue;
        String qualified = real.get(input.layer()) + "." + input.table();
        if (!spark.catalog().tableExists(qualified)) throw Errors.tableMissing(qualified);
      }
    }
  }

  private static Dataset<Row> stage(SparkSession spark, SqlTable t, String qualified, String select) {
    Dataset<Row> df;
    try {
      df = spark.sql(select);
    } catch (RuntimeException e) {
      throw Errors.tableQueryFailed(qualified, t.source(), e);
    }
    List<String> actual = List.of(df.columns());
    if (!actual.equals(t.columnNames())) {
      List<String> undocumented = actual.stream().filter(c -> !t.columnNames().contains(c)).toList();
      List<String> absent = t.columnNames().stream().filter(c -> !actual.contains(c)).toList();
      throw Errors.tableDefinitionInvalid(t.source(),
          "the SELECT returns " + actual + " but the header documents " + t.columnNames()
              + (undocumented.isEmpty() ? "" : "; undocumented: " + undocumented)
              + (absent.isEmpty() ? "" : "; not returned: " + absent),
          "Keep exactly one '-- column:' line per output column, in the SELECT's order.");
    }
    return df.persist(StorageLevel.MEMORY_AND_DISK());
  }

  private static List<Check> parseCheck(SqlTable t, String table, String spec, Map<String, String> placeholders) {
    try {
      return Check.parse(table, spec, s -> t.resolve(s, placeholders));
    } catch (IllegalArgumentException e) {
      throw Errors.tableDefinitionInvalid(t.source(), e.getMessage(),
          "Write checks as unique(a, b), not_null(a), accepted_values(col: A, B), relationship(col -> ${db}.table.col)"
              + " or expression(name: predicate).");
    }
  }

  private static Published write(SparkSession spark, SqlTable t, String qualified, Dataset<Row> staged) {
    Column[] documented = t.columns().stream()
        .map(c -> staged.col(c.name()).as(c.name(), comment(c.comment())))
        .toArray(Column[]::new);
    Dataset<Row> documentedRows = staged.select(documented);
    String definition = definitionHash(t, documentedRows.schema());
    try {
      if (definition.equals(publishedDefinition(spark, qualified))) {
        // Same columns, comments and properties as the table has: overwrite its rows only. Also one
        // Delta transaction, but it keeps the table's identity; a replace gives the table a new id,
        // which makes Delta reload the snapshot from scratch and the Hive metastore log an ERROR
        // for the schema change it refuses (every gold table, every night).
        documentedRows.writeTo(qualified).overwrite(functions.lit(true));
      } else {
        documentedRows.writeTo(qualified).using("delta")
            .tableProperty("comment", t.description())
            .tableProperty(PROP_SOURCE, t.source())
            .tableProperty(PROP_CHECKS, String.join(CHECK_SEPARATOR, t.checks()))
            .tableProperty(PROP_DEFINITION, definition)
            .createOrReplace();
      }
    } catch (RuntimeException | NoSuchTableException e) { // NoSuchTable: dropped since tableExists said yes
      throw Errors.tableQueryFailed(qualified, t.source(), e);
    }
    long version = spark.sql("DESCRIBE HISTORY " + qualified + " LIMIT 1").first().getAs("version");
    return new Published(qualified, staged.count(), version, t.checks().size());
  }

  /** What the table's metadata is made of: its comment, source, checks and documented schema, hashed. */
  private static String definitionHash(SqlTable t, StructType schema) {
    String text = String.join("\n", t.description(), t.source(), String.join(CHECK_SEPARATOR, t.checks()),
        schema.json());
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The definition hash the published table was created with; null if there is no such table (yet). */
  private static String publishedDefinition(SparkSession spark, String qualified) {
    return spark.catalog().tableExists(qualified) ? tableProperties(spark, qualified).get(PROP_DEFINITION) : null;
  }

  /** A table's properties as {@code SHOW TBLPROPERTIES} lists them (a handful of rows). */
  public static Map<String, String> tableProperties(SparkSession spark, String qualified) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Row r : spark.sql("SHOW TBLPROPERTIES " + qualified).collectAsList()) out.put(r.getString(0), r.getString(1));
    return out;
  }

  private static Metadata comment(String text) {
    return new MetadataBuilder().putString("comment", text).build();
  }
}
