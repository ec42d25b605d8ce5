package org.cooplake.jobs.generate;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cooplake.common.reference.Csv;

/**
 * The test's own reading of raw values (RAW_CONTRACT.md), to check that the raw files really
 * encode the truth: aliases from data/reference/aliases, every date and amount style. Written
 * from the contract, not from the generator's spellings.
 */
final class Conform {
  private final Map<String, Map<String, String>> aliases = new HashMap<>();

  Conform(Path referenceDir) {
    for (String dim : List.of("district", "country", "field", "carrier_type", "partner_type", "mode")) {
      Map<String, String> m = new HashMap<>();
      try (Reader r = Files.newBufferedReader(referenceDir.resolve("aliases").resolve(dim + ".csv"), StandardCharsets.UTF_8)) {
        for (Map<String, String> row : Csv.read(r).rows()) m.put(norm(row.get("alias")), row.get("code"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      aliases.put(dim, m);
    }
  }

  /** NFKC, trimmed, lower case, runs of white space as one space (the contract's text normalisation). */
  static String norm(String s) {
    if (s == null) return "";
    return Normalizer.normalize(s, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  static String id(String s) {
    return norm(s).toUpperCase(Locale.ROOT);
  }

  /** The code a spelling names in a dimension, or null. */
  String code(String dimension, String value) {
    return aliases.get(dimension).get(norm(value));
  }

  /** Sorted distinct mode codes, or null when a part is unknown. */
  TreeSet<String> modes(String value) {
    TreeSet<String> out = new TreeSet<>();
    for (String part : value.split("[;；,，、/|+]")) {
      if (norm(part).isEmpty()) continue;
      String code = code("mode", part);
      if (code == null) return null;
      out.add(code);
    }
    return out;
  }

  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern SLASH = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
  private static final Pattern DOT = Pattern.compile("(\\d{4})\\.(\\d{1,2})\\.(\\d{1,2})");
  private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
  private static final Pattern ZH_DAY = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");
  private static final Pattern ZH_MONTH = Pattern.compile("(\\d{4})年(\\d{1,2})月");
  private static final Pattern YEAR = Pattern.compile("(\\d{4})");
  private static final Pattern SERIAL = Pattern.compile("(\\d{5})(\\.0+)?");
  private static final Pattern DATE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})");

  /** A date in any contract style (an XLSX date cell arrives as yyyy-MM-dd), or null. */
  static LocalDate date(String raw) {
    if (raw == null) return null;
    String s = raw.strip();
    try {
      Matcher m;
      if ((m = SERIAL.matcher(s)).matches()) return LocalDate.of(1899, 12, 30).plusDays(Long.parseLong(m.group(1)));
      if ((m = COMPACT.matcher(s)).matches()) return ymd(m.group(1), m.group(2), m.group(3));
      if ((m = YEAR.matcher(s)).matches()) return ymd(m.group(1), "1", "1");
      if ((m = SLASH.matcher(s)).matches()) return ymd(m.group(1), m.group(2), m.group(3));
      if ((m = DOT.matcher(s)).matches()) return ymd(m.group(1), m.group(2), m.group(3));
      if ((m = ZH_DAY.matcher(s)).matches()) return ymd(m.group(1), m.group(2), m.group(3));
      if ((m = ZH_MONTH.matcher(s)).matches()) return ymd(m.group(1), m.group(2), "1");
      return LocalDate.parse(s, ISO);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static LocalDate ymd(String y, String m, String d) {
    return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
  }

  /** An ISO date-time (T or space), or a date at midnight; null when unreadable. */
  static LocalDateTime dateTime(String raw) {
    if (raw == null) return null;
    Matcher m = DATE_TIME.matcher(raw.strip());
    if (m.matches()) {
      try {
        return LocalDateTime.parse(m.group(1) + "T" + m.group(2));
      } catch (RuntimeException e) {
        return null;
      }
    }
    LocalDate d = date(raw);
    return d == null ? null : d.atStartOfDay();
  }

  /** Yuan from plain, grouped, 万/万元/亿/亿元 amounts; null when unreadable. */
  static BigDecimal amount(String raw) {
    if (raw == null) return null;
    String s = raw.strip().replace(",", "");
    BigDecimal unit = BigDecimal.ONE;
    for (Map.Entry<String, BigDecimal> e : Map.of("万元", BigDecimal.valueOf(10_000), "亿元", BigDecimal.valueOf(100_000_000))
        .entrySet()) {
      if (s.endsWith(e.getKey())) {
        s = s.substring(0, s.length() - 2);
        unit = e.getValue();
      }
    }
    if (unit.equals(BigDecimal.ONE) && s.endsWith("万")) {
      s = s.substring(0, s.length() - 1);
      unit = BigDecimal.valueOf(10_000);
    } else if (unit.equals(BigDecimal.ONE) && s.endsWith("亿")) {
      s = s.substring(0, s.length() - 1);
      unit = BigDecimal.valueOf(100_000_000);
    }
    try {
      return new BigDecimal(s).multiply(unit);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
