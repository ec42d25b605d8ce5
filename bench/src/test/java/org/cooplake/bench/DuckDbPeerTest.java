package org.cooplake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oracle must pass equal tables and catch one altered value; Spark-only SQL must run in DuckDB. */
class DuckDbPeerTest {
  @TempDir
  Path dir;

  private static final List<String> COLUMNS = List.of("district_code", "subjects", "share_pct");

  @Test
  void equalTablesPassEvenWithFloatingNoiseBelowTheRounding() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
      st.execute("CREATE TABLE duck AS SELECT * FROM (VALUES ('110108', 164::BIGINT, 100 * 164 / 365.0),"
          + " ('110105', 52::BIGINT, 100 * 52 / 365.0), ('110105', 52::BIGINT, 100 * 52 / 365.0)) t(district_code, subjects, share_pct)");
      // Spark's side as Parquet, the way the bench reads it, with noise far below 1e-9
      st.execute("COPY (SELECT district_code, subjects::INTEGER AS subjects, share_pct + 1e-13 AS share_pct FROM duck) TO '"
          + dir.resolve("spark.parquet") + "' (FORMAT parquet)");
      st.execute("CREATE VIEW spark AS SELECT * FROM read_parquet('" + dir.resolve("spark.parquet") + "')");

      DuckDbPeer.Comparison c = DuckDbPeer.compare(db, "subjects_by_district", COLUMNS, "duck", "spark");

      assertTrue(c.equal(), c.describe());
      assertEquals(3, c.duckRows());
      assertEquals(3, c.sparkRows());
    }
  }

  @Test
  void oneAlteredValueOrOneMissingDuplicateIsAMismatch() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
      st.execute("CREATE TABLE duck AS SELECT * FROM (VALUES ('110108', 164::BIGINT, 44.93),"
          + " ('110105', 52::BIGINT, 14.25), ('110105', 52::BIGINT, 14.25)) t(district_code, subjects, share_pct)");
      st.execute("CREATE TABLE altered AS SELECT district_code, subjects,"
          + " CASE WHEN district_code = '110108' THEN share_pct + 1e-6 ELSE share_pct END AS share_pct FROM duck");
      st.execute("CREATE TABLE deduplicated AS SELECT DISTINCT * FROM duck");

      DuckDbPeer.Comparison altered = DuckDbPeer.compare(db, "subjects_by_district", COLUMNS, "duck", "altered");
      DuckDbPeer.Comparison dedup = DuckDbPeer.compare(db, "subjects_by_district", COLUMNS, "duck", "deduplicated");

      assertFalse(altered.equal());
      assertEquals(1, altered.onlyDuck());
      assertEquals(1, altered.onlySpark());
      assertTrue(altered.describe().contains("110108"), altered.describe());
      assertFalse(dedup.equal());
      assertEquals(1, dedup.onlyDuck());
      assertEquals(0, dedup.onlySpark());
    }
  }

  @Test
  void explodeSequenceBecomesAnInclusiveSeries() throws Exception {
    String sql = DuckDbPeer.translate("SELECT 'ALL' AS member, explode(sequence(first_year, 2023)) AS year"
        + " FROM (SELECT 2021 AS first_year)");
    assertTrue(sql.contains("unnest(generate_series("), sql);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
         ResultSet rs = st.executeQuery(sql + " ORDER BY year")) {
      List<Integer> years = new ArrayList<>();
      while (rs.next()) years.add(rs.getInt("year"));
      assertEquals(List.of(2021, 2022, 2023), years);
    }
  }
}
