package org.cooplake.common.io;

import static org.apache.spark.sql.functions.broadcast;
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
import java.util.function.Function;
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

  /**
   * CSV files of one layout (same encoding, same header mapping) in one read; header mapped to
   * contract columns by position; malformed lines kept as corrupt records. Row numbers are right only
   * when each file is a partition of its own: call within {@link #read}.
   */
  static Dataset<Row> csv(SparkSession spark, List<Inspection> files) {
    Inspection first = files.get(0);
    HeaderMapping mapping = HeaderMapping.of(first.file().feed(), first.headers());
    StructType schema = new StructType();
    for (int i = 0; i < mapping.keys().size(); i++) schema = schema.add("c" + i, DataTypes.StringType, true);
    schema = schema.add(BronzeColumns.CORRUPT_RECORD, DataTypes.StringType, true);
    Dataset<Row> parsed = spark.read().format("csv").schema(schema)
        .option("header", "true")
        .option("enforceSchema", "true") // the header's names were mapped above; positions rule
        .option("multiLine", "true") // RFC 4180: quoted fields may hold newlines
        .option("encoding", FileInspector.sparkCharset(first.encoding()))
        .option("quote", "\"")
        .option("escape", "\"")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", BronzeColumns.CORRUPT_RECORD)
        .load(uris(files));
    List<Column> kv = new ArrayList<>();
    for (int i = 0; i < mapping.keys().size(); i++) {
      kv.add(lit(mapping.keys().get(i)));
      kv.add(col("c" + i));
    }
    Column quotes = length(col(BronzeColumns.CORRUPT_RECORD))
        .minus(length(replace(col(BronzeColumns.CORRUPT_RECORD), lit("\""), lit(""))));
    // a multi-line CSV file is never split, so it is one partition and the id's low bits count its records
    Dataset<Row> withIds = parsed.select(col("*"), col("_metadata.file_path").as("_path"), monotonically_increasing_id().as("_id"));
    Column rowNumber = col("_id").bitwiseAND(ROW_IN_PARTITION).plus(1);
    // an unterminated quote runs to the end of the file, so only the last record can hold it; counting the
    // records is a second parse, paid only by such a (rare) broken file, which is read on its own
    boolean alone = files.size() == 1;
    Column swallowedTail = alone && first.endsInsideQuotes() ? rowNumber.equalTo(lit(parsed.count())) : lit(false);
    Column fieldsAsParsed = concat_ws(",", map_values(map(kv.toArray(Column[]::new))));
    return withRelativePath(spark, files, withIds.select(
        map(kv.toArray(Column[]::new)).as("_fields"),
        when(swallowedTail.and(col(BronzeColumns.CORRUPT_RECORD).isNull()), fieldsAsParsed)
            .otherwise(col(BronzeColumns.CORRUPT_RECORD)).as(BronzeColumns.CORRUPT_RECORD),
        when(swallowedTail, lit("UNBALANCED_QUOTES"))
            .when(col(BronzeColumns.CORRUPT_RECORD).isNull(), lit(null).cast("string"))
            .when(quotes.mod(2).equalTo(1), lit("UNBALANCED_QUOTES"))
            .otherwise(lit("WRONG_FIELD_COUNT")).as(BronzeColumns.CORRUPT_REASON),
        col("_path"),
        rowNumber.as(BronzeColumns.ROW_NUMBER)));
  }

  /**
   * JSON Lines files in one read. Keys are matched to contract columns like headers (case, spaces,
   * Chinese); {@code _row_number} is the line number; blank lines are not records; a line that is not
   * a JSON object is kept as a corrupt record. Call within {@link #read}.
   */
  static Dataset<Row> jsonLines(SparkSession spark, List<Inspection> files) {
    Dataset<Row> lines = spark.read().format("text").load(uris(files))
        .select(col("value"), col("_metadata.file_path").as("_path"), col("_metadata.file_block_start").as("_block"),
            monotonically_increasing_id().as("_id"));
    Column lineNumber = blockOffsets(lines, files.size()).plus(col("_id").bitwiseAND(ROW_IN_PARTITION)).plus(1);
    Column parsed = from_json(col("value"), DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
        Map.of("mode", "PERMISSIVE"));
    Map<String, String> aliases = files.get(0).file().feed().headerAliases();
    List<Column> aliasKv = new ArrayList<>();
    aliases.forEach((h, c) -> {
      aliasKv.add(lit(h));
      aliasKv.add(lit(c));
    });
    Column aliasMap = map(aliasKv.toArray(Column[]::new));
    Column fields = transform_keys(parsed, (k, v) ->
        org.apache.spark.sql.functions.coalesce(
            element_at(aliasMap, regexp_replace(lower(trim(k)), "[\\s\\-]+", "_")), k));
    return withRelativePath(spark, files, lines.where(trim(col("value")).notEqual(""))
        .select(fields.as("_fields"), col("value"), col("_path"), lineNumber.as(BronzeColumns.ROW_NUMBER))
        .select(
            org.apache.spark.sql.functions.coalesce(col("_fields"), expr("map()").cast(
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))).as("_fields"),
            when(col("_fields").isNull(), col("value")).as(BronzeColumns.CORRUPT_RECORD),
            when(col("_fields").isNull(), lit("MALFORMED_JSON")).as(BronzeColumns.CORRUPT_REASON),
            col("_path"),
            col(BronzeColumns.ROW_NUMBER)));
  }

  /**
   * The number of lines before each split of a file that Spark reads in several splits (one
   * partition each, in file order): counted per split in one small job, then applied as a literal
   * map. When every file is read in one split no job is needed.
   */
  private static Column blockOffsets(Dataset<Row> lines, int fileCount) {
    if (lines.rdd().getNumPartitions() <= fileCount) return lit(0L);
    // one row per split
    List<Row> counts = lines.groupBy("_path", "_block").count().orderBy("_path", "_block").collectAsList();
    List<Column> kv = new ArrayList<>();
    String path = null;
    long offset = 0;
    for (Row r : counts) {
      if (!r.getString(0).equals(path)) {
        path = r.getString(0);
        offset = 0;
      }
      kv.add(concat_ws("@", lit(path), lit(Long.toString(r.getLong(1)))));
      kv.add(lit(offset));
      offset += r.getLong(2);
    }
    return element_at(map(kv.toArray(Column[]::new)), concat_ws("@", col("_path"), col("_block").cast("string")));
  }

  /**
   * The files as paths for Spark's readers: plain absolute paths (Spark does not decode a
   * percent-encoded URI, so a name with a space or Chinese would not be found), glob characters
   * escaped (a delivery named {@code [draft].csv} is a file, not a pattern).
   */
  private static String[] uris(List<Inspection> files) {
    return files.stream()
        .map(f -> f.file().path().toAbsolutePath().toString().replaceAll("([{}\\[\\]*?\\\\])", "\\\\$1"))
        .toArray(String[]::new);
  }

  /**
   * {@code rows} with {@code _path} ({@code _metadata.file_path}) replaced by {@code _source_file}, the
   * file's path relative to the landing directory. Spark reports the path as Hadoop qualified it
   * ({@code file:/…}, percent-encoded); the {@code file:///…} form is matched too. A broadcast join, not a
   * literal map: a map is searched key by key for every row and shipped inside every task (with the
   * per-file lineage maps, a fifth of ingest's time at a few hundred files). The join keeps each
   * partition's rows where they are, so row numbers taken before it hold. An unmatched path gives
   * null, which bronze's NOT NULL {@code _source_file} refuses loudly.
   */
  private static Dataset<Row> withRelativePath(SparkSession spark, List<Inspection> files, Dataset<Row> rows) {
    Column[] out = {col("_fields"), col(BronzeColumns.CORRUPT_RECORD), col(BronzeColumns.CORRUPT_REASON),
        col(BronzeColumns.SOURCE_FILE), col(BronzeColumns.ROW_NUMBER)};
    if (files.size() == 1) return rows.withColumn(BronzeColumns.SOURCE_FILE, lit(files.get(0).file().relativePath())).select(out);
    Map<String, String> byPath = new LinkedHashMap<>();
    for (Inspection f : files) {
      java.net.URI uri = f.file().path().toAbsolutePath().toUri();
      byPath.put("file:" + uri.getRawPath(), f.file().relativePath());
      try { // Hadoop's Path builds its URI like this: spaces quoted, other Unicode kept as it is
        byPath.put(new java.net.URI("file", null, uri.getPath(), null).toString(), f.file().relativePath());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(e);
      }
      byPath.put(uri.toString(), f.file().relativePath());
    }
    List<Row> pairs = new ArrayList<>();
    byPath.forEach((sparkPath, relative) -> pairs.add(RowFactory.create(sparkPath, relative)));
    Dataset<Row> paths = spark.createDataFrame(pairs, new StructType()
        .add("_known_path", DataTypes.StringType, false).add(BronzeColumns.SOURCE_FILE, DataTypes.StringType, false));
    return rows.join(broadcast(paths), rows.col("_path").equalTo(paths.col("_known_path")), "left").select(out);
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

  /**
   * Reads one feed's files with as few Spark reads as there are layouts: CSV files grouped by encoding
   * and header mapping (a file ending inside quotes alone), every JSON Lines file in one read, every
   * XLSX file in one job — a read per file made planning, not reading, the cost of a large delivery.
   * Row numbers come from each record's position in its partition, so every file must be a partition
   * of its own: the rows are handed to {@code action} (which must run the Spark jobs that use them)
   * while Spark's file packing is turned off, and the setting is restored afterwards.
   */
  public static <T> T read(SparkSession spark, Feed feed, List<Inspection> files, Function<Dataset<Row>, T> action) {
    String openCost = "spark.sql.files.openCostInBytes";
    String previous = spark.conf().getOption(openCost).getOrElse(() -> null);
    // a file "costs" a whole partition, so Spark never packs two files into one partition
    spark.conf().set(openCost, spark.conf().get("spark.sql.files.maxPartitionBytes", "134217728"));
    try {
      return action.apply(readAll(spark, feed, files));
    } finally {
      if (previous == null) spark.conf().unset(openCost);
      else spark.conf().set(openCost, previous);
    }
  }

  private static Dataset<Row> readAll(SparkSession spark, Feed feed, List<Inspection> files) {
    Map<String, List<Inspection>> csvLayouts = new LinkedHashMap<>();
    List<Inspection> jsonl = new ArrayList<>();
    List<Inspection> xlsx = new ArrayList<>();
    for (Inspection f : files) {
      if (f.file().feed() != feed) continue;
      switch (f.file().format()) {
        case "csv" -> {
          String layout = f.endsInsideQuotes() ? "alone:" + f.file().relativePath()
              : f.encoding() + "\u0000" + String.join("\u0000", HeaderMapping.of(feed, f.headers()).keys());
          csvLayouts.computeIfAbsent(layout, k -> new ArrayList<>()).add(f);
        }
        case "jsonl" -> jsonl.add(f);
        default -> xlsx.add(f);
      }
    }
    List<Dataset<Row>> parts = new ArrayList<>();
    for (List<Inspection> layout : csvLayouts.values()) parts.add(csv(spark, layout));
    if (!jsonl.isEmpty()) parts.add(jsonLines(spark, jsonl));
    if (!xlsx.isEmpty()) parts.add(xlsx(spark, xlsx));
    return parts.stream().reduce(Dataset::unionByName).orElseGet(() -> spark.createDataFrame(List.of(), FIELDS_SCHEMA));
  }
}
