package org.cooplake.common.normalize;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;

import org.apache.spark.sql.Column;

/** The {@code modes} cell: one or more modes joined by any of {@code ; ； , ， 、 / | +}. */
public final class Modes {
  private Modes() {}

  /** Separators after full-width folding ({@code ；，／｜＋} have become ASCII); {@code 、} has no ASCII form. */
  static final String SEPARATORS = "[;,、/|+]";

  /** The cell → distinct lookup keys ({@link Text#codeKey} of each part), empty parts dropped; null stays null. */
  public static Column splitKeys(Column raw) {
    // codeKey folded over the whole cell, then split: the same keys as codeKey of each part (no
    // separator is a space or has a case), but the costly steps run once in generated code instead of
    // per part inside the lambda, which Spark evaluates interpreted
    Column parts = split(lower(Text.oneSpace(Text.asciiWidth(raw))), SEPARATORS);
    Column keys = transform(parts, p -> nullif(trim(p), lit("")));
    return array_distinct(filter(keys, k -> k.isNotNull()));
  }
}
