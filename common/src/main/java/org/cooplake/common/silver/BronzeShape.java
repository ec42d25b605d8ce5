package org.cooplake.common.silver;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.model.BronzeColumns;
import org.cooplake.common.model.Feed;

/**
 * The shape of a bronze table as docs/layers.md fixes it and the clean stage reads it: every
 * contract column a STRING, then the lineage columns.
 */
public final class BronzeShape {
  private BronzeShape() {}

  public static StructType of(Feed feed) {
    StructType s = new StructType();
    for (String c : feed.columnNames()) s = s.add(c, DataTypes.StringType);
    return s.add(BronzeColumns.EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add(BronzeColumns.CORRUPT_RECORD, DataTypes.StringType)
        .add(BronzeColumns.CORRUPT_REASON, DataTypes.StringType)
        .add(BronzeColumns.SOURCE_FILE, DataTypes.StringType)
        .add(BronzeColumns.BATCH, DataTypes.StringType)
        .add(BronzeColumns.ROW_NUMBER, DataTypes.LongType)
        .add(BronzeColumns.FORMAT, DataTypes.StringType)
        .add(BronzeColumns.ENCODING, DataTypes.StringType)
        .add(BronzeColumns.RUN_ID, DataTypes.StringType)
        .add(BronzeColumns.INGESTED_AT, DataTypes.TimestampType);
  }
}
