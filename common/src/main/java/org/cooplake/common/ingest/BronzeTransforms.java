package org.cooplake.common.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.model.BronzeColumns;
import org.cooplake.common.model.Feed;

/** Pure transforms from the readers' common shape to a bronze table's rows. */
public final class BronzeTransforms {
  private BronzeTransforms() {}

  /** The bronze schema of a feed: contract columns as strings, then lineage (docs/layers.md). */
  public static StructType schema(Feed feed) {
    StructType s = new StructType();
    for (Feed.Column c : feed.columns()) {
      s = s.add(new StructField(c.name(), DataTypes.StringType, true, Metadata.empty())
          .withComment(c.chineseHeader() + (c.required() ? " (required)" : "") + "; as delivered"));
    }
    return s.add(field(BronzeColumns.EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true,
            "columns beyond the contract: header → value"))
        .add(field(BronzeColumns.CORRUPT_RECORD, DataTypes.StringType, true, "raw text of a record that could not be parsed"))
        .add(field(BronzeColumns.CORRUPT_REASON, DataTypes.StringType, true,
            "UNBALANCED_QUOTES, WRONG_FIELD_COUNT or MALFORMED_JSON when _corrupt_record is set"))
        .add(field(BronzeColumns.SOURCE_FILE, DataTypes.StringType, false, "file path relative to the landing directory"))
        .add(field(BronzeColumns.BATCH, DataTypes.StringType, false, "batch folder, e.g. dt=2019-01-02"))
        .add(field(BronzeColumns.ROW_NUMBER, DataTypes.LongType, false,
            "1-based record number in the file (CSV/XLSX: data rows after the header; JSON Lines: line number)"))
        .add(field(BronzeColumns.FORMAT, DataTypes.StringType, false, "csv, jsonl or xlsx"))
        .add(field(BronzeColumns.ENCODING, DataTypes.StringType, true, "detected encoding: UTF-8, UTF-8-BOM, GB18030"))
        .add(field(BronzeColumns.RUN_ID, DataTypes.StringType, false, "run that ingested the record"))
        .add(field(BronzeColumns.INGESTED_AT, DataTypes.TimestampType, false, "when that run started"));
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable, String comment) {
    return new StructField(name, type, nullable, Metadata.empty()).withComment(comment);
  }

  /**
   * Spreads {@code _fields} into the contract's columns (null when absent), keeps every other
   * column in {@code _extra}, and adds lineage. {@code files} supplies batch, format and encoding
   * per source file from a small table joined by broadcast (one row per file).
   */
  public static Dataset<Row> toBronze(Dataset<Row> fields, Feed feed, FileLineage files, String runId,
      Timestamp ingestedAt) {
    List<Column> out = new ArrayList<>();
    List<Column> known = new ArrayList<>();
    for (String c : feed.columnNames()) {
      out.add(element_at(col("_fields"), c).as(c));
      known.add(lit(c));
    }
    Column knownArray = array(known.toArray(Column[]::new));
    Column extra = map_filter(col("_fields"), (k, v) -> not(array_contains(knownArray, k)));
    out.add(org.apache.spark.sql.functions.when(org.apache.spark.sql.functions.size(extra).gt(0), extra)
        .as(BronzeColumns.EXTRA));
    out.add(col(BronzeColumns.CORRUPT_RECORD));
    out.add(col(BronzeColumns.CORRUPT_REASON));
    out.add(col(BronzeColumns.SOURCE_FILE));
    out.add(files.batch().as(BronzeColumns.BATCH));
    out.add(col(BronzeColumns.ROW_NUMBER));
    out.add(files.format().as(BronzeColumns.FORMAT));
    out.add(files.encoding().as(BronzeColumns.ENCODING));
    out.add(lit(runId).as(BronzeColumns.RUN_ID));
    out.add(lit(ingestedAt).as(BronzeColumns.INGESTED_AT));
    return files.join(fields).select(out.toArray(Column[]::new));
  }
}
