package org.cooplake.jobs;

import static org.cooplake.jobs.SilverFixture.partner;
import static org.cooplake.jobs.SilverFixture.project;
import static org.cooplake.jobs.SilverFixture.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.gold.SqlTable;
import org.cooplake.common.gold.SqlTableRunner;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.StageResult;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every gold table on a small silver example computed by hand:
 *
 * <pre>
 * subject district carrier            field  first mode      nature      projects (year: modes → partners)
 * S1      110108   ENTERPRISE         HEALTH 2012  MULTIPLE  MULTIPLE    P1 (2012: RD+TRANSFER → US univ, DE ent)
 *                                                                        P9 (2016: STANDARD → US ent, TW research)
 * S2      110108   UNIVERSITY         HEALTH 2012  RD        UNIVERSITY  P2 (2012: RD → US univ)
 * S3      110108   ENTERPRISE         ENV    2014  MULTIPLE  ENTERPRISE  P3 (2014: MARKET+RD → DE ent, GB ent)
 * S4      110105   ENTERPRISE         NGIT   2014  TRANSFER  ENTERPRISE  P4 (2014: TRANSFER → JP ent, HK ent)
 * S5      110105   UNIVERSITY         ENV    2015  MULTIPLE  (none)      P5 (2015: RD+TALENT → no partner)
 * S6      110101   RESEARCH_INSTITUTE HEALTH 2015  RD        MULTIPLE    P6 (2015: RD → US research, GB univ, ZA gov)
 * S7      110102   RESEARCH_INSTITUTE EQUIP  2015  MARKET    UNIVERSITY  P7 (2015: MARKET → CA univ)
 * S8      110108   INTERMEDIARY       HEALTH 2015  TALENT    ENTERPRISE  P8 (2015: TALENT → DE ent)
 * </pre>
 *
 * 8 subjects (none in 2013, none in Pinggu 110117); 14 partner rows of which 2 are Hong Kong or
 * Taiwan, so 12 foreign cooperations: US 4, DE 3, GB 2, JP 1, ZA 1, CA 1.
 */
class GoldTablesTest extends SparkTestBase {
  private StageResult result;

  @BeforeAll
  void silverAndOneAggregateRun() {
    SilverFixture.write(spark, config, "dim_districts", SilverFixture.DISTRICTS, rows(
        row("110101", "东城区", "东城", "Dongcheng", "Dongcheng District"),
        row("110102", "西城区", "西城", "Xicheng", "Xicheng District"),
        row("110105", "朝阳区", "朝阳", "Chaoyang", "Chaoyang District"),
        row("110108", "海淀区", "海淀", "Haidian", "Haidian District"),
        row("110117", "平谷区", "平谷", "Pinggu", "Pinggu District")));
    SilverFixture.write(spark, config, "dim_fields", SilverFixture.FIELDS, rows(
        row("ENV", "节能环保", "Energy saving and environmental protection"),
        row("EQUIP", "智能装备", "Intelligent equipment"),
        row("HEALTH", "医药健康", "Medicine and health"),
        row("NGIT", "新一代信息技术", "New-generation information technology"),
        row("OTHER", "其他", "Other")));
    SilverFixture.write(spark, config, "dim_carrier_types", SilverFixture.CARRIER_TYPES, rows(
        row("ENTERPRISE", "企业", "Enterprise"), row("INTERMEDIARY", "科技中介组织", "Intermediary"),
        row("RESEARCH_INSTITUTE", "科研院所", "Research institute"), row("SCIENCE_PARK", "科技园区", "Science park"),
        row("UNIVERSITY", "高等院校", "University")));
    SilverFixture.write(spark, config, "dim_countries", SilverFixture.COUNTRIES, rows(
        row("CA", "CAN", "Canada", "加拿大", "NORTH_AMERICA", false, false),
        row("CN", "CHN", "China", "中国", "ASIA", false, false),
        row("DE", "DEU", "Germany", "德国", "EUROPE", false, false),
        row("FR", "FRA", "France", "法国", "EUROPE", false, false),
        row("GB", "GBR", "United Kingdom", "英国", "EUROPE", false, false),
        row("HK", "HKG", "Hong Kong, China", "中国香港", "ASIA", true, false),
        row("JP", "JPN", "Japan", "日本", "ASIA", false, false),
        row("TW", "TWN", "Taiwan, China", "中国台湾", "ASIA", true, false),
        row("US", "USA", "United States", "美国", "NORTH_AMERICA", false, false),
        row("ZA", "ZAF", "South Africa", "南非", "AFRICA", false, false)));
    SilverFixture.writeProjects(spark, config, rows(
        project("P1", "S1", "110108", "ENTERPRISE", "HEALTH", 2012, "RD", "TRANSFER"),
        project("P2", "S2", "110108", "UNIVERSITY", "HEALTH", 2012, "RD"),
        project("P3", "S3", "110108", "ENTERPRISE", "ENV", 2014, "RD", "MARKET"),
        project("P4", "S4", "110105", "ENTERPRISE", "NGIT", 2014, "TRANSFER"),
        project("P5", "S5", "110105", "UNIVERSITY", "ENV", 2015, "RD", "TALENT"),
        project("P6", "S6", "110101", "RESEARCH_INSTITUTE", "HEALTH", 2015, "RD"),
        project("P7", "S7", "110102", "RESEARCH_INSTITUTE", "EQUIP", 2015, "MARKET"),
        project("P8", "S8", "110108", "INTERMEDIARY", "HEALTH", 2015, "TALENT"),
        project("P9", "S1", "110108", "ENTERPRISE", "HEALTH", 2016, "STANDARD")));
    SilverFixture.write(spark, config, "project_partners", SilverFixture.PARTNERS, rows(
        partner("P1", "MIT", "US", "NORTH_AMERICA", "UNIVERSITY"),
        partner("P1", "Siemens", "DE", "EUROPE", "ENTERPRISE"),
        partner("P2", "Stanford", "US", "NORTH_AMERICA", "UNIVERSITY"),
        partner("P3", "BASF", "DE", "EUROPE", "ENTERPRISE"),
        partner("P3", "Arup", "GB", "EUROPE", "ENTERPRISE"),
        partner("P4", "Sony", "JP", "ASIA", "ENTERPRISE"),
        partner("P4", "CK Hutchison", "HK", "ASIA", "ENTERPRISE"),
        partner("P6", "NIH", "US", "NORTH_AMERICA", "RESEARCH"),
        partner("P6", "Oxford", "GB", "EUROPE", "UNIVERSITY"),
        partner("P6", "DSI", "ZA", "AFRICA", "GOVERNMENT"),
        partner("P7", "Toronto", "CA", "NORTH_AMERICA", "UNIVERSITY"),
        partner("P8", "Bosch", "DE", "EUROPE", "ENTERPRISE"),
        partner("P9", "GE", "US", "NORTH_AMERICA", "ENTERPRISE"),
        partner("P9", "ITRI", "TW", "ASIA", "RESEARCH")));
    SilverFixture.write(spark, config, "subjects", SilverFixture.SUBJECTS, rows(
        subject("S1", "110108", "ENTERPRISE", "HEALTH", 2012, "MULTIPLE", "MULTIPLE", 2, 4),
        subject("S2", "110108", "UNIVERSITY", "HEALTH", 2012, "RD", "UNIVERSITY", 1, 1),
        subject("S3", "110108", "ENTERPRISE", "ENV", 2014, "MULTIPLE", "ENTERPRISE", 1, 2),
        subject("S4", "110105", "ENTERPRISE", "NGIT", 2014, "TRANSFER", "ENTERPRISE", 1, 2),
        subject("S5", "110105", "UNIVERSITY", "ENV", 2015, "MULTIPLE", null, 1, 0),
        subject("S6", "110101", "RESEARCH_INSTITUTE", "HEALTH", 2015, "RD", "MULTIPLE", 1, 3),
        subject("S7", "110102", "RESEARCH_INSTITUTE", "EQUIP", 2015, "MARKET", "UNIVERSITY", 1, 1),
        subject("S8", "110108", "INTERMEDIARY", "HEALTH", 2015, "TALENT", "ENTERPRISE", 1, 1)));
    result = new AggregateJob().run(spark, config, RunContext.start());
  }

  private Dataset<Row> gold(String table) {
    return sql("SELECT * FROM " + config.table(Layer.GOLD, table));
  }

  private static double pct(double part, double whole) {
    return 100 * part / whole;
  }

  private static double cagr(double cumulative, double first, int years) {
    return 100 * (Math.pow(cumulative / first, 1.0 / years) - 1);
  }

  @Test
  void subjectsByYearFillsTheGapYearAndRunsToTheLastStartYear() {
    checkAnswer(gold("subjects_by_year"), rows(
        row(2012, 2L, 2L, null, null, 1.0),
        row(2013, 0L, 2L, 0L, 0.0, 1.0),
        row(2014, 2L, 4L, 2L, 100.0, 2.0),
        row(2015, 4L, 8L, 4L, 100.0, 4.0),
        row(2016, 0L, 8L, 0L, 0.0, 4.0)));
  }

  @Test
  void subjectsByDistrictListsDistrictsWithSubjectsWithTiedRanks() {
    checkAnswer(gold("subjects_by_district"), rows(
        row("110108", "海淀区", "Haidian District", 4L, 50.0, 1),
        row("110105", "朝阳区", "Chaoyang District", 2L, 25.0, 2),
        row("110101", "东城区", "Dongcheng District", 1L, 12.5, 3),
        row("110102", "西城区", "Xicheng District", 1L, 12.5, 3)));
  }

  @Test
  void subjectsByCarrierTypeAndField() {
    checkAnswer(gold("subjects_by_carrier_type"), rows(
        row("ENTERPRISE", 3L, 37.5, 1), row("UNIVERSITY", 2L, 25.0, 2), row("RESEARCH_INSTITUTE", 2L, 25.0, 2),
        row("INTERMEDIARY", 1L, 12.5, 4)));
    checkAnswer(gold("subjects_by_field"), rows(
        row("HEALTH", "医药健康", "Medicine and health", 4L, 50.0, 1),
        row("ENV", "节能环保", "Energy saving and environmental protection", 2L, 25.0, 2),
        row("NGIT", "新一代信息技术", "New-generation information technology", 1L, 12.5, 3),
        row("EQUIP", "智能装备", "Intelligent equipment", 1L, 12.5, 3)));
    checkAnswer(gold("subjects_by_district_field"), rows(
        row("110108", "HEALTH", 3L, 75.0), row("110108", "ENV", 1L, 25.0),
        row("110105", "NGIT", 1L, 50.0), row("110105", "ENV", 1L, 50.0),
        row("110101", "HEALTH", 1L, 100.0), row("110102", "EQUIP", 1L, 100.0)));
  }

  @Test
  void modeClassesAndPartnerNatureWithoutSubjectsThatHaveNoPartner() {
    checkAnswer(gold("subjects_by_mode_class"), rows(
        row("MULTIPLE", 3L, 37.5), row("RD", 2L, 25.0), row("TRANSFER", 1L, 12.5), row("MARKET", 1L, 12.5),
        row("TALENT", 1L, 12.5)));
    // S5 has no partner: shares are of the 7 others
    checkAnswer(gold("subjects_by_partner_nature"), rows(
        row("MULTIPLE", 2L, pct(2, 7)), row("UNIVERSITY", 2L, pct(2, 7)), row("ENTERPRISE", 3L, pct(3, 7))));
  }

  @Test
  void cooperationsKeepHongKongAndTaiwanFlagged() {
    checkAnswer(sql("SELECT country_code, count(*), every(is_hmt) FROM " + config.table(Layer.GOLD, "cooperations")
            + " GROUP BY country_code"),
        rows(row("US", 4L, false), row("DE", 3L, false), row("GB", 2L, false), row("JP", 1L, false),
            row("ZA", 1L, false), row("CA", 1L, false), row("HK", 1L, true), row("TW", 1L, true)));
    checkAnswer(sql("SELECT project_id, partner_key, subject_id, district_code, field_code, mode_class, year FROM "
            + config.table(Layer.GOLD, "cooperations") + " WHERE country_code = 'TW'"),
        rows(row("P9", "ITRI|TW", "S1", "110108", "HEALTH", "STANDARD", 2016)));
  }

  @Test
  void continentsAndCountriesCountForeignCooperationsOnly() {
    // Asia is Japan alone: Hong Kong and Taiwan are not foreign countries
    checkAnswer(gold("cooperations_by_continent"), rows(
        row("EUROPE", 5L, pct(5, 12), 1), row("NORTH_AMERICA", 5L, pct(5, 12), 1),
        row("ASIA", 1L, pct(1, 12), 3), row("AFRICA", 1L, pct(1, 12), 3)));
    checkAnswer(gold("cooperations_by_country"), rows(
        row("US", "美国", "United States", "NORTH_AMERICA", 4L, pct(4, 12), 80.0, 1, 1),
        row("DE", "德国", "Germany", "EUROPE", 3L, 25.0, 60.0, 2, 1),
        row("GB", "英国", "United Kingdom", "EUROPE", 2L, pct(2, 12), 40.0, 3, 2),
        row("JP", "日本", "Japan", "ASIA", 1L, pct(1, 12), 100.0, 4, 1),
        row("ZA", "南非", "South Africa", "AFRICA", 1L, pct(1, 12), 100.0, 4, 1),
        row("CA", "加拿大", "Canada", "NORTH_AMERICA", 1L, pct(1, 12), 20.0, 4, 2)));
  }

  @Test
  void fieldAndModeBreakdownsUseTheProjectOfEachCooperation() {
    checkAnswer(gold("cooperations_by_continent_field"), rows(
        row("NORTH_AMERICA", "HEALTH", 4L, 80.0, 1), row("NORTH_AMERICA", "EQUIP", 1L, 20.0, 2),
        row("EUROPE", "HEALTH", 3L, 60.0, 1), row("EUROPE", "ENV", 2L, 40.0, 2),
        row("ASIA", "NGIT", 1L, 100.0, 1), row("AFRICA", "HEALTH", 1L, 100.0, 1)));
    checkAnswer(gold("cooperations_by_country_field"), rows(
        row("US", "HEALTH", 4L, 1), row("DE", "HEALTH", 2L, 2), row("GB", "HEALTH", 1L, 3),
        row("ZA", "HEALTH", 1L, 3), row("DE", "ENV", 1L, 1), row("GB", "ENV", 1L, 1),
        row("JP", "NGIT", 1L, 1), row("CA", "EQUIP", 1L, 1)));
    checkAnswer(gold("cooperations_by_continent_mode"), rows(
        row("NORTH_AMERICA", "MULTIPLE", 1L, 20.0), row("NORTH_AMERICA", "RD", 2L, 40.0),
        row("NORTH_AMERICA", "STANDARD", 1L, 20.0), row("NORTH_AMERICA", "MARKET", 1L, 20.0),
        row("EUROPE", "MULTIPLE", 3L, 60.0), row("EUROPE", "TALENT", 1L, 20.0), row("EUROPE", "RD", 1L, 20.0),
        row("ASIA", "TRANSFER", 1L, 100.0), row("AFRICA", "RD", 1L, 100.0)));
  }

  @Test
  void cooperationsByYearHasNoGapsAndGrowthFromEachMembersFirstYear() {
    String table = config.table(Layer.GOLD, "cooperations_by_year");
    checkAnswer(sql("SELECT year, cooperations, cumulative, yoy_growth_pct, cagr_pct FROM " + table
            + " WHERE dimension = 'ALL' AND member = 'ALL'"),
        rows(row(2012, 3L, 3L, null, null),
            row(2013, 0L, 3L, 0.0, 0.0),
            row(2014, 3L, 6L, 100.0, cagr(6, 3, 2)),
            row(2015, 5L, 11L, pct(5, 6), cagr(11, 3, 3)),
            row(2016, 1L, 12L, pct(1, 11), cagr(12, 3, 4))));
    checkAnswer(sql("SELECT year, cooperations, cumulative, yoy_growth_pct, cagr_pct FROM " + table
            + " WHERE dimension = 'CONTINENT' AND member = 'EUROPE'"),
        rows(row(2012, 1L, 1L, null, null),
            row(2013, 0L, 1L, 0.0, 0.0),
            row(2014, 2L, 3L, 200.0, cagr(3, 1, 2)),
            row(2015, 2L, 5L, pct(2, 3), cagr(5, 1, 3)),
            row(2016, 0L, 5L, 0.0, cagr(5, 1, 4))));
    // South Africa's series starts in its own first year
    checkAnswer(sql("SELECT year, cooperations, cumulative, yoy_growth_pct, cagr_pct FROM " + table
            + " WHERE dimension = 'COUNTRY' AND member = 'ZA'"),
        rows(row(2015, 1L, 1L, null, null), row(2016, 0L, 1L, 0.0, 0.0)));
    checkAnswer(sql("SELECT year, cumulative FROM " + table + " WHERE dimension = 'DISTRICT' AND member = '110108'"),
        rows(row(2012, 3L), row(2013, 3L), row(2014, 5L), row(2015, 6L), row(2016, 7L)));
    checkAnswer(sql("SELECT dimension, count(*), count(DISTINCT member) FROM " + table + " GROUP BY dimension"),
        rows(row("ALL", 5L, 1L), row("CONTINENT", 15L, 4L), row("COUNTRY", 20L, 6L), row("FIELD", 13L, 4L),
            row("DISTRICT", 12L, 4L)));
    // every dimension's members add up to ALL in every year (no HMT, nothing counted twice)
    checkAnswer(sql("SELECT d.dimension, d.year FROM (SELECT dimension, year, sum(cooperations) AS c FROM " + table
        + " GROUP BY dimension, year) d JOIN (SELECT year, cooperations AS c FROM " + table
        + " WHERE dimension = 'ALL') a ON a.year = d.year WHERE d.c <> a.c"), rows());
  }

  @Test
  void describeShowsTheDataDictionaryOfEveryGoldTable() throws Exception {
    for (SqlTable def : AggregateJob.definitions()) {
      String table = config.table(Layer.GOLD, def.name());
      Map<String, String> comments = sql("DESCRIBE " + table).collectAsList().stream()
          .filter(r -> !r.getString(0).isEmpty() && !r.getString(0).startsWith("#"))
          .collect(Collectors.toMap(r -> r.getString(0), r -> String.valueOf(r.get(2)), (a, b) -> a));
      for (SqlTable.ColumnDoc c : def.columns()) {
        assertEquals(c.comment(), comments.get(c.name()), table + "." + c.name());
      }
      assertEquals(def.description(), spark.catalog().getTable(table).description(), table);
      assertEquals(1, sql("DESCRIBE HISTORY " + table).count(), table + ": one commit for one run");
    }
  }

  @Test
  void theRunReportsWhatAPersonWantsToRead() {
    assertEquals(8L, result.counters().get("subjects"));
    assertEquals(12L, result.counters().get("cooperations"));
    assertEquals(2L, result.counters().get("cooperations_hmt"));
    assertEquals(AggregateJob.definitions().size(), result.counters().get("gold_tables"));
    assertEquals(List.of(
        "subjects: 8 in 4 of 5 districts",
        "cooperations: 12 foreign, with 6 countries/regions on 4 continents (+2 with Hong Kong, Macao, Taiwan)",
        "top districts: Haidian District 50.0% (4), Chaoyang District 25.0% (2), Dongcheng District 12.5% (1)",
        "top countries: United States 33.3% (4), Germany 25.0% (3), United Kingdom 16.7% (2)",
        "gold: 14 tables published, " + result.counters().get("checks_passed") + " declared checks passed"),
        result.headlines());
    assertTrue(result.counters().get("checks_passed") > 50, result.counters().toString());
  }

  @Test
  void aPartnerWithoutItsProjectStopsThePublication() {
    String partners = config.table(Layer.SILVER, "project_partners");
    SilverFixture.append(spark, config, "project_partners", SilverFixture.PARTNERS,
        rows(partner("P404", "Nobody", "FR", "EUROPE", "UNIVERSITY")));
    try {
      // the fact table and one table built on it (the runner's all-or-nothing is SqlTableRunnerTest's)
      List<SqlTable> defs = AggregateJob.definitions().stream()
          .filter(d -> List.of("cooperations", "cooperations_by_country").contains(d.name())).toList();
      CooplakeException e = assertThrows(CooplakeException.class, () -> SqlTableRunner.publish(spark, config,
          RunContext.start(), AggregateJob.NAME, Layer.GOLD, defs));
      assertEquals("QUALITY_GATE_FAILED", e.code());
      String cooperations = config.table(Layer.GOLD, "cooperations");
      assertTrue(e.getMessage().contains(cooperations + ": not_null(subject_id) — 1 offending row(s), e.g. [P404,"),
          e.getMessage());
      // yesterday's tables stay: no new version, France nowhere
      assertEquals(1, sql("DESCRIBE HISTORY " + cooperations).count());
      assertEquals(0, sql("SELECT * FROM " + config.table(Layer.GOLD, "cooperations_by_country")
          + " WHERE country_code = 'FR'").count());
    } finally {
      sql("DELETE FROM " + partners + " WHERE project_id = 'P404'");
    }
  }

  /**
   * docs/tables.md is what the catalog says after this run. To regenerate it after changing a SQL
   * header: add {@code -Dcooplake.docs.update=true} to this test's command.
   */
  @Test
  void docsTablesMdIsGeneratedFromTheCatalog() throws Exception {
    String generated = DocsJob.render(spark, config, List.of(Layer.GOLD));
    Path file = projectDir().resolve(DocsJob.OUTPUT);
    if (Boolean.getBoolean("cooplake.docs.update")) DocsJob.write(file, generated);
    assertTrue(Files.exists(file), file + " is missing; run this test with -Dcooplake.docs.update=true");
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), generated,
        "docs/tables.md differs from the catalog; run this test with -Dcooplake.docs.update=true and commit it");
    assertFalse(generated.contains(config.database(Layer.GOLD) + "."), "prints layer names, not test databases");
  }
}
