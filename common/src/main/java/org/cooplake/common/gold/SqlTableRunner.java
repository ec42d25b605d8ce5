package org.cooplake.common.gold;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
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
 *   <li>stage: every SELECT runs (in index order) into a cached global temporary view; inside this
 *       run, the target layer's placeholder ({@code ${gold}}) points at these staged views, so a
 *       table may read one built before it in the same run;</li>
 *   <li>check: every declared check runs on the staged data, results go to ops.check_results, and
 *       one failing check stops the run before anything is published;</li>
 *   <li>publish: each table is replaced in one Delta transaction ({@code CREATE OR REPLACE}) with
 *       its column comments, table comment, source file and checks, so a reader sees either
 *       yesterday's table or today's, and {@code VERSION AS OF} reaches the versions before.</li>
 * </ol>
 */
public final class SqlTableRunner {
  /** Table property naming the SQL file a table is built from. */
  public static final String PROP_SOURCE = "cooplake.source";
  /** Table property listing the declared checks, separated by {@value #CHECK_SEPARATOR}. */
  public static final String PROP_CHECKS = "cooplake.checks";
  public static final String CHECK_SEPARATOR = " ; ";

  /** What one table became: its qualified name, its rows, its new Delta version, the checks it passed. */
  public record Published(String table, long rows, long version, int checks) {}

  private SqlTableRunner() {}

  public static List<Published> publish(SparkSession spark, CooplakeConfig config, RunContext run, String stage,
      Layer layer, List<SqlTable> tables) {
    String stagingDb = spark.conf().get("spark.sql.globalTempDatabase", "global_temp");
    Map<String, String> stagingPlaceholders = placeholders(config);
    stagingPlaceholders.put(placeholder(layer), stagingDb);
    requireInputs(spark, config, layer, tables);

    Map<SqlTable, Dataset<Row>> staged = new LinkedHashMap<>();
    try {
      List<Check> checks = new ArrayList<>();
      for (SqlTable t : tables) {
        String qualified = config.table(layer, t.name());
        Dataset<Row> df = stage(spark, t, qualified, t.resolve(t.select(), stagingPlaceholders));
        staged.put(t, df);
        df.createOrReplaceGlobalTempView(t.name());
        for (String spec : t.checks()) {
          for (Check c : parseCheck(t, stagingDb + "." + t.name(), spec, stagingPlaceholders)) {
            checks.add(new Check(qualified, c.name(), c.violationsSql())); // reported under the real name
          }
        }
      }
      QualityGate.enforce(spark, config, run, stage, checks);

      // tables are independent once staged: each is its own Delta transaction
      return Concurrently.map(config.concurrentActions(), List.copyOf(staged.entrySet()),
          e -> write(spark, e.getKey(), config.table(layer, e.getKey().name()), e.getValue()));
    } finally {
      for (Map.Entry<SqlTable, Dataset<Row>> e : staged.entrySet()) {
        spark.catalog().dropGlobalTempView(e.getKey().name());
        e.getValue().unpersist();
      }
    }
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
      for (String input : t.inputs()) {
        int dot = input.indexOf('.');
        String layerName = input.substring(0, dot);
        if (layerName.equals(placeholder(layer)) || !real.containsKey(layerName)) continue;
        String qualified = real.get(layerName) + "." + input.substring(dot + 1);
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
    try {
      staged.select(documented).writeTo(qualified).using("delta")
          .tableProperty("comment", t.description())
          .tableProperty(PROP_SOURCE, t.source())
          .tableProperty(PROP_CHECKS, String.join(CHECK_SEPARATOR, t.checks()))
          .createOrReplace();
    } catch (RuntimeException e) {
      throw Errors.tableQueryFailed(qualified, t.source(), e);
    }
    long version = spark.sql("DESCRIBE HISTORY " + qualified + " LIMIT 1").first().getAs("version");
    return new Published(qualified, staged.count(), version, t.checks().size());
  }

  private static Metadata comment(String text) {
    return new MetadataBuilder().putString("comment", text).build();
  }
}
