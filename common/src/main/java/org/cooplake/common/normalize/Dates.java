package org.cooplake.common.normalize;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_to_date;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Every date style of RAW_CONTRACT.md, parsed with built-in functions; anything else (or an
 * impossible date such as 2019-02-30, or a year outside 1900–2100) gives null, never an error.
 *
 * <ul>
 *   <li>{@code 2018-03-01}, {@code 2018/3/1}, {@code 2018.03.01}, optionally followed by a time (XLSX date cells)</li>
 *   <li>{@code 20180301} (eight digits: a date)</li>
 *   <li>{@code 2018年3月1日}, {@code 2018年3月} (1st of the month), {@code 2018} or {@code 2018年} (1 January)</li>
 *   <li>{@code 43160}: an Excel serial day number (five digits, 1900 date system; a fraction is a time of day)</li>
 * </ul>
 */
public final class Dates {
  private Dates() {}

  static final int MAX_YEAR = 2100;
  /** Excel's day 0 in the 1900 system, once its 1900-02-29 bug is accounted for (valid from serial 61 on). */
  static final String EXCEL_EPOCH = "1899-12-30";
  /** The Excel serial of 2100-12-31, the last plausible day. */
  static final int EXCEL_SERIAL_MAX =
      (int) java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.parse(EXCEL_EPOCH), java.time.LocalDate.of(MAX_YEAR, 12, 31));
  /** Excel serial of 1970-01-01. */
  static final long EXCEL_SERIAL_UNIX_EPOCH = 25569L;

  private static final String TIME = "(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?";
  /** A year as written within 1900–{@link #MAX_YEAR} (one group): the range the contract accepts. */
  private static final String YEAR = "(19\\d{2}|20\\d{2}|2100)";
  /**
   * Each date style as a rewrite to year, month and day separated by tabs, applied in turn: a text
   * matches at most one of them, and a rewritten text matches none of the later ones. A {@link #text}
   * never holds a tab (squished), so only a rewritten text can parse, and one {@code try_to_date} does
   * for every style: the version with a parser per style was the largest piece of conform's generated
   * code and of the JIT compiler's work in a run, and its texts were matched a dozen more times a value.
   */
  private static final String[][] TO_YMD = {
      {"^" + YEAR + "([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME + "$", "$1\t$3\t$4"}, // 2018-03-01, 2018/3/1, 2018.03.01 [time]
      {"^" + YEAR + "(\\d{2})(\\d{2})$", "$1\t$2\t$3"}, // 20180301
      {"^" + YEAR + "\\s?年\\s?(\\d{1,2})\\s?月\\s?(\\d{1,2})\\s?日$", "$1\t$2\t$3"}, // 2018年3月1日
      {"^" + YEAR + "\\s?年\\s?(\\d{1,2})\\s?月$", "$1\t$2\t1"}, // 2018年3月
      {"^" + YEAR + "\\s?年?$", "$1\t1\t1"}, // 2018, 2018年
  };
  private static final String YMD_FORMAT = "yyyy\tM\td";
  private static final String EXCEL_SERIAL = "^(\\d{5})(?:\\.\\d+)?$";
  private static final String DATE_TIME = "^" + YEAR + "[-/.](\\d{1,2})[-/.](\\d{1,2})(?=[ T]\\d)";

  /**
   * The text every parser below reads: ASCII width, squished, null when blank. The parsers refer to
   * it several times, so compute it once, in a column of its own (a projection before the one that
   * parses: Spark does not inline a costly expression that is used more than once).
   */
  public static Column text(Column raw) {
    return Text.squish(Text.asciiWidth(raw));
  }

  /** A raw date string → DATE, or null when it is absent or not a date of the contract. */
  public static Column parseDate(Column raw) {
    return parseDateText(text(raw));
  }

  /** {@link #parseDate} of a {@link #text} column. */
  public static Column parseDateText(Column s) {
    Column ymd = s;
    for (String[] rewrite : TO_YMD) ymd = regexp_replace(ymd, rewrite[0], rewrite[1]);
    return coalesce(try_to_date(ymd, YMD_FORMAT), excelDay(s));
  }

  private static Column excelDay(Column s) {
    Column days = excelDays(s);
    return when(days.leq(EXCEL_SERIAL_MAX), date_add(to_date(lit(EXCEL_EPOCH)), days));
  }

  /**
   * The whole days of an Excel serial, else null. Five digits are 10000..99999, i.e. 1927-05-18
   * onwards: only the upper bound ({@link #EXCEL_SERIAL_MAX}) needs a check, by the caller.
   */
  private static Column excelDays(Column s) {
    return regexp_extract(s, EXCEL_SERIAL, 1).try_cast("int");
  }

  /**
   * A raw {@code updated_at} → TIMESTAMP: an ISO date-time ({@code 2019-01-02T10:20:30Z},
   * {@code 2019-01-02 10:20:30}, slashes or dots between the date parts allowed), an Excel serial
   * with a fraction of a day, or any date style above (midnight). Times without a zone are in the
   * session time zone (UTC).
   */
  public static Column parseTimestamp(Column raw) {
    return parseTimestampText(text(raw));
  }

  /**
   * {@link #parseTimestamp} of a {@link #text} column. The year range is checked on the year as
   * written (a zone offset moving an instant across 1900 or 2100 does not count).
   */
  public static Column parseTimestampText(Column s) {
    // the date part with dashes, so the ISO parser (cast semantics: one- or two-digit month and day) takes the rest
    Column isoText = regexp_replace(s, DATE_TIME, "$1-$2-$3");
    Column serial = regexp_extract(s, "^(\\d{5}(?:\\.\\d+)?)$", 1);
    // a date-time or serial out of range falls through to parseDateText, which refuses it too
    return when(s.rlike(DATE_TIME), try_to_timestamp(isoText))
        .when(excelDays(s).leq(EXCEL_SERIAL_MAX),
            timestamp_seconds(floor(serial.cast("decimal(20,10)").minus(EXCEL_SERIAL_UNIX_EPOCH).multiply(86400)
                .plus(lit(0.5)))))
        .otherwise(parseDateText(s).cast("timestamp"));
  }
}
