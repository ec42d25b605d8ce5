package org.cooplake.common.test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.model.BronzeColumns;
import org.cooplake.common.model.Feed;
import org.cooplake.common.ingest.BronzeTransforms;
import org.cooplake.common.ingest.IngestTables;

/**
 * Writes bronze rows for tests, shaped as docs/layers.md says ingest writes them: every contract
 * column a STRING, then the lineage columns. Records are maps column → raw value; a record may
 * set {@code _corrupt_record} / {@code _corrupt_reason} to stand for a line the reader could not parse.
 */
public final class BronzeFixture {
  private BronzeFixture() {}

  public static StructType schema(Feed feed) {
    return BronzeTransforms.schema(feed);
  }

  /** Bronze rows of one file ({@code <feed>/<batch>/<file>}), row numbers 1.. in list order. */
  public static List<Row> rows(Feed feed, String runId, String batch, String file, List<Map<String, String>> records) {
    List<Row> out = new ArrayList<>();
    Timestamp at = Timestamp.valueOf("2024-01-01 00:00:00");
    long n = 0;
    for (Map<String, String> r : records) {
      List<Object> v = new ArrayList<>();
      for (String c : feed.columnNames()) v.add(r.get(c));
      v.add(Map.of());
      v.add(r.get(BronzeColumns.CORRUPT_RECORD));
      v.add(r.get(BronzeColumns.CORRUPT_REASON));
      v.add(feed.dirName() + "/" + batch + "/" + file);
      v.add(batch);
      v.add(++n);
      v.add(file.substring(file.lastIndexOf('.') + 1));
      v.add("UTF-8");
      v.add(runId);
      v.add(at);
      out.add(RowFactory.create(v.toArray()));
    }
    return out;
  }

  /** Appends to the bronze table of {@code feed} (the bronze tables created as ingest creates them). */
  public static void append(SparkSession spark, CooplakeConfig config, Feed feed, String runId, String batch, String file,
      List<Map<String, String>> records) {
    IngestTables.ensure(spark, config);
    spark.createDataFrame(toScalaMaps(rows(feed, runId, batch, file, records)), schema(feed))
        .write().format("delta").mode(SaveMode.Append).saveAsTable(config.table(Layer.BRONZE, feed.dirName()));
  }

  private static List<Row> toScalaMaps(List<Row> rows) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      Object[] v = new Object[r.length()];
      for (int i = 0; i < v.length; i++) {
        Object x = r.get(i);
        v[i] = x instanceof Map<?, ?> m ? scala.jdk.javaapi.CollectionConverters.asScala(m) : x;
      }
      out.add(RowFactory.create(v));
    }
    return out;
  }

  /** A valid projects record; override with {@link #with}. Contact details are set so tests can look for leaks. */
  public static Map<String, String> project(String projectId, String subjectId) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("project_id", projectId);
    m.put("subject_id", subjectId);
    m.put("subject_name", "主体" + subjectId);
    m.put("district", "海淀区");
    m.put("carrier_type", "企业");
    m.put("field", "人工智能");
    m.put("modes", "研发合作");
    m.put("start_date", "2018-03-01");
    m.put("end_date", null);
    m.put("amount", "120万");
    m.put("contact_name", "张三" + projectId);
    m.put("contact_phone", "13800138000");
    m.put("contact_email", "zhang.san@example.cn");
    m.put("updated_at", "2019-01-01 00:00:00");
    return m;
  }

  /** A valid partners record. */
  public static Map<String, String> partner(String projectId, String name, String country) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("project_id", projectId);
    m.put("partner_name", name);
    m.put("partner_country", country);
    m.put("partner_type", "大学");
    m.put("updated_at", "2019-01-01 00:00:00");
    return m;
  }

  /** A copy of {@code record} with {@code column, value} pairs replaced. */
  public static Map<String, String> with(Map<String, String> record, String... columnThenValue) {
    Map<String, String> m = new LinkedHashMap<>(record);
    for (int i = 0; i < columnThenValue.length; i += 2) m.put(columnThenValue[i], columnThenValue[i + 1]);
    return m;
  }
}
