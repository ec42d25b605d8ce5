package org.cooplake.common.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.io.Inspection;
import org.cooplake.common.model.BronzeColumns;

/**
 * Per-file facts (batch, format, encoding) as a small table keyed by the file's relative path, joined
 * to the rows by broadcast. Not literal maps: Spark searches a map key by key for every row and ships
 * it inside every task, which at a few hundred files was a fifth of ingest's time.
 */
public final class FileLineage {
  static final String BATCH = "_lineage_batch";
  static final String FORMAT = "_lineage_format";
  static final String ENCODING = "_lineage_encoding";
  private static final StructType SCHEMA = new StructType()
      .add(BronzeColumns.SOURCE_FILE, DataTypes.StringType, false)
      .add(BATCH, DataTypes.StringType, false)
      .add(FORMAT, DataTypes.StringType, false)
      .add(ENCODING, DataTypes.StringType, true);

  private final Dataset<Row> byFile;

  private FileLineage(Dataset<Row> byFile) {
    this.byFile = byFile;
  }

  public static FileLineage of(SparkSession spark, List<Inspection> files) {
    List<Row> rows = new ArrayList<>();
    for (Inspection i : files) {
      rows.add(RowFactory.create(i.file().relativePath(), i.file().batch(), i.file().format(), i.encoding()));
    }
    return new FileLineage(spark.createDataFrame(rows, SCHEMA));
  }

  /** {@code rows} with {@link #batch()}, {@link #format()} and {@link #encoding()} of their {@code _source_file}. */
  Dataset<Row> join(Dataset<Row> rows) {
    return rows.join(broadcast(byFile), rows.col(BronzeColumns.SOURCE_FILE).equalTo(byFile.col(BronzeColumns.SOURCE_FILE)), "left")
        .drop(byFile.col(BronzeColumns.SOURCE_FILE));
  }

  Column batch() {
    return col(BATCH);
  }

  Column format() {
    return col(FORMAT);
  }

  Column encoding() {
    return col(ENCODING);
  }
}
