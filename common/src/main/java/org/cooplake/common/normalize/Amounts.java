package org.cooplake.common.normalize;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.try_multiply;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import org.apache.spark.sql.Column;

/**
 * Amounts in yuan as RAW_CONTRACT.md accepts them: {@code 1200000}, {@code 1,200,000},
 * {@code 120万}, {@code 120万元}, {@code 1.2亿}, {@code 1.2亿元} (also {@code 元} alone, a leading
 * {@code ¥}/{@code ￥}, spaces anywhere). Result: DECIMAL(20,2), rounded half-up to the fen; null when
 * absent or not an amount (a negative amount parses: rejecting it is a rule, not a parse error).
 */
public final class Amounts {
  private Amounts() {}

  public static final String TYPE = "decimal(20,2)";
  private static final String AMOUNT = "^(-?\\d+(?:\\.\\d+)?)(万|亿)?元?$";

  /**
   * The raw text in a canonical form ready for {@link #parseCanonical}: ASCII width, no spaces, no
   * separators, no currency sign. The parser refers to it several times: compute it once, in a
   * column of its own.
   */
  public static Column canonical(Column raw) {
    Column s = Text.asciiWidth(raw);
    return regexp_replace(s, "[\\s\\u00A0,¥￥]", "");
  }

  public static Column parse(Column raw) {
    return parseCanonical(canonical(raw));
  }

  /** {@link #parse} of a {@link #canonical} column. */
  public static Column parseCanonical(Column s) {
    Column number = regexp_extract(s, AMOUNT, 1).try_cast("decimal(30,8)");
    Column unit = regexp_extract(s, AMOUNT, 2);
    Column yuan = when(unit.equalTo("万"), try_multiply(number, lit(new BigDecimal("10000"))))
        .when(unit.equalTo("亿"), try_multiply(number, lit(new BigDecimal("100000000"))))
        .otherwise(number);
    return when(s.rlike(AMOUNT), yuan.try_cast(TYPE));
  }

  /** True when the raw text is present but is not an amount. */
  public static Column isBad(Column raw) {
    return isBad(canonical(raw), parse(raw));
  }

  /** {@link #isBad} from the {@link #canonical} text and its {@link #parseCanonical parsed} value. */
  public static Column isBad(Column canonical, Column parsed) {
    return coalesce(canonical.notEqual(lit("")).and(parsed.isNull()), lit(false));
  }
}
