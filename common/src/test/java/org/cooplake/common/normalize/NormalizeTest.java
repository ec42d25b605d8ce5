package org.cooplake.common.normalize;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Test;

/** Each accepted spelling of RAW_CONTRACT.md through the normalisation functions, and what is refused. */
class NormalizeTest extends SparkTestBase {

  private Dataset<Row> raw(String... values) {
    List<Row> rows = Arrays.stream(values).map(v -> row(v)).toList();
    return spark.createDataFrame(rows, new StructType().add("v", DataTypes.StringType));
  }

  private static Date d(String iso) {
    return Date.valueOf(iso);
  }

  @Test
  void keysFoldWidthCaseAndSpaces() {
    checkAnswer(raw(" bj-2016-00123 ", "ＢＪ－２０１６－００１２３", "BJ-2016-00123", "\u3000s00042\u00A0", null, "   ")
            .select(col("v"), Text.idKey(col("v")), Text.codeKey(col("v"))),
        rows(row(" bj-2016-00123 ", "BJ-2016-00123", "bj-2016-00123"),
            row("ＢＪ－２０１６－００１２３", "BJ-2016-00123", "bj-2016-00123"),
            row("BJ-2016-00123", "BJ-2016-00123", "bj-2016-00123"),
            row("\u3000s00042\u00A0", "S00042", "s00042"),
            row(null, null, null),
            row("   ", null, null)));
    checkAnswer(raw("Haidian   District", "  ＵＳＡ ", "１１０１０８").select(Text.codeKey(col("v"))),
        rows(row("haidian district"), row("usa"), row("110108")));
    // ASCII text skips the width folding and, with only single plain spaces, the regular expression:
    // every other whitespace must still take the slow path
    checkAnswer(raw("a\tb", "a  b", "a\nb", "a\u000Bb", "a\fb", "a\r\nb", " a b ", "a\u00A0b", "Ａ\tb")
            .select(col("v"), Text.codeKey(col("v"))),
        rows(row("a\tb", "a b"), row("a  b", "a b"), row("a\nb", "a b"), row("a\u000Bb", "a b"), row("a\fb", "a b"),
            row("a\r\nb", "a b"), row(" a b ", "a b"), row("a\u00A0b", "a b"), row("Ａ\tb", "a b")));
  }

  @Test
  void modesSplitOnEverySeparator() {
    checkAnswer(raw("研发合作;市场合作", "研发合作；市场合作", "研发合作,市场合作", "研发合作，市场合作", "研发合作、市场合作",
            "研发合作/市场合作", "研发合作|市场合作", "研发合作+市场合作", "研发合作 ； 市场合作 ;", "R&D Cooperation",
            "研发合作;研发合作", "R&D\tCooperation ;  Market   COOPERATION|", null)
            .select(col("v"), Modes.splitKeys(col("v"))),
        rows(row("研发合作;市场合作", List.of("研发合作", "市场合作")),
            row("研发合作；市场合作", List.of("研发合作", "市场合作")),
            row("研发合作,市场合作", List.of("研发合作", "市场合作")),
            row("研发合作，市场合作", List.of("研发合作", "市场合作")),
            row("研发合作、市场合作", List.of("研发合作", "市场合作")),
            row("研发合作/市场合作", List.of("研发合作", "市场合作")),
            row("研发合作|市场合作", List.of("研发合作", "市场合作")),
            row("研发合作+市场合作", List.of("研发合作", "市场合作")),
            row("研发合作 ； 市场合作 ;", List.of("研发合作", "市场合作")),
            row("R&D Cooperation", List.of("r&d cooperation")),
            row("研发合作;研发合作", List.of("研发合作")),
            row("R&D\tCooperation ;  Market   COOPERATION|", List.of("r&d cooperation", "market cooperation")),
            row(null, null)));
  }

  @Test
  void everyDateStyle() {
    checkAnswer(raw("2018-03-01", "2018/3/1", "2018.03.01", "20180301", "2018年3月1日", "2018年3月", "2018",
            "43160", "２０１８－０３－０１", " 2018 年 3 月 1 日 ", "2018-03-01 00:00:00", "2018-03-01T10:00:00",
            "2018年", "2018-3-1", "43160.0", "1900-01-01", "2100年12月31日")
            .select(col("v"), Dates.parseDate(col("v"))),
        rows(row("2018-03-01", d("2018-03-01")), row("2018/3/1", d("2018-03-01")),
            row("2018.03.01", d("2018-03-01")), row("20180301", d("2018-03-01")),
            row("2018年3月1日", d("2018-03-01")), row("2018年3月", d("2018-03-01")),
            row("2018", d("2018-01-01")), row("43160", d("2018-03-01")),
            row("２０１８－０３－０１", d("2018-03-01")), row(" 2018 年 3 月 1 日 ", d("2018-03-01")),
            row("2018-03-01 00:00:00", d("2018-03-01")), row("2018-03-01T10:00:00", d("2018-03-01")),
            row("2018年", d("2018-01-01")), row("2018-3-1", d("2018-03-01")), row("43160.0", d("2018-03-01")),
            row("1900-01-01", d("1900-01-01")), row("2100年12月31日", d("2100-12-31"))));
  }

  @Test
  void badDatesAreNullNotErrors() {
    checkAnswer(raw("2019-02-30", "2018-13-01", "20181301", "2018/03-01", "not a date", "03/01/2018", "201803",
            "1234", "4316", "431600", "2018年13月", "", null, "0000-01-01", "2018-03-01 25:00:00", "2101-01-01", "1899年",
            "18991231", "2018\t3\t1")
            .select(col("v"), Dates.parseDate(col("v"))),
        rows(row("2019-02-30", null), row("2018-13-01", null), row("20181301", null), row("2018/03-01", null),
            row("not a date", null), row("03/01/2018", null), row("201803", null), row("1234", null),
            row("4316", null), row("431600", null), row("2018年13月", null), row("", null), row(null, null),
            row("0000-01-01", null), row("2018-03-01 25:00:00", d("2018-03-01")), row("2101-01-01", null),
            row("1899年", null), row("18991231", null), row("2018\t3\t1", null)));
  }

  @Test
  void updatedAtStyles() {
    checkAnswer(raw("2019-01-02 10:20:30", "2019-01-02T10:20:30", "2019-01-02T10:20:30Z", "2019-01-02T18:20:30+08:00",
            "2019/1/2 10:20:30", "2019-01-02 10:20", "2019-01-02T10:20:30.500", "2019-01-02", "20190102", "2019年1月2日",
            "43467.5", "43467", "2019-01-02 25:00:00", "yesterday", null, "2101-01-02 10:20:30", "1899/1/2")
            .select(col("v"), Dates.parseTimestamp(col("v"))),
        rows(row("2019-01-02 10:20:30", Timestamp.valueOf("2019-01-02 10:20:30")),
            row("2019-01-02T10:20:30", Timestamp.valueOf("2019-01-02 10:20:30")),
            row("2019-01-02T10:20:30Z", Timestamp.valueOf("2019-01-02 10:20:30")),
            row("2019-01-02T18:20:30+08:00", Timestamp.valueOf("2019-01-02 10:20:30")),
            row("2019/1/2 10:20:30", Timestamp.valueOf("2019-01-02 10:20:30")),
            row("2019-01-02 10:20", Timestamp.valueOf("2019-01-02 10:20:00")),
            row("2019-01-02T10:20:30.500", Timestamp.valueOf("2019-01-02 10:20:30.5")),
            row("2019-01-02", Timestamp.valueOf("2019-01-02 00:00:00")),
            row("20190102", Timestamp.valueOf("2019-01-02 00:00:00")),
            row("2019年1月2日", Timestamp.valueOf("2019-01-02 00:00:00")),
            row("43467.5", Timestamp.valueOf("2019-01-02 12:00:00")),
            row("43467", Timestamp.valueOf("2019-01-02 00:00:00")),
            row("2019-01-02 25:00:00", null), row("yesterday", null), row(null, null), row("2101-01-02 10:20:30", null),
            row("1899/1/2", null)));
  }

  @Test
  void everyAmountStyle() {
    checkAnswer(raw("1200000", "1,200,000", "120万", "120万元", "1.2亿", "1.2亿元", " 1 200 000 ", "１２０万", "1200000.456",
            "0", "-5", "-1.5万", "¥1,200", "1200000元", "12e5", "1.2.3", "一百万", "120万美元", "", null)
            .select(col("v"), Amounts.parse(col("v")), Amounts.isBad(col("v"))),
        rows(row("1200000", new BigDecimal("1200000.00"), false), row("1,200,000", new BigDecimal("1200000"), false),
            row("120万", new BigDecimal("1200000"), false), row("120万元", new BigDecimal("1200000"), false),
            row("1.2亿", new BigDecimal("120000000"), false), row("1.2亿元", new BigDecimal("120000000"), false),
            row(" 1 200 000 ", new BigDecimal("1200000"), false), row("１２０万", new BigDecimal("1200000"), false),
            row("1200000.456", new BigDecimal("1200000.46"), false), row("0", BigDecimal.ZERO, false),
            row("-5", new BigDecimal("-5"), false), row("-1.5万", new BigDecimal("-15000"), false),
            row("¥1,200", new BigDecimal("1200"), false), row("1200000元", new BigDecimal("1200000"), false),
            row("12e5", null, true), row("1.2.3", null, true), row("一百万", null, true), row("120万美元", null, true),
            row("", null, false), row(null, null, false)));
  }

  @Test
  void hugeAmountIsBadNotAnOverflowError() {
    checkAnswer(raw("999999999999999999999亿").select(Amounts.parse(col("v")), Amounts.isBad(col("v"))),
        rows(row(null, true)));
  }
}
