package org.cooplake.common.quality;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.Errors;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.spark.Concurrently;

/**
 * Runs declared checks, records every result in {@code ops.check_results}, and stops the run on a
 * failure with a message naming the table, the check and sample offending rows.
 */
public final class QualityGate {
  public static final String RESULTS_TABLE = "check_results";
  private static final int SAMPLE_ROWS = 5;

  private static final StructType RESULT_SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("stage", DataTypes.StringType, false)
      .add("table_name", DataTypes.StringType, false)
      .add("check_name", DataTypes.StringType, false)
      .add("status", DataTypes.StringType, false)
      .add("violations", DataTypes.LongType, false)
      .add("samples", DataTypes.StringType, true)
      .add("checked_at", DataTypes.TimestampType, false);

  private QualityGate() {}

  /**
   * Evaluates the checks with one query per table (a run declares dozens of checks on a few tables),
   * then samples the offending rows of the checks that failed. Not one query for all: a union of
   * every check's plan is shipped whole with each of its tasks, and one such query cost three times
   * as much as one per table on the 1m benchmark (bench/results).
   */
  public static List<CheckResult> evaluate(SparkSession spark, List<Check> checks, int concurrentQueries) {
    long[] violations = new long[checks.size()];
    Map<String, List<Integer>> byTable = new LinkedHashMap<>();
    for (int i = 0; i < checks.size(); i++) byTable.computeIfAbsent(checks.get(i).table(), t -> new ArrayList<>()).add(i);
    List<List<Row>> failing = Concurrently.map(concurrentQueries, List.copyOf(byTable.values()), indices -> {
      StringBuilder query = new StringBuilder("SELECT check_index, count(*) FROM (");
      for (int i : indices) {
        if (i != indices.get(0)) query.append(" UNION ALL ");
        query.append("SELECT ").append(i).append(" AS check_index FROM (").append(checks.get(i).violationsSql()).append(")");
      }
      return spark.sql(query.append(") GROUP BY check_index").toString()).collectAsList(); // one row per failing check
    });
    for (List<Row> rows : failing) {
      for (Row r : rows) violations[r.getInt(0)] = r.getLong(1);
    }
    List<CheckResult> out = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      Check c = checks.get(i);
      List<String> sample = violations[i] == 0 ? List.of()
          : spark.sql(c.violationsSql()).limit(SAMPLE_ROWS).collectAsList().stream().map(Row::toString).toList();
      out.add(new CheckResult(c, violations[i], sample));
    }
    return out;
  }

  /** Records results in ops.check_results. */
  public static void record(SparkSession spark, CooplakeConfig config, RunContext run, String stage,
      List<CheckResult> results) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Row> rows = new ArrayList<>();
    for (CheckResult r : results) {
      rows.add(RowFactory.create(run.runId(), stage, r.check().table(), r.check().name(),
          r.passed() ? "PASS" : "FAIL", r.violations(), r.passed() ? null : String.join(" | ", r.samples()), now));
    }
    spark.createDataFrame(rows, RESULT_SCHEMA).write().format("delta").mode(SaveMode.Append)
        .saveAsTable(config.table(Layer.OPS, RESULTS_TABLE));
  }

  /** Evaluate, record, and throw if any check failed. */
  public static List<CheckResult> enforce(SparkSession spark, CooplakeConfig config, RunContext run, String stage,
      List<Check> checks) {
    List<CheckResult> results = evaluate(spark, checks, config.concurrentActions());
    record(spark, config, run, stage, results);
    List<CheckResult> failed = results.stream().filter(r -> !r.passed()).toList();
    if (!failed.isEmpty()) throw Errors.checksFailed(stage, failed);
    return results;
  }
}
