package org.cooplake.common.normalize;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_to_date;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

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
  /** Excel serial of 1970-01-01. */
  static final long EXCEL_SERIAL_UNIX_EPOCH = 25569L;

  private static final String TIME = "(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?";
  private static final String SEPARATED = "^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME + "$";
  private static final String COMPACT = "^(\\d{4})(\\d{2})(\\d{2})$";
  private static final String CHINESE = "^(\\d{4})\\s?年(?:\\s?(\\d{1,2})\\s?月(?:\\s?(\\d{1,2})\\s?日)?)?$";
  private static final String YEAR = "^(\\d{4})$";
  private static final String EXCEL_SERIAL = "^(\\d{5})(?:\\.\\d+)?$";

  /** A raw date string → DATE, or null when it is absent or not a date of the contract. */
  public static Column parseDate(Column raw) {
    Column s = Text.squish(Text.asciiWidth(raw));
    Column date = coalesce(
        ymd(s, SEPARATED, 1, 3, 4),
        ymd(s, COMPACT, 1, 2, 3),
        ymd(s, CHINESE, 1, 2, 3),
        ymd(s, YEAR, 1, 0, 0),
        when(s.rlike(EXCEL_SERIAL),
            date_add(to_date(lit(EXCEL_EPOCH)), regexp_extract(s, EXCEL_SERIAL, 1).cast("int"))));
    return plausible(date, date);
  }

  /**
   * A raw {@code updated_at} → TIMESTAMP: an ISO date-time ({@code 2019-01-02T10:20:30Z},
   * {@code 2019-01-02 10:20:30}, slashes or dots between the date parts allowed), an Excel serial
   * with a fraction of a day, or any date style above (midnight). Times without a zone are in the
   * session time zone (UTC).
   */
  public static Column parseTimestamp(Column raw) {
    Column s = Text.squish(Text.asciiWidth(raw));
    Column hasTime = s.rlike("^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}[ T]\\d");
    // rebuild the date part as yyyy-MM-dd so the ISO parser (cast semantics) takes the rest
    Column isoText = concat(
        regexp_extract(s, "^(\\d{4})", 1), lit("-"),
        lpad(regexp_extract(s, "^\\d{4}[-/.](\\d{1,2})", 1), 2, "0"), lit("-"),
        lpad(regexp_extract(s, "^\\d{4}[-/.]\\d{1,2}[-/.](\\d{1,2})", 1), 2, "0"),
        regexp_extract(s, "^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(.*)$", 1));
    Column serial = regexp_extract(s, "^(\\d{5}(?:\\.\\d+)?)$", 1);
    Column ts = when(hasTime, try_to_timestamp(isoText))
        .when(s.rlike(EXCEL_SERIAL),
            timestamp_seconds(floor(serial.cast("decimal(20,10)").minus(EXCEL_SERIAL_UNIX_EPOCH).multiply(86400)
                .plus(lit(0.5)))))
        .otherwise(parseDate(raw).cast("timestamp"));
    return plausible(ts, ts);
  }

  private static Column ymd(Column s, String pattern, int yearGroup, int monthGroup, int dayGroup) {
    Column y = regexp_extract(s, pattern, yearGroup);
    Column m = monthGroup == 0 ? lit("1") : regexp_extract(s, pattern, monthGroup);
    Column d = dayGroup == 0 ? lit("1") : regexp_extract(s, pattern, dayGroup);
    // an optional group that did not take part extracts as "" → the 1st of the month / January
    m = when(m.equalTo(""), lit("1")).otherwise(m);
    d = when(d.equalTo(""), lit("1")).otherwise(d);
    Column text = concat(y, lit("-"), lpad(m, 2, "0"), lit("-"), lpad(d, 2, "0"));
    return when(s.rlike(pattern), try_to_date(text, "yyyy-MM-dd"));
  }

  private static Column plausible(Column dateOrTimestamp, Column value) {
    Column y = year(dateOrTimestamp);
    return when(y.between(MIN_YEAR, MAX_YEAR), value);
  }
}
