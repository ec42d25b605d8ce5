package org.cooplake.common.normalize;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.transform;

import org.apache.spark.sql.Column;

/** The {@code modes} cell: one or more modes joined by any of {@code ; ； , ， 、 / | +}. */
public final class Modes {
  private Modes() {}

  /** Separators after full-width folding ({@code ；，／｜＋} have become ASCII); {@code 、} has no ASCII form. */
  static final String SEPARATORS = "[;,、/|+]";

  /** The cell → distinct lookup keys ({@link Text#codeKey} of each part), empty parts dropped; null stays null. */
  public static Column splitKeys(Column raw) {
    Column parts = split(Text.asciiWidth(raw), SEPARATORS);
    Column keys = transform(parts, Text::codeKey);
    return array_distinct(filter(keys, k -> k.isNotNull()));
  }
}
