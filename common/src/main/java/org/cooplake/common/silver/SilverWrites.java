package org.cooplake.common.silver;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.silver.SilverTables.Spec;

/** The Delta writes of the clean stage: MERGEs that touch only the keys a run changed, and ops appends. */
public final class SilverWrites {
  private SilverWrites() {}

  /** What a MERGE did, from the metrics row Delta returns. */
  public record MergeCounts(long inserted, long updated, long deleted) {
    public long written() {
      return inserted + updated;
    }

    static MergeCounts of(Dataset<Row> metrics) {
      Row r = metrics.first();
      return new MergeCounts(r.getAs("num_inserted_rows"), r.getAs("num_updated_rows"), r.getAs("num_deleted_rows"));
    }
  }

  /** The source's columns for every column of the table, as a MERGE assignment map. */
  static Map<String, Column> assignments(Spec spec) {
    Map<String, Column> m = new LinkedHashMap<>();
    for (String c : spec.columnNames()) m.put(c, col("s." + c));
    return m;
  }

  private static DeltaMergeBuilder merge(SparkSession spark, CooplakeConfig config, Spec spec, Dataset<Row> source,
      List<String> keys) {
    List<String> on = new ArrayList<>();
    for (String k : keys) on.add("t." + k + " = s." + k);
    return DeltaTable.forName(spark, spec.table(config)).as("t").merge(source.as("s"), String.join(" AND ", on));
  }

  /**
   * New versions into a current-row table: a key's row is replaced only when the incoming version
   * wins in {@link Versions}' order (so a stale or identical copy changes nothing), else inserted.
   */
  public static MergeCounts upsertVersions(SparkSession spark, CooplakeConfig config, Spec spec, Dataset<Row> versions,
      List<String> keys) {
    Dataset<Row> source = versions.select(spec.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
    return MergeCounts.of(merge(spark, config, spec, source, keys)
        .whenMatched(Versions.beats("s.", "t.")).update(assignments(spec))
        .whenNotMatched().insert(assignments(spec))
        .execute());
  }

  /**
   * Rows keyed by {@code keys} from {@code source}, which carries a boolean {@code _delete}: rows
   * to delete are removed, others inserted, or updated when a column other than the keys and
   * {@code bookkeeping} differs (so an unchanged row is not rewritten).
   */
  public static MergeCounts syncRows(SparkSession spark, CooplakeConfig config, Spec spec, Dataset<Row> source,
      List<String> keys, List<String> bookkeeping) {
    List<String> differs = new ArrayList<>();
    for (String c : spec.columnNames()) {
      if (!keys.contains(c) && !bookkeeping.contains(c)) differs.add("NOT (t." + c + " <=> s." + c + ")");
    }
    return MergeCounts.of(merge(spark, config, spec, source, keys)
        .whenMatched("s._delete").delete()
        .whenMatched(String.join(" OR ", differs)).update(assignments(spec))
        .whenNotMatched("NOT s._delete").insert(assignments(spec))
        .execute());
  }

  /** Rows keyed by {@code keys} that are not in the table yet (a row already there is never changed). */
  public static MergeCounts insertNew(SparkSession spark, CooplakeConfig config, Spec spec, Dataset<Row> source,
      List<String> keys) {
    return MergeCounts.of(merge(spark, config, spec, source, keys).whenNotMatched().insert(assignments(spec)).execute());
  }

  public static void append(SparkSession spark, CooplakeConfig config, Spec spec, List<Row> rows) {
    StructType schema = StructType.fromDDL(spec.columns());
    spark.createDataFrame(rows, schema).write().format("delta").mode(SaveMode.Append).saveAsTable(spec.table(config));
  }

  public static List<Row> reconciliationRows(String runId, List<FeedBalance> balances, Timestamp at) {
    List<Row> rows = new ArrayList<>();
    for (FeedBalance b : balances) {
      rows.add(RowFactory.create(runId, b.feed(), b.rowsRead(), b.pendingBefore(), b.current(), b.superseded(),
          b.quarantined(), b.pendingAfter(), b.balanced(), at));
    }
    return rows;
  }
}
