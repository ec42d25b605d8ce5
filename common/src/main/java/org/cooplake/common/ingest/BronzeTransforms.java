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
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.model.BronzeColumns;
import org.cooplake.common.model.Feed;

/** Pure transforms from the readers' common shape to a bronze table's rows. */
public final class BronzeTransforms {
  private BronzeTransforms() {}

  /** The bronze schema of a feed: contract columns as strings, then lineage (docs/layers.md). */
  public static StructType schema(Feed feed) {
    StructType s = new StructType();
    for (String c : feed.columnNames()) s = s.add(c, DataTypes.StringType, true);
    return s.add(BronzeColumns.EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
        .add(BronzeColumns.CORRUPT_RECORD, DataTypes.StringType, true)
        .add(BronzeColumns.CORRUPT_REASON, DataTypes.StringType, true)
        .add(BronzeColumns.SOURCE_FILE, DataTypes.StringType, false)
        .add(BronzeColumns.BATCH, DataTypes.StringType, false)
        .add(BronzeColumns.ROW_NUMBER, DataTypes.LongType, false)
        .add(BronzeColumns.FORMAT, DataTypes.StringType, false)
        .add(BronzeColumns.ENCODING, DataTypes.StringType, true)
        .add(BronzeColumns.RUN_ID, DataTypes.StringType, false)
        .add(BronzeColumns.INGESTED_AT, DataTypes.TimestampType, false);
  }

  /**
   * Spreads {@code _fields} into the contract's columns (null when absent), keeps every other
   * column in {@code _extra}, and adds lineage. {@code files} supplies batch, format and encoding
   * per source file as literal lookups (one entry per file, small).
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
    out.add(files.batch(col(BronzeColumns.SOURCE_FILE)).as(BronzeColumns.BATCH));
    out.add(col(BronzeColumns.ROW_NUMBER));
    out.add(files.format(col(BronzeColumns.SOURCE_FILE)).as(BronzeColumns.FORMAT));
    out.add(files.encoding(col(BronzeColumns.SOURCE_FILE)).as(BronzeColumns.ENCODING));
    out.add(lit(runId).as(BronzeColumns.RUN_ID));
    out.add(lit(ingestedAt).as(BronzeColumns.INGESTED_AT));
    return fields.select(out.toArray(Column[]::new));
  }
}
