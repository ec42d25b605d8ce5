package org.cooplake.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.gold.SqlTable;
import org.cooplake.common.gold.SqlTableRunner;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.Stage;
import org.cooplake.common.run.StageResult;

/**
 * The aggregate stage: rebuilds every gold table from silver, as defined by the SQL files under
 * {@code gold/} on the classpath (listed in {@code gold/tables.txt}), checks them, publishes them,
 * and reports the figures a person wants after a nightly run.
 */
public final class AggregateJob implements Stage {
  public static final String NAME = "aggregate";
  /** Classpath directory of the gold table definitions. */
  public static final String DEFINITIONS = "gold";
  private static final int TOP = 3;

  @Override
  public String name() {
    return NAME;
  }

  /** The gold table definitions, in build order. */
  public static List<SqlTable> definitions() {
    return SqlTable.loadDirectory(AggregateJob.class.getClassLoader(), DEFINITIONS);
  }

  @Override
  public StageResult run(SparkSession spark, CooplakeConfig config, RunContext run) {
    List<SqlTableRunner.Published> published =
        SqlTableRunner.publish(spark, config, run, NAME, Layer.GOLD, definitions());

    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("gold_tables", (long) published.size());
    counters.put(StageResult.ROWS_OUT, published.stream().mapToLong(SqlTableRunner.Published::rows).sum());
    counters.put("checks_passed", published.stream().mapToLong(SqlTableRunner.Published::checks).sum());
    for (SqlTableRunner.Published p : published) {
      counters.put("rows." + p.table().substring(p.table().indexOf('.') + 1), p.rows());
    }
    Row totals = spark.sql("SELECT"
        + " (SELECT sum(subjects) FROM " + gold(config, "subjects_by_district") + ") AS subjects,"
        + " (SELECT count(*) FROM " + gold(config, "subjects_by_district") + ") AS districts,"
        + " (SELECT count(*) FROM " + config.table(Layer.SILVER, "dim_districts") + ") AS all_districts,"
        + " (SELECT count_if(NOT is_hmt) FROM " + gold(config, "cooperations") + ") AS cooperations,"
        + " (SELECT count_if(is_hmt) FROM " + gold(config, "cooperations") + ") AS hmt,"
        + " (SELECT count(*) FROM " + gold(config, "cooperations_by_country") + ") AS countries,"
        + " (SELECT count(*) FROM " + gold(config, "cooperations_by_continent") + ") AS continents,"
        + " (SELECT count(*) FROM " + config.table(Layer.SILVER, "projects") + ")"
        + " + (SELECT count(*) FROM " + config.table(Layer.SILVER, "project_partners") + ") AS silver_rows").first();
    long subjects = totals.isNullAt(0) ? 0 : totals.getLong(0);
    counters.put(StageResult.ROWS_IN, totals.getLong(7));
    counters.put("subjects", subjects);
    counters.put("cooperations", totals.getLong(3));
    counters.put("cooperations_hmt", totals.getLong(4));
    counters.put("countries", totals.getLong(5));

    List<String> headlines = new ArrayList<>();
    headlines.add(String.format(Locale.ROOT, "subjects: %,d in %d of %d districts", subjects, totals.getLong(1),
        totals.getLong(2)));
    headlines.add(String.format(Locale.ROOT,
        "cooperations: %,d foreign, with %d countries/regions on %d continents (+%,d with Hong Kong, Macao, Taiwan)",
        totals.getLong(3), totals.getLong(5), totals.getLong(6), totals.getLong(4)));
    headlines.add("top districts: " + top(spark, gold(config, "subjects_by_district"), "district_name_en", "subjects"));
    headlines.add("top countries: " + top(spark, gold(config, "cooperations_by_country"), "country_name_en",
        "cooperations"));
    headlines.add(String.format(Locale.ROOT, "gold: %d tables published, %d declared checks passed",
        published.size(), counters.get("checks_passed")));
    return StageResult.of(NAME, counters, headlines);
  }

  private static String gold(CooplakeConfig config, String table) {
    return config.table(Layer.GOLD, table);
  }

  /** "Haidian District 45.0% (164), Chaoyang District 14.3% (52), …" from a ranked gold table. */
  private static String top(SparkSession spark, String table, String nameColumn, String countColumn) {
    List<Row> rows = spark.sql("SELECT " + nameColumn + ", " + countColumn + ", share_pct FROM " + table
        + " ORDER BY rank, " + nameColumn + " LIMIT " + TOP).collectAsList();
    if (rows.isEmpty()) return "none";
    return rows.stream()
        .map(r -> String.format(Locale.ROOT, "%s %.1f%% (%,d)", r.getString(0), r.getDouble(2), r.getLong(1)))
        .collect(Collectors.joining(", "));
  }
}
