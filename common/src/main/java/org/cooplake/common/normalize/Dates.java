package org.cooplake.common.normalize;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
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

  static final int MIN_YEAR = 1900;
  static final int MAX_YEAR = 2100;
  /** Excel's day 0 in the 1900 system, once its 1900-02-29 bug is accounted for (valid from serial 61 on). */
  static final String EXCEL_EPOCH = "1899-12-30";
  /** The Excel serial of 2100-12-31, the last plausible day. */
  static final int EXCEL_SERIAL_MAX =
      (int) java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.parse(EXCEL_EPOCH), java.time.LocalDate.of(MAX_YEAR, 12, 31));
  /** Excel serial of 1970-01-01. */
  static final long EXCEL_SERIAL_UNIX_EPOCH = 25569L;

  private static final String TIME = "(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?";
  private static final String SEPARATED = "^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME + "$";
  private static final String COMPACT = "^(\\d{4})(\\d{2})(\\d{2})$";
  private static final String CHINESE = "^(\\d{4})\\s?年(?:\\s?(\\d{1,2})\\s?月(?:\\s?(\\d{1,2})\\s?日)?)?$";
  private static final String YEAR = "^(\\d{4})$";
  private static final String EXCEL_SERIAL = "^(\\d{5})(?:\\.\\d+)?$";

  /**
   * The text every parser below reads: ASCII width, squished, null when blank. The parsers refer to
   * it many times, so compute it once, in a column of its own (a projection before the one that
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
    return coalesce(
        ymd(s, SEPARATED, 1, 3, 4),
        ymd(s, COMPACT, 1, 2, 3),
        ymd(s, CHINESE, 1, 2, 3),
        ymd(s, YEAR, 1, 0, 0),
        // five digits are 10000..99999, i.e. 1927-05-18 onwards: only the upper bound needs a check
        when(s.rlike(EXCEL_SERIAL).and(regexp_extract(s, EXCEL_SERIAL, 1).try_cast("int").leq(EXCEL_SERIAL_MAX)),
            date_add(to_date(lit(EXCEL_EPOCH)), regexp_extract(s, EXCEL_SERIAL, 1).cast("int"))));
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
    Column hasTime = s.rlike("^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}[ T]\\d");
    // rebuild the date part as yyyy-MM-dd so the ISO parser (cast semantics) takes the rest
    Column isoText = concat(
        regexp_extract(s, "^(\\d{4})", 1), lit("-"),
        lpad(regexp_extract(s, "^\\d{4}[-/.](\\d{1,2})", 1), 2, "0"), lit("-"),
        lpad(regexp_extract(s, "^\\d{4}[-/.]\\d{1,2}[-/.](\\d{1,2})", 1), 2, "0"),
        regexp_extract(s, "^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(.*)$", 1));
    Column serial = regexp_extract(s, "^(\\d{5}(?:\\.\\d+)?)$", 1);
    return when(hasTime, when(plausibleYear(regexp_extract(s, "^(\\d{4})", 1)), try_to_timestamp(isoText)))
        .when(s.rlike(EXCEL_SERIAL), when(regexp_extract(s, EXCEL_SERIAL, 1).try_cast("int").leq(EXCEL_SERIAL_MAX),
            timestamp_seconds(floor(serial.cast("decimal(20,10)").minus(EXCEL_SERIAL_UNIX_EPOCH).multiply(86400)
                .plus(lit(0.5))))))
        .otherwise(parseDateText(s).cast("timestamp"));
  }

  private static Column ymd(Column s, String pattern, int yearGroup, int monthGroup, int dayGroup) {
    Column y = regexp_extract(s, pattern, yearGroup);
    // an optional group that did not take part extracts as "" → the 1st of the month / January
    Column m = monthGroup == 0 ? lit("1") : coalesce(nullif(regexp_extract(s, pattern, monthGroup), lit("")), lit("1"));
    Column d = dayGroup == 0 ? lit("1") : coalesce(nullif(regexp_extract(s, pattern, dayGroup), lit("")), lit("1"));
    Column text = concat(y, lit("-"), lpad(m, 2, "0"), lit("-"), lpad(d, 2, "0"));
    return when(s.rlike(pattern).and(plausibleYear(y)), try_to_date(text, "yyyy-MM-dd"));
  }

  /** A four-digit year as written, within 1900–2100. */
  private static Column plausibleYear(Column fourDigits) {
    return fourDigits.try_cast("int").between(MIN_YEAR, MAX_YEAR);
  }
}
