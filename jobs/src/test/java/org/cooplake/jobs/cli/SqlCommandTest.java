package org.cooplake.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Test;

class SqlCommandTest extends SparkTestBase {

  private String run(SqlCommand cmd, String sql) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      cmd.runOne(spark, sql, out);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static SqlCommand command(SqlCommand.Format format, boolean write) {
    SqlCommand c = new SqlCommand();
    c.format = format;
    c.write = write;
    c.maxRows = 1000;
    return c;
  }

  @Test
  void csvIsAHeaderAndPlainRowsOnly() {
    String t = config.table(Layer.GOLD, "sql_probe");
    sql("CREATE TABLE " + t + " (district STRING, subjects BIGINT, share_pct DOUBLE) USING delta");
    sql("INSERT INTO " + t + " VALUES ('海淀区', 164, 44.93), ('Chaoyang, \"East\"', 52, 14.25)");
    String csv = run(command(SqlCommand.Format.csv, false), "SELECT * FROM " + t + " ORDER BY subjects DESC");
    assertEquals("district,subjects,share_pct\n海淀区,164,44.93\n\"Chaoyang, \"\"East\"\"\",52,14.25\n", csv);
    String json = run(command(SqlCommand.Format.json, false), "SELECT * FROM " + t + " WHERE subjects = 164");
    assertEquals("{\"district\":\"海淀区\",\"subjects\":164,\"share_pct\":44.93}\n", json);
    String table = run(command(SqlCommand.Format.table, false), "SELECT district FROM " + t + " WHERE subjects = 164");
    assertTrue(table.contains("| 海淀区   |"), table);
  }

  @Test
  void readOnlyUnlessWrite() {
    String t = config.table(Layer.GOLD, "sql_guard");
    for (String s : List.of("CREATE TABLE " + t + " (a INT) USING delta", "INSERT INTO x VALUES (1)",
        "DROP TABLE x", "DELETE FROM x", "MERGE INTO x USING y ON 1=1 WHEN MATCHED THEN DELETE", "ALTER TABLE x ADD COLUMN b INT",
        "/* sneaky */ UPDATE x SET a = 1", "OPTIMIZE x", "VACUUM x")) {
      CooplakeException e = assertThrows(CooplakeException.class, () -> run(command(SqlCommand.Format.csv, false), s), s);
      assertEquals("READ_ONLY", e.code());
    }
    run(command(SqlCommand.Format.csv, true), "CREATE TABLE " + t + " (a INT) USING delta");
    assertEquals("a\n", run(command(SqlCommand.Format.csv, false), "SELECT * FROM " + t));
    assertEquals("DESCRIBE", SqlCommand.firstKeyword("-- comment\n describe x"));
  }

  @Test
  void badSqlIsAClearError() {
    CooplakeException e = assertThrows(CooplakeException.class,
        () -> run(command(SqlCommand.Format.csv, false), "SELECT * FROM no_such_db.no_such_table"));
    assertEquals("SQL_ERROR", e.code());
    assertTrue(e.userMessage().contains("no_such_table"), e.userMessage());
  }

  @Test
  void statementsSplitOutsideQuotesAndComments() {
    assertEquals(List.of("SELECT ';' AS a", "SELECT 2"),
        SqlCommand.splitStatements("SELECT ';' AS a; -- trailing; comment\nSELECT 2;"));
  }
}
