package org.cooplake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.StageResult;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Bronze ingest over every format, encoding, header variant and broken-file case of
 * RAW_CONTRACT.md. The class shares one landing directory; tests run in order and build on it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestJobTest extends SparkTestBase {
  private static final String B1 = "dt=2019-01-01";
  private static final String B2 = "dt=2019-01-02";
  private LandingFixture landing;
  private StageResult first;

  private static final String PROJECT_HEADER =
      "project_id,subject_id,subject_name,district,carrier_type,field,modes,start_date,end_date,amount,"
          + "contact_name,contact_phone,contact_email,updated_at";

  @BeforeAll
  void writeLanding() throws Exception {
    landing = new LandingFixture(config.landing());
    // UTF-8, English headers; quoted comma, doubled quotes and a newline inside fields
    landing.utf8("projects", B1, "a.csv", PROJECT_HEADER + "\n"
        + "BJ-2016-00001,S001,\"Acme, Inc.\",海淀区,企业,AI,研发合作;市场合作,2016-03-01,,\"1,200,000\",张三,13800000000,z@x.cn,2016-03-02\n"
        + "BJ-2016-00002,S002,\"Say \"\"hi\"\"\nsecond line\",Chaoyang,University,IC,标准,2016/3/1,2017,120万,,,,2016-03-02 10:00:00\n");
    // UTF-8 with BOM, Chinese headers in another order, spaces and case in headers, an extra column
    landing.text("projects", B1, "b.csv", " 项目编号 ,主体编号,所在区,依托单位类型,合作领域,合作方式,开始日期,更新时间,备注\n"
        + "bj-2017-00003,s003,110105,高校,医药健康,研发合作、成果转化,2017年3月,2017-04-01,加急\n",
        StandardCharsets.UTF_8, true);
    // the layout of a.csv again, in a name with a space and Chinese: read in one Spark read with a.csv, yet
    // each file keeps its own path and row numbers
    landing.utf8("projects", B1, "g [合作].csv", PROJECT_HEADER + "\n"
        + "BJ-2019-00010,S010,,海淀区,企业,AI,研发合作,2019-03-01,,,,,,2019-03-02\n"
        + "BJ-2019-00011,S011,,海淀区,企业,AI,研发合作,2019-03-01,,,,,,2019-03-02\n");
    // GB18030 (what Chinese Excel writes), mixed-case English headers
    landing.text("projects", B1, "c.csv", "PROJECT_ID, Subject_ID ,DISTRICT,Carrier_Type,Field,Modes,Start_Date,Updated_At\n"
        + "BJ-2018-00004,S004,朝阳区,科研院所,新能源智能汽车,人才交流,2018年3月1日,2018-03-05\n",
        Charset.forName("GB18030"), false);
    // one line with too many fields, one with an unbalanced quote (it swallows the rest of the file)
    landing.utf8("projects", B1, "d.csv", "project_id,subject_id,district,carrier_type,field,modes,start_date,updated_at\n"
        + "BJ-2018-00005,S005,海淀,企业,AI,研发合作,2018,2018-01-02\n"
        + "BJ-2018-00006,S006,海淀,企业,AI,研发合作,2018,2018-01-02,surplus\n"
        + "BJ-2018-00007,S007,\"海淀,企业,AI,研发合作,2018,2018-01-02\n");
    // the last field opens a quote that never closes: Spark's parser returns the record as if it were whole
    landing.utf8("projects", B1, "f.csv", "project_id,subject_id,district,carrier_type,field,modes,start_date,updated_at\n"
        + "BJ-2018-00008,S008,海淀,企业,AI,研发合作,2018,2018-01-02\n"
        + "BJ-2018-00009,S009,海淀,企业,AI,研发合作,2018,\"2018-01-02\n");
    // JSON Lines: Chinese and odd-case keys, numbers as values, a blank line, a malformed line
    landing.utf8("partners", B1, "p.jsonl", "{\"项目编号\":\"BJ-2016-00001\",\"合作方名称\":\"TU Berlin\",\"合作方国家/地区\":\"德国\",\"合作方性质\":\"大学\",\"更新时间\":\"2016-03-02\"}\n"
        + "\n"
        + "{\" Project_ID \":\"BJ-2016-00002\",\"partner_name\":\"MIT\",\"partner_country\":\"USA\",\"partner_type\":\"university\",\"updated_at\":20160302,\"note\":\"x\"}\n"
        + "{\"project_id\": \"BJ-2016-00009\", broken\n");
    // a second JSON Lines file, read with p.jsonl in one Spark read
    landing.utf8("partners", B1, "q 合作.jsonl", "{\"project_id\":\"BJ-2019-00010\",\"partner_name\":\"ETH\","
        + "\"partner_country\":\"CH\",\"partner_type\":\"university\",\"updated_at\":\"2019-03-02\"}\n"
        + "{\"project_id\":\"BJ-2019-00011\",\"partner_name\":\"KTH\",\"partner_country\":\"SE\","
        + "\"partner_type\":\"university\",\"updated_at\":\"2019-03-02\"}\n");
    // XLSX: real date cells, numbers, text, an empty cell
    landing.xlsx("projects", B2, "e.xlsx", List.of(
        Arrays.asList("项目编号", "主体编号", "所在区", "依托单位类型", "合作领域", "合作方式", "开始日期", "合作金额", "更新时间"),
        Arrays.asList("BJ-2018-00008", "S008", "Haidian District", "公司", "IC", "市场合作", LocalDate.of(2018, 3, 1), 1200000, LocalDate.of(2018, 3, 2)),
        Arrays.asList("BJ-2018-00009", "S009", "haidian", "企业", "AI", "研发合作", 43160, null, "2018-03-02")));
    // rejected as a whole: missing required columns, corrupt xlsx, unsupported type, empty file
    landing.utf8("partners", B2, "missing.csv", "project_id,partner_name,updated_at\nBJ-1,X,2019-01-01\n");
    Files.write(landing.file("partners", B2, "broken.xlsx"), new byte[] {'P', 'K', 3, 4, 0, 1, 2});
    landing.utf8("partners", B2, "notes.txt", "not data");
    landing.utf8("partners", B2, "empty.csv", "");
    first = new IngestJob().run(spark, config, RunContext.start());
  }

  private Dataset<Row> projects() {
    return spark.table(config.table(Layer.BRONZE, "projects"));
  }

  private Dataset<Row> partners() {
    return spark.table(config.table(Layer.BRONZE, "partners"));
  }

  @Test
  @Order(1)
  void csvValuesArriveAsDelivered() {
    checkAnswer(projects().where("_source_file = 'projects/dt=2019-01-01/a.csv'").select(
        "project_id", "subject_name", "district", "modes", "start_date", "end_date", "amount", "contact_name",
        "updated_at", "_row_number", "_batch", "_format", "_encoding"), rows(
        row("BJ-2016-00001", "Acme, Inc.", "海淀区", "研发合作;市场合作", "2016-03-01", null, "1,200,000", "张三",
            "2016-03-02", 1L, B1, "csv", "UTF-8"),
        row("BJ-2016-00002", "Say \"hi\"\nsecond line", "Chaoyang", "标准", "2016/3/1", "2017", "120万", null,
            "2016-03-02 10:00:00", 2L, B1, "csv", "UTF-8")));
  }

  @Test
  @Order(2)
  void filesOfOneLayoutReadTogetherKeepTheirOwnPathsAndRowNumbers() {
    checkAnswer(projects().where("_source_file LIKE '%合作].csv'").select("project_id", "_source_file", "_row_number"), rows(
        row("BJ-2019-00010", "projects/dt=2019-01-01/g [合作].csv", 1L),
        row("BJ-2019-00011", "projects/dt=2019-01-01/g [合作].csv", 2L)));
    checkAnswer(partners().where("_source_file LIKE '%合作.jsonl'").select("partner_name", "_source_file", "_row_number"),
        rows(row("ETH", "partners/dt=2019-01-01/q 合作.jsonl", 1L), row("KTH", "partners/dt=2019-01-01/q 合作.jsonl", 2L)));
  }

  @Test
  @Order(2)
  void chineseHeadersBomAndExtraColumns() {
    checkAnswer(projects().where("_source_file LIKE '%/b.csv'").select(
        "project_id", "subject_id", "district", "carrier_type", "field", "modes", "start_date", "updated_at",
        "_extra", "_encoding"), rows(
        row("bj-2017-00003", "s003", "110105", "高校", "医药健康", "研发合作、成果转化", "2017年3月", "2017-04-01",
            scala.collection.immutable.Map$.MODULE$.<String, String>empty().updated("备注", "加急"), "UTF-8-BOM")));
  }

  @Test
  @Order(3)
  void gb18030IsDetected() {
    checkAnswer(projects().where("_source_file LIKE '%/c.csv'")
        .select("project_id", "subject_id", "district", "carrier_type", "field", "start_date", "_encoding"),
        rows(row("BJ-2018-00004", "S004", "朝阳区", "科研院所", "新能源智能汽车", "2018年3月1日", "GB18030")));
  }

  @Test
  @Order(4)
  void malformedCsvLinesAreKeptAsCorruptRecords() {
    checkAnswer(projects().where("_source_file LIKE '%/d.csv'")
        .select("project_id", "_row_number", "_corrupt_reason"), rows(
        row("BJ-2018-00005", 1L, null),
        row("BJ-2018-00006", 2L, "WRONG_FIELD_COUNT"),
        row("BJ-2018-00007", 3L, "UNBALANCED_QUOTES")));
    checkAnswer(projects().where("_source_file LIKE '%/f.csv'")
        .select("project_id", "_row_number", "_corrupt_reason"), rows(
        row("BJ-2018-00008", 1L, null),
        row("BJ-2018-00009", 2L, "UNBALANCED_QUOTES")));
    Row surplus = projects().where("_source_file LIKE '%/d.csv' AND _row_number = 2").first();
    assertTrue(surplus.<String>getAs("_corrupt_record").contains("surplus"), surplus.toString());
  }

  @Test
  @Order(5)
  void jsonLinesKeysNumbersAndMalformedLines() {
    checkAnswer(partners().where("_source_file LIKE '%/p.jsonl'").select("project_id", "partner_name", "partner_country",
        "partner_type", "updated_at", "_row_number", "_corrupt_reason"), rows(
        row("BJ-2016-00001", "TU Berlin", "德国", "大学", "2016-03-02", 1L, null),
        row("BJ-2016-00002", "MIT", "USA", "university", "20160302", 3L, null),
        row(null, null, null, null, null, 4L, "MALFORMED_JSON")));
    assertEquals("x", partners().where("_row_number = 3").first().<scala.collection.Map<String, String>>getAs("_extra")
        .apply("note"));
  }

  @Test
  @Order(6)
  void xlsxDatesAndNumbersAreReadable() {
    checkAnswer(projects().where("_format = 'xlsx'").select("project_id", "district", "carrier_type", "start_date",
        "amount", "updated_at", "_row_number", "_batch"), rows(
        row("BJ-2018-00008", "Haidian District", "公司", "2018-03-01", "1200000", "2018-03-02", 1L, B2),
        row("BJ-2018-00009", "haidian", "企业", "43160", null, "2018-03-02", 2L, B2)));
  }

  @Test
  @Order(7)
  void unusableFilesAreRejectedWithAReasonAndTheRunGoesOn() {
    checkAnswer(sql("SELECT file, reason_code FROM " + config.table(Layer.OPS, "rejected_files")), rows(
        row("partners/dt=2019-01-02/missing.csv", "MISSING_REQUIRED_COLUMN"),
        row("partners/dt=2019-01-02/broken.xlsx", "UNREADABLE_FILE"),
        row("partners/dt=2019-01-02/notes.txt", "UNSUPPORTED_FORMAT"),
        row("partners/dt=2019-01-02/empty.csv", "EMPTY_FILE")));
    String reason = sql("SELECT reason FROM " + config.table(Layer.OPS, "rejected_files")
        + " WHERE reason_code = 'MISSING_REQUIRED_COLUMN'").first().getString(0);
    assertTrue(reason.contains("partner_country") && reason.contains("partner_type"), reason);
    assertEquals(4L, first.counters().get("files_rejected"));
  }

  @Test
  @Order(8)
  void bronzeRowCountsEqualRawRowsAndManifestAgrees() {
    // 2 + 2 + 1 + 1 + 3 + 2 project records; 3 + 2 partner records (blank line is not one)
    assertEquals(13L, projects().count());
    assertEquals(5L, partners().count());
    checkAnswer(sql("SELECT file, rows FROM " + config.table(Layer.OPS, "ingest_manifest") + " WHERE status = 'INGESTED'"),
        rows(row("projects/dt=2019-01-01/a.csv", 2L), row("projects/dt=2019-01-01/b.csv", 1L),
            row("projects/dt=2019-01-01/c.csv", 1L), row("projects/dt=2019-01-01/d.csv", 3L),
            row("projects/dt=2019-01-01/f.csv", 2L), row("projects/dt=2019-01-01/g [合作].csv", 2L),
            row("partners/dt=2019-01-01/q 合作.jsonl", 2L),
            row("projects/dt=2019-01-02/e.xlsx", 2L), row("partners/dt=2019-01-01/p.jsonl", 3L)));
  }

  @Test
  @Order(9)
  void rerunAddsNothingEvenWhenFilesAreTouched() throws Exception {
    Path a = config.landing().resolve("projects").resolve(B1).resolve("a.csv");
    Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    StageResult again = new IngestJob().run(spark, config, RunContext.start());
    assertEquals(0L, again.counters().get("files_new"));
    assertEquals(0L, again.counters().get("files_rejected"));
    assertEquals(13L, projects().count());
    assertEquals(5L, partners().count());
  }

  @Test
  @Order(10)
  void aFileChangedInPlaceIsRejectedNotIngestedTwice() throws Exception {
    landing.utf8("projects", B1, "b.csv", "project_id,subject_id\nX,Y\n");
    StageResult again = new IngestJob().run(spark, config, RunContext.start());
    assertEquals(1L, again.counters().get("files_rejected"));
    assertEquals(13L, projects().count());
    assertEquals(1L, sql("SELECT * FROM " + config.table(Layer.OPS, "rejected_files")
        + " WHERE reason_code = 'FILE_CHANGED_AFTER_INGEST'").count());
  }

  @Test
  @Order(11)
  void rowsLeftByADeadRunAreReplacedNotDoubled() throws Exception {
    landing.utf8("partners", "dt=2019-01-03", "late.csv",
        "project_id,partner_name,partner_country,partner_type,updated_at\nBJ-2018-00008,Oxford,UK,大学,2019-01-03\n");
    // a run that died after appending to bronze but before writing the manifest
    sql("INSERT INTO " + config.table(Layer.BRONZE, "partners") + " (project_id, _source_file, _batch, _row_number,"
        + " _format, _run_id, _ingested_at) VALUES ('BJ-2018-00008', 'partners/dt=2019-01-03/late.csv',"
        + " 'dt=2019-01-03', 1, 'csv', 'dead-run', current_timestamp())");
    new IngestJob().run(spark, config, RunContext.start());
    checkAnswer(partners().where("_source_file LIKE '%late.csv'").select("partner_name", "_row_number"),
        rows(row("Oxford", 1L)));
  }
}
