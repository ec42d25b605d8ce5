package org.cooplake.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cooplake.common.gold.SqlTable;

/**
 * A second engine as an oracle: DuckDB computes every gold table from the same silver data
 * (exported by Spark as Parquet) with the same SQL definitions, then each table is compared with
 * Spark's gold (also exported) inside DuckDB: EXCEPT ALL both ways, doubles rounded to 1e-9.
 */
final class DuckDbPeer {
  /** Spark-only SQL and its DuckDB spelling; applied mechanically to every definition. */
  static final Map<Pattern, String> SPARK_TO_DUCKDB = Map.of(
      // explode(sequence(a, b)): one row per integer from a to b inclusive
      Pattern.compile("(?i)\\bexplode\\s*\\(\\s*sequence\\s*\\("), "unnest(generate_series(");
  static final int DOUBLE_DIGITS = 9;
  private static final int SHOWN_DIFFERENCES = 5;

  /** One gold table's comparison: rows only in DuckDB's result, rows only in Spark's, with a few examples. */
  record Comparison(String table, long duckRows, long sparkRows, long onlyDuck, long onlySpark, List<String> examples) {
    boolean equal() {
      return onlyDuck == 0 && onlySpark == 0 && duckRows == sparkRows;
    }

    String describe() {
      return String.format(Locale.ROOT, "%s: DuckDB %,d rows, Spark %,d rows; %,d only in DuckDB, %,d only in Spark%s",
          table, duckRows, sparkRows, onlyDuck, onlySpark, examples.isEmpty() ? "" : "; e.g. " + String.join(" | ", examples));
    }
  }

  record Outcome(long goldMillis, long compareMillis, long silverRows, List<Comparison> comparisons) {}

  private DuckDbPeer() {}

  /** {@code exported/silver/<table>/*.parquet} → gold in DuckDB, compared with {@code exported/gold/<table>}. */
  static Outcome run(Path exported, Path workDir, List<SqlTable> definitions) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + workDir.resolve("peer.duckdb"));
         Statement st = db.createStatement()) {
      st.execute("SET threads TO " + Integer.getInteger("cooplake.bench.cores", Runtime.getRuntime().availableProcessors()));
      st.execute("CREATE SCHEMA IF NOT EXISTS silver");
      st.execute("CREATE SCHEMA IF NOT EXISTS gold");
      st.execute("CREATE SCHEMA IF NOT EXISTS spark_gold");
      long silverRows = 0;
      for (Path dir : list(exported.resolve("silver"))) {
        st.execute("CREATE OR REPLACE VIEW silver." + dir.getFileName() + " AS SELECT * FROM " + parquet(dir));
        silverRows += count(st, "silver." + dir.getFileName());
      }
      Map<String, String> placeholders = new HashMap<>();
      placeholders.put("silver", "silver");
      placeholders.put("gold", "gold");
      long t0 = System.nanoTime();
      for (SqlTable t : definitions) {
        st.execute("CREATE OR REPLACE TABLE gold." + t.name() + " AS " + translate(t.resolve(t.select(), placeholders)));
      }
      long goldMillis = (System.nanoTime() - t0) / 1_000_000;
      long t1 = System.nanoTime();
      List<Comparison> out = new ArrayList<>();
      for (SqlTable t : definitions) {
        st.execute("CREATE OR REPLACE VIEW spark_gold." + t.name() + " AS SELECT * FROM " + parquet(exported.resolve("gold").resolve(t.name())));
        out.add(compare(db, t.name(), t.columnNames(), "gold." + t.name(), "spark_gold." + t.name()));
      }
      return new Outcome(goldMillis, (System.nanoTime() - t1) / 1_000_000, silverRows, out);
    }
  }

  static String translate(String sparkSql) {
    String sql = sparkSql;
    for (Map.Entry<Pattern, String> e : SPARK_TO_DUCKDB.entrySet()) sql = e.getKey().matcher(sql).replaceAll(e.getValue());
    return sql;
  }

  /**
   * Compares two relations over the given columns as multisets; floating-point columns (in either
   * relation) are rounded to {@value #DOUBLE_DIGITS} decimals first.
   */
  static Comparison compare(Connection db, String table, List<String> columns, String duck, String spark) throws SQLException {
    Map<String, String> duckTypes = types(db, duck);
    Map<String, String> sparkTypes = types(db, spark);
    List<String> select = new ArrayList<>();
    for (String c : columns) {
      boolean floating = isFloating(duckTypes.get(c)) || isFloating(sparkTypes.get(c));
      select.add(floating ? "round(CAST(\"" + c + "\" AS DOUBLE), " + DOUBLE_DIGITS + ") AS \"" + c + "\"" : "\"" + c + "\"");
    }
    String cols = String.join(", ", select);
    String onlyDuck = "SELECT " + cols + " FROM " + duck + " EXCEPT ALL SELECT " + cols + " FROM " + spark;
    String onlySpark = "SELECT " + cols + " FROM " + spark + " EXCEPT ALL SELECT " + cols + " FROM " + duck;
    try (Statement st = db.createStatement()) {
      List<String> examples = new ArrayList<>();
      examples.addAll(sample(st, "DuckDB has ", onlyDuck));
      examples.addAll(sample(st, "Spark has ", onlySpark));
      return new Comparison(table, count(st, duck), count(st, spark), count(st, "(" + onlyDuck + ")"),
          count(st, "(" + onlySpark + ")"), examples);
    }
  }

  private static boolean isFloating(String type) {
    return type != null && (type.startsWith("DOUBLE") || type.startsWith("FLOAT") || type.startsWith("DECIMAL"));
  }

  private static Map<String, String> types(Connection db, String relation) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
      while (rs.next()) out.put(rs.getString(1), rs.getString(2).toUpperCase(Locale.ROOT));
    }
    return out;
  }

  private static List<String> sample(Statement st, String prefix, String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(query + " LIMIT " + SHOWN_DIFFERENCES)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder(prefix).append('(');
        for (int i = 1; i <= n; i++) sb.append(i > 1 ? ", " : "").append(rs.getString(i));
        out.add(sb.append(')').toString());
      }
    }
    return out;
  }

  private static long count(Statement st, String relation) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + relation)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String parquet(Path dir) {
    return "read_parquet('" + dir.resolve("*.parquet").toString().replace("'", "''") + "')";
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
