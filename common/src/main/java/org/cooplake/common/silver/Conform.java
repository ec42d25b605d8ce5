package org.cooplake.common.silver;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cooplake.common.model.BronzeColumns;
import org.cooplake.common.model.Feed;

/** What the two feeds' conform steps share: malformed records, reason codes, the raw-values map. */
public final class Conform {
  private Conform() {}

  public static final String REASON_CODES = "reason_codes";
  public static final String RAW = "_raw";

  /** A record the reader could not parse: its fields mean nothing, so it gets this one code only. */
  static Column malformed() {
    return col(BronzeColumns.CORRUPT_RECORD).isNotNull().or(col(BronzeColumns.CORRUPT_REASON).isNotNull());
  }

  static Column reasonCodes(Column malformed, Column reasons) {
    return when(malformed, array(lit(ReasonCode.MALFORMED_RECORD.name()))).otherwise(reasons);
  }

  /**
   * The raw values a steward needs to fix a rejected row: every contract column except personal
   * data, as delivered (absent ones left out). A malformed record's fields cannot be trusted to be
   * in their columns (a short CSV line shifts a phone number into {@code amount}) and its text may
   * hold a name or a phone anywhere: only its reason, length and SHA-256 are kept (the text stays
   * in bronze, found by source file and row number). Extra columns are not copied either: their
   * headers are unknown, so they may be personal.
   */
  static Column rawValues(Feed feed) {
    List<Column> kv = new ArrayList<>();
    for (String c : PersonalData.shareableColumns(feed)) {
      kv.add(lit(c));
      kv.add(col(c));
    }
    Column values = map_filter(map(kv.toArray(Column[]::new)), (k, v) -> v.isNotNull());
    Column corrupt = map(lit(BronzeColumns.CORRUPT_REASON), col(BronzeColumns.CORRUPT_REASON),
        lit("_corrupt_record_sha256"), sha2(col(BronzeColumns.CORRUPT_RECORD), 256),
        lit("_corrupt_record_length"), length(col(BronzeColumns.CORRUPT_RECORD)).cast("string"));
    return when(malformed(), map_filter(corrupt, (k, v) -> v.isNotNull())).otherwise(values);
  }

  /**
   * The conformed rows with raw values on rejected rows only: only the quarantine reads them, and
   * carried on every row they were the bulk of the clean stage's cache (1.46 GB for the 1m
   * benchmark's rows; at 4m the cache spilled to disk).
   */
  static Dataset<Row> rawOfRejectedOnly(Dataset<Row> conformed) {
    return conformed.withColumn(RAW, when(size(col(REASON_CODES)).gt(0), col(RAW)));
  }

  /** The code when the condition holds, else null (dropped by array_compact). */
  static Column code(Column condition, ReasonCode code) {
    return when(condition, lit(code.name()));
  }

  public static Dataset<Row> accepted(Dataset<Row> conformed) {
    return conformed.where(size(col(REASON_CODES)).equalTo(0));
  }

  public static Dataset<Row> rejected(Dataset<Row> conformed) {
    return conformed.where(size(col(REASON_CODES)).gt(0));
  }
}
