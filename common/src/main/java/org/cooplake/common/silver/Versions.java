package org.cooplake.common.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Which version of a business key is current. One total order over all versions ever delivered:
 * the latest {@code updated_at} first; among equal {@code updated_at}, the first delivered (smallest
 * batch, then source file, then row number). Because the order does not depend on when a version
 * is processed, an identical re-delivery never replaces the copy already current, an older copy
 * arriving later loses, and processing batches one run at a time gives the same result as all at once.
 */
public final class Versions {
  private Versions() {}

  public static final String RANK = "_version_rank";
  public static final String BEATS = "_beats_current";
  static final String TARGET_PREFIX = "_current_";

  /** The name {@link #decide} gives to the current version's {@code column}. */
  public static String currentColumn(String column) {
    return TARGET_PREFIX + column;
  }

  /** Rank 1 = the version that wins among {@code rows} for its key. */
  public static Dataset<Row> rank(Dataset<Row> rows, List<String> keys) {
    Column[] partition = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    return rows.withColumn(RANK, row_number().over(Window.partitionBy(partition).orderBy(
        col("updated_at").desc(), col("_batch").asc(), col("_source_file").asc(), col("_row_number").asc())));
  }

  /**
   * SQL: the version whose columns carry prefix {@code s} (e.g. {@code "s."}) comes before (wins
   * over) the one with prefix {@code t}.
   */
  public static String beats(String s, String t) {
    // spelled out rather than struct(...) < struct(...): struct types differ by column comments
    // and nullability between bronze-derived rows and the silver table
    return "(" + s + "updated_at > " + t + "updated_at OR (" + s + "updated_at = " + t + "updated_at AND ("
        + s + "_batch < " + t + "_batch OR (" + s + "_batch = " + t + "_batch AND ("
        + s + "_source_file < " + t + "_source_file OR (" + s + "_source_file = " + t + "_source_file AND "
        + s + "_row_number < " + t + "_row_number))))))";
  }

  /**
   * The batch winners, each with {@link #BEATS} (no current version, or it wins over it) and the
   * current version's {@code carry} columns as {@code _current_<name>}. Reads the current table.
   */
  public static Dataset<Row> decide(Dataset<Row> winners, Dataset<Row> current, List<String> keys, List<String> carry) {
    List<Column> cols = new ArrayList<>();
    for (String k : keys) cols.add(col(k));
    for (String c : List.of("updated_at", "_batch", "_source_file", "_row_number")) cols.add(col(c).as(TARGET_PREFIX + c));
    for (String c : carry) cols.add(col(c).as(TARGET_PREFIX + c));
    Dataset<Row> t = current.select(cols.toArray(Column[]::new)).withColumn("_has_current", expr("true"));
    String beats = "(_has_current IS NULL OR " + beats("", TARGET_PREFIX) + ")";
    return winners.join(t, scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq(), "left")
        .withColumn(BEATS, expr(beats))
        .drop("_has_current", TARGET_PREFIX + "updated_at", TARGET_PREFIX + "_batch", TARGET_PREFIX + "_source_file",
            TARGET_PREFIX + "_row_number");
  }
}
