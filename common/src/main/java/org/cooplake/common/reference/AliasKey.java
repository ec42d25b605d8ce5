package org.cooplake.common.reference;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The matching form in which raw coded values and reference aliases are compared: Unicode NFKC
 * (full-width → ASCII, {@code ＵＳＡ} = {@code USA}), lower case, trimmed, runs of whitespace
 * collapsed to one space (RAW_CONTRACT "Text normalisation"). Plain Java, no Spark.
 */
public final class AliasKey {
  private AliasKey() {}

  public static String of(String spelling) {
    return Normalizer.normalize(spelling, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
  }
}
