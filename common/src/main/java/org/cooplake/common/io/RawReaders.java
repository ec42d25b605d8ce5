package org.cooplake.common.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_values;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.transform_keys;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.model.BronzeColumns;
import org.cooplake.common.model.Feed;

/**
 * Reads landing files with Spark into one shape shared by every format:
 * {@code _fields} (MAP: contract column or extra header → value as delivered), {@code _corrupt_record},
 * {@code _corrupt_reason}, {@code _source_file}, {@code _row_number}. CSV and JSON Lines use Spark's own
 * readers; XLSX is parsed on the executors with POI's streaming reader, one task per file.
 */
public final class RawReaders {
  /** Low 33 bits of monotonically_increasing_id(): the row's index within its partition. */
  private static final long ROW_IN_PARTITION = (1L << 33) - 1;

  private static final StructType FIELDS_SCHEMA = new StructType()
      .add("_fields", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
      .add(BronzeColumns.CORRUPT_RECORD, DataTypes.StringType, true)
      .add(BronzeColumns.CORRUPT_REASON, DataTypes.StringType, true)
      .add(BronzeColumns.SOURCE_FILE, DataTypes.StringType, false)
      .add(BronzeColumns.ROW_NUMBER, DataTypes.LongType, false);

  private RawReaders() {}

  public static StructType fieldsSchema() {
    return FIELDS_SCHEMA;
  }

  /** One CSV file, header mapped to contract columns by position; malformed lines kept as corrupt records. */
  public static Dataset<Row> csv(SparkSession spark, Inspection file) {
    HeaderMapping mapping = HeaderMapping.of(file.file().feed(), file.headers());
    StructType schema = new StructType();
    for (int i = 0; i < mapping.keys().size(); i++) schema = schema.add("c" + i, DataTypes.StringType, true);
    schema = schema.add(BronzeColumns.CORRUPT_RECORD, DataTypes.StringType, true);
    Dataset<Row> parsed = spark.read().format("csv").schema(schema)
        .option("header", "true")
        .option("enforceSchema", "true") // the header's names were mapped above; positions rule
        .option("multiLine", "true") // RFC 4180: quoted fields may hold newlines
        .option("encoding", FileInspector.sparkCharset(file.encoding()))
        .option("quote", "\"")
        .option("escape", "\"")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", BronzeColumns.CORRUPT_RECORD)
        .load(file.file().path().toUri().toString());
    List<Column> kv = new ArrayList<>();
    for (int i = 0; i < mapping.keys().size(); i++) {
      kv.add(lit(mapping.keys().get(i)));
      kv.add(col("c" + i));
    }
    Column quotes = length(col(BronzeColumns.CORRUPT_RECORD))
        .minus(length(replace(col(BronzeColumns.CORRUPT_RECORD), lit("\""), lit(""))));
    // a multi-line CSV file is never split, so it is one partition and the id's low bits count its records
    Dataset<Row> withIds = parsed.select(col("*"), monotonically_increasing_id().as("_id"));
    Column rowNumber = col("_id").bitwiseAND(ROW_IN_PARTITION).plus(1);
    // an unterminated quote runs to the end of the file, so only the last record can hold it; counting the
    // records is a second parse, paid only by such a (rare) broken file
    Column swallowedTail = file.endsInsideQuotes() ? rowNumber.equalTo(lit(parsed.count())) : lit(false);
    Column fieldsAsParsed = concat_ws(",", map_values(map(kv.toArray(Column[]::new))));
    return withIds.select(
        map(kv.toArray(Column[]::new)).as("_fields"),
        when(swallowedTail.and(col(BronzeColumns.CORRUPT_RECORD).isNull()), fieldsAsParsed)
            .otherwise(col(BronzeColumns.CORRUPT_RECORD)).as(BronzeColumns.CORRUPT_RECORD),
        when(swallowedTail, lit("UNBALANCED_QUOTES"))
            .when(col(BronzeColumns.CORRUPT_RECORD).isNull(), lit(null).cast("string"))
            .when(quotes.mod(2).equalTo(1), lit("UNBALANCED_QUOTES"))
            .otherwise(lit("WRONG_FIELD_COUNT")).as(BronzeColumns.CORRUPT_REASON),
        lit(file.file().relativePath()).as(BronzeColumns.SOURCE_FILE),
        rowNumber.as(BronzeColumns.ROW_NUMBER));
  }

  /**
   * One JSON Lines file. Keys are matched to contract columns like headers (case, spaces, Chinese);
   * {@code _row_number} is the line number; blank lines are not records; a line that is not a JSON
   * object is kept as a corrupt record.
   */
  public static Dataset<Row> jsonLines(SparkSession spark, Inspection file) {
    Dataset<Row> lines = spark.read().format("text").load(file.file().path().toUri().toString())
        .select(col("value"), col("_metadata.file_block_start").as("_block"), monotonically_increasing_id().as("_id"));
    Column lineNumber = blockOffsets(lines, spark).plus(col("_id").bitwiseAND(ROW_IN_PARTITION)).plus(1);
    Column parsed = from_json(col("value"), DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
        Map.of("mode", "PERMISSIVE"));
    Map<String, String> aliases = file.file().feed().headerAliases();
    List<Column> aliasKv = new ArrayList<>();
    aliases.forEach((h, c) -> {
      aliasKv.add(lit(h));
      aliasKv.add(lit(c));
    });
    Column aliasMap = map(aliasKv.toArray(Column[]::new));
    Column fields = transform_keys(parsed, (k, v) ->
        org.apache.spark.sql.functions.coalesce(
            element_at(aliasMap, regexp_replace(lower(trim(k)), "[\\s\\-]+", "_")), k));
    return lines.where(trim(col("value")).notEqual(""))
        .select(fields.as("_fields"), col("value"), lineNumber.as(BronzeColumns.ROW_NUMBER))
        .select(
            org.apache.spark.sql.functions.coalesce(col("_fields"), expr("map()").cast(
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))).as("_fields"),
            when(col("_fields").isNull(), col("value")).as(BronzeColumns.CORRUPT_RECORD),
            when(col("_fields").isNull(), lit("MALFORMED_JSON")).as(BronzeColumns.CORRUPT_REASON),
            lit(file.file().relativePath()).as(BronzeColumns.SOURCE_FILE),
            col(BronzeColumns.ROW_NUMBER));
  }

  /**
   * The number of lines before each split of a file that Spark reads in several splits (one
   * partition each, in file order): counted per split in one small job, then applied as a literal
   * map. A file read in one split needs no job.
   */
  private static Column blockOffsets(Dataset<Row> lines, SparkSession spark) {
    if (lines.rdd().getNumPartitions() <= 1) return lit(0L);
    List<Row> counts = lines.groupBy("_block").count().orderBy("_block").collectAsList(); // one row per split
    List<Column> kv = new ArrayList<>();
    long offset = 0;
    for (Row r : counts) {
      kv.add(lit(r.getLong(0)));
      kv.add(lit(offset));
      offset += r.getLong(1);
    }
    return element_at(map(kv.toArray(Column[]::new)), col("_block"));
  }

  /** XLSX files, one task per file, parsed where the task runs (the landing dir must be visible there). */
  public static Dataset<Row> xlsx(SparkSession spark, List<Inspection> files) {
    List<String[]> jobs = new ArrayList<>();
    Map<String, List<String>> keysByFile = new HashMap<>();
    for (Inspection f : files) {
      jobs.add(new String[] {f.file().path().toString(), f.file().relativePath()});
      keysByFile.put(f.file().relativePath(), HeaderMapping.of(f.file().feed(), f.headers()).keys());
    }
    if (jobs.isEmpty()) return spark.createDataFrame(List.of(), FIELDS_SCHEMA);
    JavaRDD<String[]> paths = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(jobs, jobs.size());
    JavaRDD<Row> rows = paths.flatMap(job -> {
      List<Row> out = new ArrayList<>();
      List<String> keys = keysByFile.get(job[1]);
      XlsxReader.read(java.nio.file.Path.of(job[0]), new ArrayList<>(), r -> {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < r.cells().size(); i++) {
          String key = i < keys.size() ? keys.get(i) : "_column_" + (i + 1);
          m.put(key, r.cells().get(i));
        }
        out.add(RowFactory.create(scala.jdk.javaapi.CollectionConverters.asScala(m), null, null, job[1], r.rowNumber()));
      });
      return out.iterator();
    });
    return spark.createDataFrame(rows, FIELDS_SCHEMA);
  }

  /** Convenience for callers that hold one feed's inspected files of every format. */
  public static Dataset<Row> read(SparkSession spark, Feed feed, List<Inspection> files) {
    Dataset<Row> all = null;
    List<Inspection> xlsx = new ArrayList<>();
    for (Inspection f : files) {
      if (f.file().feed() != feed) continue;
      Dataset<Row> one = switch (f.file().format()) {
        case "csv" -> csv(spark, f);
        case "jsonl" -> jsonLines(spark, f);
        default -> {
          xlsx.add(f);
          yield null;
        }
      };
      if (one != null) all = all == null ? one : all.unionByName(one);
    }
    if (!xlsx.isEmpty()) {
      Dataset<Row> x = xlsx(spark, xlsx);
      all = all == null ? x : all.unionByName(x);
    }
    return all == null ? spark.createDataFrame(List.of(), FIELDS_SCHEMA) : all;
  }
}
