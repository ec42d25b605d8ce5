package org.cooplake.common.normalize;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;

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

  /** Full-width forms to ASCII (the part of NFKC the contract relies on: {@code ＵＳＡ} = {@code USA}). */
  public static Column asciiWidth(Column c) {
    return translate(c, FULL_WIDTH, ASCII);
  }

  /** Surrounding spaces removed, inner runs of spaces collapsed to one; blank becomes null. */
  public static Column squish(Column c) {
    return nullif(trim(regexp_replace(c, SPACES, " ")), lit(""));
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
