package org.cooplake.common.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqlTableRunnerTest extends SparkTestBase {

  private static final String TOTALS = """
      -- Totals per group of the test numbers.
      -- A second line of the purpose.
      --
      -- column: grp: the group
      -- column: total: sum of the values
      -- check: unique(grp)
      -- check: not_null(grp, total)
      -- check: relationship(grp -> ${silver}.groups.grp)
      SELECT grp, sum(v) AS total
      FROM ${silver}.numbers
      GROUP BY grp;
      """;

  // reads the table staged just before it in the same run
  private static final String SHARES = """
      -- Each group's share of the grand total.
      -- column: grp: the group
      -- column: share_pct: 100 × total / grand total
      -- check: expression(share_range: share_pct BETWEEN 0 AND 100)
      SELECT grp, 100 * total / sum(total) OVER () AS share_pct FROM ${gold}.totals
      """;

  @BeforeEach
  void noGoldTablesYet() {
    for (String t : List.of("totals", "shares")) sql("DROP TABLE IF EXISTS " + gold(t));
  }

  private List<SqlTable> tables() {
    return List.of(SqlTable.parse("totals", "test/totals.sql", TOTALS),
        SqlTable.parse("shares", "test/shares.sql", SHARES));
  }

  private String silver(String t) {
    return config.table(Layer.SILVER, t);
  }

  private String gold(String t) {
    return config.table(Layer.GOLD, t);
  }

  private void numbers(String values) {
    sql("CREATE OR REPLACE TABLE " + silver("numbers") + " USING delta AS SELECT * FROM VALUES " + values
        + " AS t(grp, v)");
  }

  private List<SqlTableRunner.Published> run() {
    return SqlTableRunner.publish(spark, config, RunContext.start(), "aggregate", Layer.GOLD, tables());
  }

  @Test
  void parsesTheHeader() {
    SqlTable t = tables().get(0);
    assertEquals("Totals per group of the test numbers. A second line of the purpose.", t.description());
    assertEquals(List.of("grp", "total"), t.columnNames());
    assertEquals("the group", t.columns().get(0).comment());
    assertEquals(List.of("unique(grp)", "not_null(grp, total)", "relationship(grp -> ${silver}.groups.grp)"),
        t.checks());
    assertTrue(t.select().startsWith("SELECT grp") && t.select().endsWith("GROUP BY grp"), t.select());
    assertEquals(java.util.Set.of(new SqlTable.Input("silver", "numbers")), t.inputs());
  }

  @Test
  void replacesEachTableInOneTransactionPerRunWithCommentsAndHistory() throws Exception {
    sql("CREATE OR REPLACE TABLE " + silver("groups") + " USING delta AS SELECT * FROM VALUES ('a'), ('b') AS t(grp)");
    numbers("('a', 1), ('a', 2), ('b', 1)");
    List<SqlTableRunner.Published> first = run();
    assertEquals(List.of(new SqlTableRunner.Published(gold("totals"), 2, 0, 3),
        new SqlTableRunner.Published(gold("shares"), 2, 0, 1)), first);
    checkAnswer(sql("SELECT * FROM " + gold("shares")), rows(row("a", 75.0), row("b", 25.0)));

    String tableId = tableId(gold("totals"));

    numbers("('a', 1), ('b', 3)");
    List<SqlTableRunner.Published> second = run();
    assertEquals(1, second.get(0).version());
    assertEquals(tableId, tableId(gold("totals")), "an unchanged definition overwrites the rows, same table");
    assertEquals(2, sql("DESCRIBE HISTORY " + gold("totals")).count(), "one commit per run");
    checkAnswer(sql("SELECT * FROM " + gold("totals")), rows(row("a", 1L), row("b", 3L)));
    checkAnswer(sql("SELECT * FROM " + gold("totals") + " VERSION AS OF 0"), rows(row("a", 3L), row("b", 1L)));
    checkAnswer(sql("SELECT * FROM " + gold("shares") + " VERSION AS OF 0"), rows(row("a", 75.0), row("b", 25.0)));

    Map<String, String> comments = sql("DESCRIBE " + gold("shares")).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> String.valueOf(r.get(2)), (a, b) -> a));
    assertEquals("the group", comments.get("grp"));
    assertEquals("100 × total / grand total", comments.get("share_pct"));
    assertEquals("Each group's share of the grand total.",
        spark.catalog().getTable(gold("shares")).description());
    Map<String, String> props = sql("SHOW TBLPROPERTIES " + gold("totals")).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
    assertEquals("test/totals.sql", props.get(SqlTableRunner.PROP_SOURCE));
    assertEquals("unique(grp) ; not_null(grp, total) ; relationship(grp -> ${silver}.groups.grp)",
        props.get(SqlTableRunner.PROP_CHECKS));
    assertTrue(spark.catalog().listTables(config.database(Layer.GOLD)).collectAsList().stream()
        .noneMatch(t -> t.isTemporary()), "no staging view left behind");
  }

  @Test
  void aChangedDefinitionReplacesTheTableWithItsNewComments() {
    sql("CREATE OR REPLACE TABLE " + silver("groups") + " USING delta AS SELECT * FROM VALUES ('a'), ('b') AS t(grp)");
    numbers("('a', 1), ('b', 3)");
    run();
    String tableId = tableId(gold("shares"));

    SqlTable reworded = SqlTable.parse("shares", "test/shares.sql", SHARES.replace("100 × total / grand total",
        "percent of the grand total"));
    SqlTableRunner.publish(spark, config, RunContext.start(), "aggregate", Layer.GOLD,
        List.of(tables().get(0), reworded));
    assertTrue(!tableId.equals(tableId(gold("shares"))), "replaced");
    checkAnswer(sql("SELECT * FROM " + gold("shares")), rows(row("a", 25.0), row("b", 75.0)));
    Map<String, String> comments = sql("DESCRIBE " + gold("shares")).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> String.valueOf(r.get(2)), (a, b) -> a));
    assertEquals("percent of the grand total", comments.get("share_pct"));
    assertEquals(2, sql("DESCRIBE HISTORY " + gold("shares")).count());
  }

  private String tableId(String table) {
    return sql("DESCRIBE DETAIL " + table).first().getAs("id");
  }

  @Test
  void aFailingCheckPublishesNothing() {
    sql("CREATE OR REPLACE TABLE " + silver("groups") + " USING delta AS SELECT * FROM VALUES ('a'), ('b') AS t(grp)");
    numbers("('a', 5), ('b', 5)");
    run();
    long versionsBefore = sql("DESCRIBE HISTORY " + gold("shares")).count();

    numbers("('a', 7), ('zz', 1), (CAST(NULL AS STRING), 2)");
    CooplakeException e = assertThrows(CooplakeException.class, this::run);
    assertEquals("QUALITY_GATE_FAILED", e.code());
    String m = e.getMessage();
    assertTrue(m.contains(gold("totals") + ": relationship(grp -> " + silver("groups") + ".grp)"), m);
    assertTrue(m.contains("[zz]"), "names a sample offending row: " + m);
    assertTrue(m.contains(gold("totals") + ": not_null(grp)"), m);

    // both tables keep their last version: the check on one stops the publication of all
    checkAnswer(sql("SELECT * FROM " + gold("totals")), rows(row("a", 5L), row("b", 5L)));
    assertEquals(versionsBefore, sql("DESCRIBE HISTORY " + gold("shares")).count());
    List<Row> recorded = sql("SELECT table_name, check_name FROM " + config.table(Layer.OPS, "check_results")
        + " WHERE status = 'FAIL'").collectAsList();
    assertTrue(recorded.contains(row(gold("totals"), "not_null(grp)")), recorded.toString());
  }

  @Test
  void tablesReadingNoneOfEachOtherShareABuildLevel() {
    SqlTable totals = tables().get(0);
    SqlTable shares = tables().get(1);
    SqlTable counts = SqlTable.parse("counts", "test/counts.sql",
        "-- Rows per group.\n-- column: grp: the group\n-- column: n: rows\nSELECT grp, count(*) AS n FROM ${silver}.numbers GROUP BY grp");
    assertEquals(List.of(List.of(totals, counts), List.of(shares)),
        SqlTableRunner.levels(Layer.GOLD, List.of(totals, shares, counts)));

    CooplakeException e = assertThrows(CooplakeException.class,
        () -> SqlTableRunner.levels(Layer.GOLD, List.of(shares, totals)));
    assertEquals("TABLE_DEFINITION_INVALID", e.code());
    assertTrue(e.getMessage().contains("test/shares.sql") && e.getMessage().contains("${gold}.totals"), e.getMessage());
  }

  @Test
  void aHeaderThatDoesNotMatchTheSelectIsRefused() {
    numbers("('a', 1)");
    SqlTable wrong = SqlTable.parse("wrong", "test/wrong.sql", """
        -- A table whose header forgot a column.
        -- column: grp: the group
        SELECT grp, v FROM ${silver}.numbers
        """);
    CooplakeException e = assertThrows(CooplakeException.class, () ->
        SqlTableRunner.publish(spark, config, RunContext.start(), "aggregate", Layer.GOLD, List.of(wrong)));
    assertEquals("TABLE_DEFINITION_INVALID", e.code());
    assertTrue(e.getMessage().contains("test/wrong.sql") && e.getMessage().contains("undocumented: [v]"),
        e.getMessage());
    assertTrue(!spark.catalog().tableExists(gold("wrong")));
  }

  @Test
  void aMissingInputTableIsNamed() {
    SqlTable t = SqlTable.parse("orphan", "test/orphan.sql", """
        -- Reads a table nobody wrote.
        -- column: x: anything
        SELECT x FROM ${silver}.never_written
        """);
    CooplakeException e = assertThrows(CooplakeException.class, () ->
        SqlTableRunner.publish(spark, config, RunContext.start(), "aggregate", Layer.GOLD, List.of(t)));
    assertEquals("TABLE_MISSING", e.code());
    assertTrue(e.getMessage().contains(silver("never_written")), e.getMessage());
  }

  @Test
  void unknownPlaceholdersAndHeaderlessFilesAreRefused() {
    SqlTable t = SqlTable.parse("p", "test/p.sql", "-- Purpose.\n-- column: x: x\nSELECT 1 AS x FROM ${silverr}.t");
    CooplakeException e = assertThrows(CooplakeException.class,
        () -> t.resolve(t.select(), SqlTableRunner.placeholders(config)));
    assertTrue(e.getMessage().contains("${silverr}"), e.getMessage());
    assertEquals("TABLE_DEFINITION_INVALID",
        assertThrows(CooplakeException.class, () -> SqlTable.parse("q", "test/q.sql", "SELECT 1 AS x")).code());
  }
}
