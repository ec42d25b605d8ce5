package org.cooplake.jobs;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;

/**
 * Small silver tables written inline, in exactly the shape of docs/layers.md, for gold tests.
 * Rows name only what a gold test cares about; the rest (dates, amounts, lineage) is filled in.
 */
public final class SilverFixture {
  private SilverFixture() {}

  private static final String LINEAGE = "_source_file STRING, _batch STRING, _row_number BIGINT, _run_id STRING";
  public static final String PROJECTS = "project_id STRING, subject_id STRING, subject_name STRING,"
      + " district_code STRING, carrier_type STRING, field_code STRING, modes ARRAY<STRING>, mode_class STRING,"
      + " start_date DATE, start_year INT, end_date DATE, amount_yuan DECIMAL(20,2), updated_at TIMESTAMP, " + LINEAGE;
  public static final String PARTNERS = "project_id STRING, partner_key STRING, partner_name STRING,"
      + " country_code STRING, continent STRING, is_hmt BOOLEAN, partner_type STRING, updated_at TIMESTAMP, " + LINEAGE;
  public static final String SUBJECTS = "subject_id STRING, subject_name STRING, district_code STRING,"
      + " carrier_type STRING, field_code STRING, first_year INT, mode_class STRING, nature_class STRING,"
      + " projects BIGINT, partners BIGINT";
  public static final String DISTRICTS = "district_code STRING, name_zh STRING, short_name_zh STRING, pinyin STRING,"
      + " name_en STRING";
  public static final String COUNTRIES = "country_code STRING, iso3 STRING, name_en STRING, name_zh STRING,"
      + " continent STRING, is_hmt BOOLEAN, is_region BOOLEAN";
  public static final String FIELDS = "field_code STRING, name_zh STRING, name_en STRING";
  public static final String CARRIER_TYPES = "carrier_type STRING, name_zh STRING, name_en STRING";

  private static final Timestamp UPDATED = Timestamp.valueOf("2020-01-01 00:00:00");

  /** A project starting on 1 March of {@code year}; mode_class derived from its modes. */
  public static Row project(String id, String subject, String district, String carrier, String field, int year,
      String... modes) {
    List<String> sorted = Arrays.stream(modes).sorted().distinct().toList();
    String modeClass = sorted.size() > 1 ? "MULTIPLE" : sorted.get(0);
    return RowFactory.create(id, subject, "name of " + subject, district, carrier, field, sorted, modeClass,
        Date.valueOf(year + "-03-01"), year, Date.valueOf((year + 2) + "-02-28"), new BigDecimal("100000.00"),
        UPDATED, "projects/dt=2020-01-01/p.csv", "dt=2020-01-01", 1L, "test");
  }

  public static Row partner(String project, String name, String country, String continent, String type) {
    boolean hmt = List.of("HK", "MO", "TW").contains(country);
    return RowFactory.create(project, name.toUpperCase(java.util.Locale.ROOT) + "|" + country, name, country,
        continent, hmt, type, UPDATED, "partners/dt=2020-01-01/q.csv", "dt=2020-01-01", 1L, "test");
  }

  public static Row subject(String id, String district, String carrier, String field, int firstYear,
      String modeClass, String natureClass, long projects, long partners) {
    return RowFactory.create(id, "name of " + id, district, carrier, field, firstYear, modeClass, natureClass,
        projects, partners);
  }

  public static void write(SparkSession spark, CooplakeConfig config, String table, String ddl, List<Row> rows) {
    spark.createDataFrame(rows, StructType.fromDDL(ddl)).write().format("delta").mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true").saveAsTable(config.table(Layer.SILVER, table));
  }

  public static void append(SparkSession spark, CooplakeConfig config, String table, String ddl, List<Row> rows) {
    spark.createDataFrame(rows, StructType.fromDDL(ddl)).write().format("delta").mode(SaveMode.Append)
        .saveAsTable(config.table(Layer.SILVER, table));
  }

  /** silver.projects and silver.project_modes (one row per project and mode) from the same rows. */
  public static void writeProjects(SparkSession spark, CooplakeConfig config, List<Row> projects) {
    write(spark, config, "projects", PROJECTS, projects);
    spark.sql("CREATE OR REPLACE TABLE " + config.table(Layer.SILVER, "project_modes") + " USING delta AS"
        + " SELECT project_id, explode(modes) AS mode FROM " + config.table(Layer.SILVER, "projects"));
  }
}
