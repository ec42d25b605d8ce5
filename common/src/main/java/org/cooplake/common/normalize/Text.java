package org.cooplake.common.normalize;

import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Text normal forms of RAW_CONTRACT.md ("Text normalisation"), as Spark column expressions so that
 * the data and the alias tables go through exactly the same function.
 */
public final class Text {
  private Text() {}

  /** U+FF01..U+FF5E (full-width ASCII variants) and U+3000 (ideographic space). */
  static final String FULL_WIDTH;
  /** Their ordinary forms: U+0021..U+007E and a plain space. */
  static final String ASCII;

  static {
    StringBuilder from = new StringBuilder();
    StringBuilder to = new StringBuilder();
    for (char c = '\uFF01'; c <= '\uFF5E'; c++) {
      from.append(c);
      to.append((char) (c - 0xFF01 + 0x21));
    }
    from.append('\u3000');
    to.append(' ');
    FULL_WIDTH = from.toString();
    ASCII = to.toString();
  }

  /** Whitespace of any kind, including no-break and ideographic spaces (Java's \s has neither). */
  static final String SPACES = "[\\s\\u00A0\\u3000\\uFEFF]+";

  /**
   * Full-width forms to ASCII (the part of NFKC the contract relies on: {@code ＵＳＡ} = {@code USA}).
   * Text that is all ASCII (as many bytes as characters) has nothing to fold and skips the
   * translation: Spark's {@code translate} looks every character up in a map of strings, and a
   * profile of conform at 1m put 16 % of its executor time there.
   */
  public static Column asciiWidth(Column c) {
    return when(isAscii(c), c).otherwise(translate(c, FULL_WIDTH, ASCII));
  }

  /**
   * Surrounding spaces removed, inner runs of spaces collapsed to one; blank becomes null. ASCII
   * text with no whitespace but single plain spaces has nothing for the regular expression to do.
   */
  public static Column squish(Column c) {
    return nullif(trim(oneSpace(c)), lit(""));
  }

  /** Every run of whitespace as one plain space (surrounding ones kept). */
  static Column oneSpace(Column c) {
    Column plainSpaces = isAscii(c).and(c.contains("  ").unary_$bang());
    for (String control : CONTROL_SPACES) plainSpaces = plainSpaces.and(c.contains(control).unary_$bang());
    return when(plainSpaces, c).otherwise(regexp_replace(c, SPACES, " "));
  }

  /** The ASCII characters of Java's {@code \s} other than the plain space. */
  private static final String[] CONTROL_SPACES = {"\t", "\n", "\u000B", "\f", "\r"};

  private static Column isAscii(Column c) {
    return octet_length(c).equalTo(length(c));
  }

  /** Free text as a value: surrounding and repeated spaces dropped, otherwise unchanged; blank = null. */
  public static Column clean(Column c) {
    return squish(c);
  }

  /** Business-key form ({@code project_id}, {@code subject_id}, partner names): ASCII width, squished, upper case. */
  public static Column idKey(Column c) {
    return upper(squish(asciiWidth(c)));
  }

  /** Lookup form of a coded value (district, country, …) and of every alias: ASCII width, squished, lower case. */
  public static Column codeKey(Column c) {
    return lower(squish(asciiWidth(c)));
  }
}
