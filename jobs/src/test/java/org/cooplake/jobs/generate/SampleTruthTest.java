package org.cooplake.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cooplake.common.test.PaperFigures;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * The truth behind data/sample reproduces every figure of PAPER_FIGURES.md: the gold tables the
 * generator's plain-Java oracle wrote, read with Spark by their typed schemas — the same
 * assertions later run on the pipeline's gold tables.
 */
class SampleTruthTest extends SparkTestBase {
  private final Path gold = projectDir().resolve("data/sample/truth/gold");

  @Test
  void truthReproducesEveryPaperFigure() {
    PaperFigures.assertAll(table -> spark.read().option("header", "true").schema(GoldCsv.schema(table))
        .csv(gold.resolve(table + ".csv").toString()));
  }

  @Test
  void everyGoldTableOfTheContractIsThereWithItsColumns() {
    for (String table : GoldOracle.TABLES) {
      Dataset<Row> df = spark.read().option("header", "true").csv(gold.resolve(table + ".csv").toString());
      assertEquals(List.of(GoldCsv.schema(table).fieldNames()), List.of(df.columns()), table);
      assertTrue(df.count() > 0, table + " is empty");
    }
  }

  /** The assertions can fail: a truth moved by one subject (Chaoyang ↔ Haidian) or one cooperation is caught. */
  @Test
  void paperFiguresCatchASmallDeviation() {
    Map<String, List<Map<String, Object>>> tables = new HashMap<>();
    for (String t : GoldOracle.TABLES) tables.put(t, GoldCsv.read(gold, t));
    PaperFigures.assertAllOnRows(tables::get); // as written: passes

    AssertionError districts = assertThrows(AssertionError.class, () -> PaperFigures.assertAllOnRows(
        changed(tables, "subjects_by_district", "district_code", "110105", "subjects", 1)));
    assertTrue(districts.getMessage().contains("Chaoyang"), districts.getMessage());

    // one more German new-energy-vehicle cooperation: the United States is then second by two
    AssertionError nev = assertThrows(AssertionError.class, () -> PaperFigures.assertAllOnRows(
        changedCell(tables, "cooperations_by_country_field", "DE", "NEV", 1)));
    assertTrue(nev.getMessage().contains("second by one"), nev.getMessage());
  }

  /** The tables with one row's count moved by delta (and its share recomputed where the table has one). */
  private static Function<String, List<Map<String, Object>>> changed(Map<String, List<Map<String, Object>>> tables,
      String table, String keyColumn, String key, String countColumn, long delta) {
    return name -> {
      if (!name.equals(table)) return tables.get(name);
      List<Map<String, Object>> rows = tables.get(name).stream().map(HashMap::new).map(r -> (Map<String, Object>) r).toList();
      long total = rows.stream().mapToLong(r -> (Long) r.get(countColumn)).sum() + delta;
      for (Map<String, Object> r : rows) {
        if (key.equals(r.get(keyColumn))) r.put(countColumn, (Long) r.get(countColumn) + delta);
        r.put("share_pct", 100.0 * (Long) r.get(countColumn) / total);
      }
      return rows;
    };
  }

  private static Function<String, List<Map<String, Object>>> changedCell(Map<String, List<Map<String, Object>>> tables,
      String table, String country, String field, long delta) {
    return name -> {
      if (!name.equals(table)) return tables.get(name);
      List<Map<String, Object>> rows = tables.get(name).stream().map(HashMap::new).map(r -> (Map<String, Object>) r).toList();
      for (Map<String, Object> r : rows) {
        if (country.equals(r.get("country_code")) && field.equals(r.get("field_code"))) {
          r.put("cooperations", (Long) r.get("cooperations") + delta);
        }
      }
      return rows;
    };
  }
}
