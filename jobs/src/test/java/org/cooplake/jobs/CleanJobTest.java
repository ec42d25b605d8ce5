package org.cooplake.jobs;

import static org.cooplake.common.test.BronzeFixture.partner;
import static org.cooplake.common.test.BronzeFixture.project;
import static org.cooplake.common.test.BronzeFixture.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.model.Feed;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.StageResult;
import org.cooplake.common.spark.Sessions;
import org.cooplake.common.test.BronzeFixture;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The clean stage on real Delta tables. Two deliveries are cleaned one run at a time in this
 * class's own databases ({@link #config}) and both at once in a second set ({@link #once}); the
 * tests then read what the runs left behind, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CleanJobTest extends SparkTestBase {
  private static final String B1 = "dt=2019-01-01";
  private static final String B2 = "dt=2019-01-02";
  private static final List<String> PERSONAL = List.of("13800138000", "zhang.san@example.cn", "张三");

  private final CleanJob job = new CleanJob();
  private CooplakeConfig once;
  private StageResult run1;
  private StageResult run2;
  private StageResult runOnce;

  // --- the two deliveries -------------------------------------------------------------------------

  private static List<Map<String, String>> projects1() {
    return List.of(
        with(project("BJ-1", "S1"), "updated_at", "2019-01-01 08:00:00"),
        with(project("BJ-2", "S1"), "district", "Chaoyang", "carrier_type", "高校", "field", "集成电路",
            "modes", "市场合作；人才交流", "start_date", "2017/6/1", "amount", "1,500,000", "updated_at", "2019-01-01"),
        with(project("BJ-3", "S2"), "district", "Gotham", "amount", "-1"),
        // an older version of BJ-1 in the same file: loses
        with(project("bj-1 ", "S1"), "district", "西城", "updated_at", "2018-12-01"),
        with(project("BJ-5", "S3"), "start_date", "20180301", "end_date", "2020年3月", "amount", null),
        project("BJ-8", "S9"));
  }

  private static List<Map<String, String>> partners1() {
    return List.of(
        partner("BJ-1", "MIT", "美国"),
        partner("BJ-1", "Tsinghua", "中国"),
        partner("BJ-9", "Oxford", "UK"),
        with(partner("BJ-2", "Siemens", "德国"), "partner_type", "企业"),
        // same partner as row 1 once normalised, later: wins
        with(partner("bj-1", " mit ", "USA"), "updated_at", "2019-01-02 00:00:00"));
  }

  private static List<Map<String, String>> projects2() {
    return List.of(
        with(project("BJ-1", "S1"), "field", "IC", "modes", "研发合作;标准制定", "updated_at", "2019-02-01 00:00:00"),
        // an older copy of BJ-2 arriving late: loses
        with(project("BJ-2", "S1"), "district", "西城", "updated_at", "2018-06-01"),
        // identical re-delivery of BJ-5: changes nothing
        with(project("BJ-5", "S3"), "start_date", "20180301", "end_date", "2020年3月", "amount", null),
        with(project("BJ-9", "S4"), "district", "110105", "start_date", "2016", "modes", "成果转化", "updated_at", "2019-01-10"),
        with(project(" bj-6", "s1"), "start_date", "43160", "updated_at", "2019-01-15 00:00:00"),
        // BJ-8 moves to subject S1: S9 is left without projects
        with(project("BJ-8", "S1"), "start_date", "2015", "updated_at", "2019-01-20"));
  }

  private static List<Map<String, String>> partners2() {
    return List.of(
        with(partner("BJ-2", "Siemens", "Germany"), "partner_type", "研究机构", "updated_at", "2019-03-01"),
        partner("BJ-7", "ETH Zurich", "瑞士"));
  }

  private static void deliver(org.apache.spark.sql.SparkSession spark, CooplakeConfig c, String runId, String batch,
      List<Map<String, String>> projects, List<Map<String, String>> partners) {
    BronzeFixture.append(spark, c, Feed.PROJECTS, runId, batch, "p.csv", projects);
    BronzeFixture.append(spark, c, Feed.PARTNERS, runId, batch, "q.csv", partners);
  }

  private StageResult clean(CooplakeConfig c, String runId) {
    return job.run(spark, c, new RunContext(runId, Instant.parse("2024-02-01T00:00:00Z")));
  }

  @BeforeAll
  void runBothWays() {
    deliver(spark, config, "ingest-1", B1, projects1(), partners1());
    run1 = clean(config, "clean-1");
    deliver(spark, config, "ingest-2", B2, projects2(), partners2());
    run2 = clean(config, "clean-2");

    once = testConfig(warehouse.resolve("once"), config.database(Layer.SILVER).replace("silver", "once_"));
    Sessions.createDatabases(spark, once);
    deliver(spark, once, "ingest-1", B1, projects1(), partners1());
    deliver(spark, once, "ingest-2", B2, projects2(), partners2());
    runOnce = clean(once, "clean-once");
  }

  private Dataset<Row> table(CooplakeConfig c, String name) {
    return spark.table(c.table(Layer.SILVER, name));
  }

  private static Map<String, Long> counters(StageResult r, String feed) {
    Map<String, Long> m = new LinkedHashMap<>();
    r.counters().forEach((k, v) -> {
      if (k.startsWith(feed + ".")) m.put(k.substring(feed.length() + 1), v);
    });
    return m;
  }

  // --- tests ---------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void latestVersionWinsPerProject() {
    checkAnswer(table(config, "projects").select("project_id", "subject_id", "district_code", "carrier_type", "field_code",
            "modes", "mode_class", "start_date", "start_year", "end_date", "amount_yuan", "updated_at", "_batch", "_row_number"),
        rows(row("BJ-1", "S1", "110108", "ENTERPRISE", "IC", List.of("RD", "STANDARD"), "MULTIPLE", Date.valueOf("2018-03-01"),
                2018, null, new BigDecimal("1200000"), Timestamp.valueOf("2019-02-01 00:00:00"), B2, 1L),
            row("BJ-2", "S1", "110105", "UNIVERSITY", "IC", List.of("MARKET", "TALENT"), "MULTIPLE", Date.valueOf("2017-06-01"),
                2017, null, new BigDecimal("1500000"), Timestamp.valueOf("2019-01-01 00:00:00"), B1, 2L),
            // the first delivery stays current: the identical copy of batch 2 did not replace it
            row("BJ-5", "S3", "110108", "ENTERPRISE", "AI", List.of("RD"), "RD", Date.valueOf("2018-03-01"), 2018,
                Date.valueOf("2020-03-01"), null, Timestamp.valueOf("2019-01-01 00:00:00"), B1, 5L),
            row("BJ-9", "S4", "110105", "ENTERPRISE", "AI", List.of("TRANSFER"), "TRANSFER", Date.valueOf("2016-01-01"), 2016,
                null, new BigDecimal("1200000"), Timestamp.valueOf("2019-01-10 00:00:00"), B2, 4L),
            row("BJ-6", "S1", "110108", "ENTERPRISE", "AI", List.of("RD"), "RD", Date.valueOf("2018-03-01"), 2018, null,
                new BigDecimal("1200000"), Timestamp.valueOf("2019-01-15 00:00:00"), B2, 5L),
            row("BJ-8", "S1", "110108", "ENTERPRISE", "AI", List.of("RD"), "RD", Date.valueOf("2015-01-01"), 2015, null,
                new BigDecimal("1200000"), Timestamp.valueOf("2019-01-20 00:00:00"), B2, 6L)));
    checkAnswer(table(config, "project_modes"),
        rows(row("BJ-1", "RD"), row("BJ-1", "STANDARD"), row("BJ-2", "MARKET"), row("BJ-2", "TALENT"), row("BJ-5", "RD"),
            row("BJ-9", "TRANSFER"), row("BJ-6", "RD"), row("BJ-8", "RD")));
  }

  @Test
  @Order(2)
  void partnersLatePartnersAndPending() {
    checkAnswer(table(config, "project_partners").select("project_id", "partner_key", "partner_name", "country_code",
            "continent", "is_hmt", "partner_type", "updated_at", "_batch", "_row_number"),
        rows(row("BJ-1", "MIT|US", "mit", "US", "NORTH_AMERICA", false, "UNIVERSITY", Timestamp.valueOf("2019-01-02 00:00:00"),
                B1, 5L),
            row("BJ-2", "SIEMENS|DE", "Siemens", "DE", "EUROPE", false, "RESEARCH", Timestamp.valueOf("2019-03-01 00:00:00"),
                B2, 1L),
            // parked in run 1, joined when BJ-9 arrived in run 2
            row("BJ-9", "OXFORD|GB", "Oxford", "GB", "EUROPE", false, "UNIVERSITY", Timestamp.valueOf("2019-01-01 00:00:00"),
                B1, 3L)));
    checkAnswer(table(config, "pending_partners").select("project_id", "partner_key", "_batch", "_row_number", "parked_run_id"),
        rows(row("BJ-7", "ETH ZURICH|CH", B2, 2L, "clean-2")));
  }

  @Test
  @Order(3)
  void subjectsFollowTheDefinitions() {
    // S9 lost its only project to S1 and is gone
    checkAnswer(table(config, "subjects"),
        rows(row("S1", "主体S1", "110108", "ENTERPRISE", "IC", 2015, "MULTIPLE", "MULTIPLE", 4L, 2L, 2L),
            row("S3", "主体S3", "110108", "ENTERPRISE", "AI", 2018, "RD", null, 1L, 0L, 0L),
            row("S4", "主体S4", "110105", "ENTERPRISE", "AI", 2016, "TRANSFER", "UNIVERSITY", 1L, 1L, 1L)));
  }

  @Test
  @Order(4)
  void quarantineListsEveryReasonWithoutPersonalData() {
    checkAnswer(table(config, "quarantine").select("feed", "source_file", "row_number", "batch", "run_id", "reason_codes",
            "clean_run_id"),
        rows(row("projects", "projects/" + B1 + "/p.csv", 3L, B1, "ingest-1", List.of("UNKNOWN_DISTRICT", "NEGATIVE_AMOUNT"),
                "clean-1"),
            row("partners", "partners/" + B1 + "/q.csv", 2L, B1, "ingest-1", List.of("DOMESTIC_PARTNER"), "clean-1")));
    checkAnswer(table(config, "quarantine").where("feed = 'partners'").selectExpr("raw"),
        rows(row(Map.of("project_id", "BJ-1", "partner_name", "Tsinghua", "partner_country", "中国", "partner_type", "大学",
            "updated_at", "2019-01-01 00:00:00"))));
  }

  @Test
  @Order(5)
  void reconciliationHoldsExactlyPerRunAndFeed() {
    checkAnswer(spark.table(config.table(Layer.OPS, "reconciliation")).select("run_id", "feed", "rows_read", "pending_before",
            "current_rows", "superseded", "quarantined", "pending_after", "balanced"),
        rows(row("clean-1", "projects", 6L, 0L, 4L, 1L, 1L, 0L, true),
            row("clean-1", "partners", 5L, 0L, 2L, 1L, 1L, 1L, true),
            row("clean-2", "projects", 6L, 0L, 4L, 2L, 0L, 0L, true),
            row("clean-2", "partners", 2L, 1L, 2L, 0L, 0L, 1L, true)));
    assertEquals(Map.of("read", 6L, "current", 4L, "superseded", 1L, "quarantined", 1L, "quarantined.UNKNOWN_DISTRICT", 1L,
        "quarantined.NEGATIVE_AMOUNT", 1L), counters(run1, "projects"));
    assertEquals(2L, counters(run2, "partners").get("current"));
    assertTrue(run2.headlines().get(1).contains("1 waiting for their project"), run2.headlines().toString());
  }

  @Test
  @Order(6)
  void twoRunsGiveTheSameSilverAsOne() {
    for (String t : List.of("projects", "project_modes", "project_partners", "subjects")) {
      checkAnswer(table(config, t).drop("_run_id"), table(once, t).drop("_run_id"));
    }
    checkAnswer(table(config, "pending_partners").drop("_run_id", "parked_run_id"),
        table(once, "pending_partners").drop("_run_id", "parked_run_id"));
    checkAnswer(table(config, "quarantine").drop("run_id", "clean_run_id", "quarantined_at"),
        table(once, "quarantine").drop("run_id", "clean_run_id", "quarantined_at"));
    checkAnswer(spark.table(once.table(Layer.OPS, "reconciliation")).select("feed", "rows_read", "pending_before",
            "current_rows", "superseded", "quarantined", "pending_after"),
        rows(row("projects", 12L, 0L, 6L, 5L, 1L, 0L), row("partners", 7L, 0L, 3L, 2L, 1L, 1L)));
  }

  @Test
  @Order(7)
  void noContactDetailAnywhereInSilver() {
    for (Row t : sql("SHOW TABLES IN " + config.database(Layer.SILVER)).collectAsList()) {
      if (t.getBoolean(2)) continue; // temporary views of the session, not tables of this database
      String name = config.database(Layer.SILVER) + "." + t.getString(1);
      StringBuilder where = new StringBuilder("false");
      for (String p : PERSONAL) where.append(" OR to_json(struct(*)) LIKE '%").append(p).append("%'");
      assertEquals(0L, sql("SELECT * FROM " + name + " WHERE " + where).count(), name + " holds contact details");
    }
  }

  @Test
  @Order(8)
  void runningAgainChangesNothing() {
    List<String> tables = List.of("projects", "project_modes", "project_partners", "pending_partners", "subjects", "quarantine");
    Map<String, List<Row>> before = new LinkedHashMap<>();
    for (String t : tables) before.put(t, table(config, t).collectAsList());

    // nothing new in bronze: nothing to do
    StageResult again = clean(config, "clean-3");
    assertEquals(0L, again.counters().get("projects.read"));
    // a retried run: the silver writes of run 2 happened but it was never marked as cleaned (as
    // when a run fails at its checks), so its bronze rows are processed again
    sql("DELETE FROM " + config.table(Layer.OPS, "clean_progress") + " WHERE bronze_run_id = 'ingest-2'");
    StageResult retried = clean(config, "clean-4");
    assertEquals(Map.of("read", 6L, "current", 0L, "superseded", 6L, "quarantined", 0L), counters(retried, "projects"));
    assertEquals(Map.of("read", 2L, "current", 0L, "superseded", 1L, "quarantined", 0L, "pending_before", 0L, "pending", 1L),
        counters(retried, "partners"));

    for (String t : tables) checkAnswer(table(config, t), before.get(t));
  }

  @Test
  @Order(9)
  void aFailingCheckStopsTheRun() {
    sql("INSERT INTO " + config.table(Layer.SILVER, "project_partners") + " SELECT 'BJ-404', partner_key, partner_name,"
        + " country_code, continent, is_hmt, partner_type, updated_at, _source_file, _batch, _row_number, _run_id FROM "
        + config.table(Layer.SILVER, "project_partners") + " WHERE project_id = 'BJ-1'");
    CooplakeException e = assertThrows(CooplakeException.class, () -> clean(config, "clean-5"));
    assertEquals("QUALITY_GATE_FAILED", e.code());
    assertTrue(e.getMessage().contains("relationship(project_id -> " + config.table(Layer.SILVER, "projects")), e.getMessage());
    assertTrue(e.getMessage().contains("BJ-404"), e.getMessage());
  }
}
