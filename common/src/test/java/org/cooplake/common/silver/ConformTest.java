package org.cooplake.common.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.size;
import static org.cooplake.common.test.BronzeFixture.partner;
import static org.cooplake.common.test.BronzeFixture.project;
import static org.cooplake.common.test.BronzeFixture.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cooplake.common.model.Feed;
import org.cooplake.common.reference.ReferenceData;
import org.cooplake.common.test.BronzeFixture;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conform transforms on inline bronze rows: every alias family, every reason code, nothing personal kept. */
class ConformTest extends SparkTestBase {
  private Lookups lookups;

  @BeforeAll
  void loadReference() {
    lookups = Lookups.of(spark, ReferenceData.load());
  }

  private Dataset<Row> projects(List<Map<String, String>> records) {
    return ProjectsConform.conform(spark.createDataFrame(
        BronzeFixture.rows(Feed.PROJECTS, "r1", "dt=2019-01-01", "a.csv", records), BronzeFixture.schema(Feed.PROJECTS)), lookups);
  }

  private Dataset<Row> partners(List<Map<String, String>> records) {
    return PartnersConform.conform(spark.createDataFrame(
        BronzeFixture.rows(Feed.PARTNERS, "r1", "dt=2019-01-01", "a.csv", records), BronzeFixture.schema(Feed.PARTNERS)), lookups);
  }

  /** One record per spelling, the spelling in {@code column}, project_id = the spelling (to read the result back). */
  private static List<Map<String, String>> spellings(Map<String, String> base, String column, String... values) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String v : values) out.add(with(base, "project_id", "P-" + out.size(), column, v));
    return out;
  }

  @Test
  void districtAliases() {
    String[] spellings = {"海淀区", "海淀", "Haidian", "Haidian District", "110108", "ＨＡＩＤＩＡＮ", "  haidian   district ",
        "１１０１０８", "北京市海淀区"};
    List<Row> result = projects(spellings(project("x", "S1"), "district", spellings))
        .select("district_code", Conform.REASON_CODES).collectAsList();
    assertEquals(spellings.length, result.size());
    for (Row r : result) assertEquals("110108", r.getString(0), r.toString());
    checkAnswer(projects(spellings(project("x", "S1"), "district", "朝阳区", "Chaoyang", "延庆", "Yanqing District", "110101"))
        .select("district_code"), rows(row("110105"), row("110105"), row("110119"), row("110119"), row("110101")));
  }

  @Test
  void carrierTypeAliases() {
    checkAnswer(projects(spellings(project("x", "S1"), "carrier_type", "企业", "公司", "Enterprise", "高等院校", "高校", "大学",
            "UNIVERSITY", "科研院所", "研究所", "科研机构", "Research Institute", "科技中介组织", "中介机构", "intermediary",
            "科技园区", "园区", "science park", "ｅｎｔｅｒｐｒｉｓｅ"))
            .select("project_id", "carrier_type"),
        rows(row("P-0", "ENTERPRISE"), row("P-1", "ENTERPRISE"), row("P-2", "ENTERPRISE"), row("P-3", "UNIVERSITY"),
            row("P-4", "UNIVERSITY"), row("P-5", "UNIVERSITY"), row("P-6", "UNIVERSITY"), row("P-7", "RESEARCH_INSTITUTE"),
            row("P-8", "RESEARCH_INSTITUTE"), row("P-9", "RESEARCH_INSTITUTE"), row("P-10", "RESEARCH_INSTITUTE"),
            row("P-11", "INTERMEDIARY"), row("P-12", "INTERMEDIARY"), row("P-13", "INTERMEDIARY"),
            row("P-14", "SCIENCE_PARK"), row("P-15", "SCIENCE_PARK"), row("P-16", "SCIENCE_PARK"), row("P-17", "ENTERPRISE")));
  }

  @Test
  void fieldAliases() {
    checkAnswer(projects(spellings(project("x", "S1"), "field", "新一代信息技术", "集成电路", "Medicine and Health", "智能装备",
            "节能环保", "新能源智能汽车", "new materials", "人工智能", "软件和信息服务", "科技服务业", "其他", "ngit", "AI",
            "integrated circuits"))
            .select("project_id", "field_code"),
        rows(row("P-0", "NGIT"), row("P-1", "IC"), row("P-2", "HEALTH"), row("P-3", "EQUIP"), row("P-4", "ENV"),
            row("P-5", "NEV"), row("P-6", "MATERIAL"), row("P-7", "AI"), row("P-8", "SOFTWARE"), row("P-9", "STSERV"),
            row("P-10", "OTHER"), row("P-11", "NGIT"), row("P-12", "AI"), row("P-13", "IC")));
  }

  @Test
  void modeAliasesAndClass() {
    checkAnswer(projects(spellings(project("x", "S1"), "modes", "研发合作", "成果转化与推广", "成果转化", "市场合作",
            "人才引进与交流", "人才交流", "标准制定", "标准", "R&D cooperation", "Market Cooperation",
            "研发合作；成果转化 、 标准", "研发合作/研发合作", "talent introduction and exchange + standard setting"))
            .select(col("project_id"), col("modes"), col("mode_class")),
        rows(row("P-0", List.of("RD"), "RD"), row("P-1", List.of("TRANSFER"), "TRANSFER"),
            row("P-2", List.of("TRANSFER"), "TRANSFER"), row("P-3", List.of("MARKET"), "MARKET"),
            row("P-4", List.of("TALENT"), "TALENT"), row("P-5", List.of("TALENT"), "TALENT"),
            row("P-6", List.of("STANDARD"), "STANDARD"), row("P-7", List.of("STANDARD"), "STANDARD"),
            row("P-8", List.of("RD"), "RD"), row("P-9", List.of("MARKET"), "MARKET"),
            row("P-10", List.of("RD", "STANDARD", "TRANSFER"), "MULTIPLE"), row("P-11", List.of("RD"), "RD"),
            row("P-12", List.of("STANDARD", "TALENT"), "MULTIPLE")));
  }

  @Test
  void countryAndPartnerTypeAliases() {
    List<Map<String, String>> records = new ArrayList<>();
    String[][] countries = {{"美国", "US"}, {"美利坚合众国", "US"}, {"United States", "US"}, {"United States of America", "US"},
        {"USA", "US"}, {"U.S.", "US"}, {"us", "US"}, {"ＵＳＡ", "US"}, {"UK", "GB"}, {"Britain", "GB"}, {"England", "GB"},
        {"South Korea", "KR"}, {"Korea", "KR"}, {"Republic of Korea", "KR"}, {"韩国", "KR"}, {"南韩", "KR"},
        {"Russia", "RU"}, {"Holland", "NL"}, {"DEU", "DE"}, {"欧盟", "EU"}, {"EU", "EU"}, {"European Union", "EU"},
        {"香港", "HK"}, {"Macao", "MO"}, {"台湾", "TW"}};
    for (String[] c : countries) records.add(partner("P1", "Org " + c[0], c[0]));
    List<Row> result = partners(records).select("partner_name", "country_code", "continent", "is_hmt", "partner_key")
        .collectAsList();
    assertEquals(countries.length, result.size());
    for (Row r : result) {
      String spelling = r.getString(0).substring(4);
      String expected = java.util.Arrays.stream(countries).filter(c -> c[0].equals(spelling)).findFirst().orElseThrow()[1];
      assertEquals(expected, r.getString(1), spelling);
      assertEquals(List.of("HK", "MO", "TW").contains(expected), r.getBoolean(3), spelling);
      assertEquals(("ORG " + spelling.toUpperCase(java.util.Locale.ROOT)).replace("ＵＳＡ", "USA") + "|" + expected, r.getString(4));
    }
    checkAnswer(partners(List.of(partner("P1", "a", "欧盟"), partner("P1", "b", "香港"), partner("P1", "c", "Brazil")))
            .select("partner_name", "continent"),
        rows(row("a", "EUROPE"), row("b", "ASIA"), row("c", "SOUTH_AMERICA")));

    List<Map<String, String>> types = new ArrayList<>();
    String[] spellings = {"大学", "高校", "University", "企业", "公司", "研究机构", "研究所", "Research Institution", "政府",
        "政府机构", "国际组织", "International Organisation", "行业组织", "行业协会", "学会"};
    for (String t : spellings) types.add(with(partner("P1", "Org " + types.size(), "US"), "partner_type", t));
    checkAnswer(partners(types).select("partner_name", "partner_type"),
        rows(row("Org 0", "UNIVERSITY"), row("Org 1", "UNIVERSITY"), row("Org 2", "UNIVERSITY"), row("Org 3", "ENTERPRISE"),
            row("Org 4", "ENTERPRISE"), row("Org 5", "RESEARCH"), row("Org 6", "RESEARCH"), row("Org 7", "RESEARCH"),
            row("Org 8", "GOVERNMENT"), row("Org 9", "GOVERNMENT"), row("Org 10", "INTL_ORG"), row("Org 11", "INTL_ORG"),
            row("Org 12", "INDUSTRY_ORG"), row("Org 13", "INDUSTRY_ORG"), row("Org 14", "INDUSTRY_ORG")));
  }

  @Test
  void goodProjectIsFullyConformed() {
    Map<String, String> p = with(project(" bj-2016-00123 ", "ｓ００４２"), "subject_name", "  北京 某某 科技  ",
        "start_date", "2018年3月", "end_date", "43525", "amount", "1.2亿元", "updated_at", "2019-01-02T10:20:30Z");
    checkAnswer(projects(List.of(p)).drop(Conform.RAW),
        rows(row("BJ-2016-00123", "S0042", "北京 某某 科技", "110108", "ENTERPRISE", "AI", List.of("RD"), "RD",
            Date.valueOf("2018-03-01"), 2018, Date.valueOf("2019-03-01"), new BigDecimal("120000000.00"),
            Timestamp.valueOf("2019-01-02 10:20:30"), "projects/dt=2019-01-01/a.csv", "dt=2019-01-01", 1L, "r1", List.of())));
  }

  @Test
  void everyProjectReasonCode() {
    Map<String, String> ok = project("P", "S1");
    List<Map<String, String>> records = List.of(
        with(ok, "project_id", "  "),                                           // 1
        with(ok, "subject_id", null),                                           // 2
        with(ok, "district", null),                                             // 3
        with(ok, "district", "Gotham"),                                         // 4
        with(ok, "carrier_type", ""),                                           // 5
        with(ok, "carrier_type", "hospital"),                                   // 6
        with(ok, "field", null),                                                // 7
        with(ok, "field", "astrology"),                                         // 8
        with(ok, "modes", " ; "),                                               // 9
        with(ok, "modes", "研发合作;踢足球"),                                     // 10
        with(ok, "start_date", null),                                           // 11
        with(ok, "start_date", "2019-02-30"),                                   // 12
        with(ok, "end_date", "someday"),                                        // 13
        with(ok, "start_date", "2019-01-01", "end_date", "2018-12-31"),         // 14
        with(ok, "amount", "a lot"),                                            // 15
        with(ok, "amount", "-3万"),                                             // 16
        with(ok, "updated_at", null),                                           // 17
        with(ok, "updated_at", "last tuesday"),                                 // 18
        with(ok, "_corrupt_record", "P,S1,\"unbalanced", "_corrupt_reason", "UNBALANCED_QUOTES"), // 19
        with(ok, "project_id", null, "district", "Gotham", "start_date", "2020", "end_date", "2019", "amount", "-1"), // 20
        ok);                                                                    // 21
    Dataset<Row> conformed = projects(records);
    // every column is computed for rejected rows too (mode_class of an empty mode list included)
    assertEquals(records.size(), conformed.collectAsList().size());
    checkAnswer(conformed.select(col("_row_number"), col(Conform.REASON_CODES)),
        rows(row(1L, List.of("MISSING_PROJECT_ID")), row(2L, List.of("MISSING_SUBJECT_ID")),
            row(3L, List.of("MISSING_DISTRICT")), row(4L, List.of("UNKNOWN_DISTRICT")),
            row(5L, List.of("MISSING_CARRIER_TYPE")), row(6L, List.of("UNKNOWN_CARRIER_TYPE")),
            row(7L, List.of("MISSING_FIELD")), row(8L, List.of("UNKNOWN_FIELD")),
            row(9L, List.of("MISSING_MODES")), row(10L, List.of("UNKNOWN_MODE")),
            row(11L, List.of("MISSING_START_DATE")), row(12L, List.of("BAD_DATE")), row(13L, List.of("BAD_DATE")),
            row(14L, List.of("END_BEFORE_START")), row(15L, List.of("BAD_AMOUNT")), row(16L, List.of("NEGATIVE_AMOUNT")),
            row(17L, List.of("MISSING_UPDATED_AT")), row(18L, List.of("BAD_UPDATED_AT")),
            row(19L, List.of("MALFORMED_RECORD")),
            row(20L, List.of("MISSING_PROJECT_ID", "UNKNOWN_DISTRICT", "END_BEFORE_START", "NEGATIVE_AMOUNT")),
            row(21L, List.of())));
  }

  @Test
  void everyPartnerReasonCode() {
    Map<String, String> ok = partner("P1", "MIT", "US");
    List<Map<String, String>> records = List.of(
        with(ok, "project_id", null),
        with(ok, "partner_name", " "),
        with(ok, "partner_country", null),
        with(ok, "partner_country", "Atlantis"),
        with(ok, "partner_country", "中国"),
        with(ok, "partner_type", null),
        with(ok, "partner_type", "pirates"),
        with(ok, "updated_at", ""),
        with(ok, "updated_at", "2019-13-45"),
        with(ok, "_corrupt_record", "{\"project_id\": ", "_corrupt_reason", "MALFORMED_JSON"),
        with(ok, "project_id", "", "partner_country", "China", "partner_type", "pirates"),
        with(ok, "partner_country", "香港"));
    checkAnswer(partners(records).select(col("_row_number"), col(Conform.REASON_CODES)),
        rows(row(1L, List.of("MISSING_PROJECT_ID")), row(2L, List.of("MISSING_PARTNER_NAME")),
            row(3L, List.of("MISSING_PARTNER_COUNTRY")), row(4L, List.of("UNKNOWN_COUNTRY")),
            row(5L, List.of("DOMESTIC_PARTNER")), row(6L, List.of("MISSING_PARTNER_TYPE")),
            row(7L, List.of("UNKNOWN_PARTNER_TYPE")), row(8L, List.of("MISSING_UPDATED_AT")),
            row(9L, List.of("BAD_UPDATED_AT")), row(10L, List.of("MALFORMED_RECORD")),
            row(11L, List.of("MISSING_PROJECT_ID", "DOMESTIC_PARTNER", "UNKNOWN_PARTNER_TYPE")), row(12L, List.of())));
  }

  @Test
  void onlyRejectedRowsCarryRawValues() {
    Dataset<Row> conformed = projects(List.of(project("P1", "S1"), with(project("P2", "S1"), "district", "Gotham")));
    checkAnswer(conformed.select(col("_row_number"), col(Conform.RAW).isNull(), size(col(Conform.REASON_CODES))),
        rows(row(1L, true, 0), row(2L, false, 1)));
  }

  @Test
  void rawValuesKeepNothingPersonal() {
    // a short line: the reader put the phone number where the amount should be
    Dataset<Row> conformed = projects(List.of(with(project("P1", "S1"), "district", "Gotham"),
        with(project("P2", "S1"), "amount", "13800138000", "_corrupt_record", "P2,S1,张三,13800138000",
            "_corrupt_reason", "WRONG_FIELD_COUNT")));
    checkAnswer(conformed.select(col("_row_number"), map_keys(col(Conform.RAW))),
        rows(row(1L, List.of("project_id", "subject_id", "subject_name", "district", "carrier_type", "field", "modes",
                "start_date", "amount", "updated_at")),
            row(2L, List.of("_corrupt_reason", "_corrupt_record_sha256", "_corrupt_record_length"))));
    // what of a rejected row reaches silver is its raw map (the quarantine)
    String all = conformed.select(org.apache.spark.sql.functions.to_json(col(Conform.RAW))).collectAsList().toString();
    for (String personal : List.of("张三", "13800138000", "zhang.san@example.cn", "contact")) {
      assertEquals(-1, all.indexOf(personal), personal + " leaked into " + all);
    }
  }
}
