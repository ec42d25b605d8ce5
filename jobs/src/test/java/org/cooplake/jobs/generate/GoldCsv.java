package org.cooplake.jobs.generate;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.reference.Csv;

/** The gold CSVs of a truth directory (e.g. data/sample/truth/gold): their typed schemas, and a plain-Java reader. */
final class GoldCsv {
  private GoldCsv() {}

  static final Map<String, String> DDL = Map.ofEntries(
      Map.entry("subjects_by_year", "year INT, new_subjects BIGINT, cumulative_subjects BIGINT, yoy_growth BIGINT, "
          + "yoy_growth_pct DOUBLE, multiple_of_first_year DOUBLE"),
      Map.entry("subjects_by_district", "district_code STRING, district_name_zh STRING, district_name_en STRING, "
          + "subjects BIGINT, share_pct DOUBLE, rank INT"),
      Map.entry("subjects_by_carrier_type", "carrier_type STRING, subjects BIGINT, share_pct DOUBLE, rank INT"),
      Map.entry("subjects_by_field", "field_code STRING, field_name_zh STRING, field_name_en STRING, subjects BIGINT, "
          + "share_pct DOUBLE, rank INT"),
      Map.entry("subjects_by_district_field", "district_code STRING, field_code STRING, subjects BIGINT, "
          + "share_of_district_pct DOUBLE"),
      Map.entry("subjects_by_mode_class", "mode_class STRING, subjects BIGINT, share_pct DOUBLE"),
      Map.entry("subjects_by_partner_nature", "nature_class STRING, subjects BIGINT, share_pct DOUBLE"),
      Map.entry("cooperations_by_continent", "continent STRING, cooperations BIGINT, share_pct DOUBLE, rank INT"),
      Map.entry("cooperations_by_country", "country_code STRING, country_name_zh STRING, country_name_en STRING, "
          + "continent STRING, cooperations BIGINT, share_pct DOUBLE, share_of_continent_pct DOUBLE, rank INT, "
          + "rank_in_continent INT"),
      Map.entry("cooperations_by_continent_field", "continent STRING, field_code STRING, cooperations BIGINT, "
          + "share_of_continent_pct DOUBLE, rank_in_continent INT"),
      Map.entry("cooperations_by_country_field", "country_code STRING, field_code STRING, cooperations BIGINT, rank_in_field INT"),
      Map.entry("cooperations_by_continent_mode", "continent STRING, mode_class STRING, cooperations BIGINT, "
          + "share_of_continent_pct DOUBLE"),
      Map.entry("cooperations_by_year", "year INT, dimension STRING, member STRING, cooperations BIGINT, cumulative BIGINT, "
          + "yoy_growth_pct DOUBLE, cagr_pct DOUBLE"));

  static StructType schema(String table) {
    return StructType.fromDDL(DDL.get(table));
  }

  /** A gold CSV as rows of typed values (by the same schema), without Spark. */
  static List<Map<String, Object>> read(Path goldDir, String table) {
    StructType schema = schema(table);
    List<Map<String, Object>> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(goldDir.resolve(table + ".csv"), StandardCharsets.UTF_8)) {
      Csv.Table t = Csv.read(r);
      if (!t.header().equals(List.of(schema.fieldNames()))) {
        throw new AssertionError(table + ".csv header " + t.header() + " is not " + List.of(schema.fieldNames()));
      }
      for (Map<String, String> row : t.rows()) {
        Map<String, Object> typed = new HashMap<>();
        for (StructField f : schema.fields()) typed.put(f.name(), typed(row.get(f.name()), f.dataType()));
        out.add(typed);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Object typed(String v, DataType type) {
    if (v == null || v.isEmpty()) return null;
    if (type.equals(DataTypes.IntegerType)) return Integer.parseInt(v);
    if (type.equals(DataTypes.LongType)) return Long.parseLong(v);
    if (type.equals(DataTypes.DoubleType)) return Double.parseDouble(v);
    return v;
  }
}
