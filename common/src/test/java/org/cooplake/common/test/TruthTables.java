package org.cooplake.common.test;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.reference.Csv;
import org.junit.jupiter.api.Assertions;

/**
 * Compares a gold table with its truth file (data/sample/truth/gold/&lt;table&gt;.csv, written by
 * the sample generator's oracle): the truth's columns only (gold may have more), rows in any
 * order, an empty CSV field as null, fractional numbers (DOUBLE, FLOAT, DECIMAL columns) within
 * {@value #TOLERANCE}, everything else exactly (integers by value).
 */
public final class TruthTables {
  public static final double TOLERANCE = 1e-9;
  private static final int SHOWN = 10;
  private static final String SEP = " | ";

  private TruthTables() {}

  public static void assertMatches(String table, Dataset<Row> gold, Path truthCsv) {
    String diff = compare(gold.schema(), gold.collectAsList(), read(truthCsv));
    if (diff != null) Assertions.fail(table + " differs from " + truthCsv + ":\n" + diff);
  }

  public static Csv.Table read(Path csv) {
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return Csv.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Null when the gold rows equal the truth; otherwise what differs. */
  public static String compare(StructType schema, List<Row> gold, Csv.Table truth) {
    List<String> header = truth.header();
    List<String> absent = header.stream().filter(c -> !List.of(schema.fieldNames()).contains(c)).toList();
    if (!absent.isEmpty()) return "gold has no column " + absent + " (gold columns: " + List.of(schema.fieldNames()) + ")";
    int[] index = header.stream().mapToInt(schema::fieldIndex).toArray();
    boolean[] fractional = new boolean[header.size()];
    for (int i = 0; i < index.length; i++) fractional[i] = isFractional(schema.fields()[index[i]].dataType());

    Map<String, List<Double[]>> expected = group(truth.records().stream().map(r -> {
      List<Object> v = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        String s = i < r.size() ? r.get(i) : "";
        v.add(s.isEmpty() ? null : s);
      }
      return v;
    }).toList(), fractional);
    Map<String, List<Double[]>> actual = group(gold.stream().map(r -> {
      List<Object> v = new ArrayList<>();
      for (int i : index) v.add(r.isNullAt(i) ? null : r.get(i));
      return v;
    }).toList(), fractional);

    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> different = new ArrayList<>();
    String fractionalNames = names(header, fractional, true);
    for (Map.Entry<String, List<Double[]>> e : expected.entrySet()) {
      List<Double[]> want = e.getValue();
      List<Double[]> got = actual.getOrDefault(e.getKey(), List.of());
      for (int k = 0; k < Math.max(want.size(), got.size()); k++) {
        if (k >= got.size()) missing.add(e.getKey() + render(want.get(k)));
        else if (k >= want.size()) unexpected.add(e.getKey() + render(got.get(k)));
        else if (!close(want.get(k), got.get(k))) {
          different.add(e.getKey() + " → truth " + fractionalNames + " =" + render(want.get(k)) + ", gold"
              + render(got.get(k)));
        }
      }
    }
    actual.forEach((key, rows) -> {
      if (!expected.containsKey(key)) rows.forEach(r -> unexpected.add(key + render(r)));
    });
    if (missing.isEmpty() && unexpected.isEmpty() && different.isEmpty()) return null;
    StringBuilder sb = new StringBuilder(truth.records().size() + " truth rows, " + gold.size() + " gold rows; rows are "
        + names(header, fractional, false) + (fractionalNames.isEmpty() ? "" : " + " + fractionalNames) + "\n");
    section(sb, "in truth, not in gold", missing);
    section(sb, "in gold, not in truth", unexpected);
    section(sb, "values differ by more than " + TOLERANCE, different);
    return sb.toString();
  }

  private static boolean isFractional(DataType t) {
    return t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType) || t instanceof DecimalType;
  }

  /** Rows keyed by their exact columns; each keyed group holds the fractional values, sorted. */
  private static Map<String, List<Double[]>> group(List<List<Object>> rows, boolean[] fractional) {
    Map<String, List<Double[]>> out = new LinkedHashMap<>();
    for (List<Object> r : rows) {
      StringBuilder key = new StringBuilder("[");
      List<Double> fractions = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        Object v = r.get(i);
        if (fractional[i]) {
          fractions.add(v == null ? null : Double.valueOf(v.toString()));
        } else {
          if (key.length() > 1) key.append(SEP);
          key.append(exact(v));
        }
      }
      out.computeIfAbsent(key.append(']').toString(), k -> new ArrayList<>()).add(fractions.toArray(new Double[0]));
    }
    Comparator<Double[]> byValues = (a, b) -> {
      for (int i = 0; i < a.length; i++) {
        int c = Comparator.nullsFirst(Double::compare).compare(a[i], b[i]);
        if (c != 0) return c;
      }
      return 0;
    };
    out.values().forEach(l -> l.sort(byValues));
    return out;
  }

  private static String exact(Object v) {
    if (v == null) return "null";
    String s = v.toString();
    if (v instanceof Number || s.matches("-?\\d+(\\.0+)?")) {
      try {
        return new BigDecimal(s).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        return s;
      }
    }
    return s;
  }

  private static boolean close(Double[] a, Double[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == null || b[i] == null) {
        if (a[i] != b[i]) return false;
      } else if (Math.abs(a[i] - b[i]) > TOLERANCE) {
        return false;
      }
    }
    return true;
  }

  private static String render(Double[] values) {
    if (values.length == 0) return "";
    List<String> s = new ArrayList<>();
    for (Double d : values) s.add(d == null ? "null" : BigDecimal.valueOf(d).toPlainString());
    return " " + s;
  }

  private static String names(List<String> header, boolean[] fractional, boolean wanted) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) if (fractional[i] == wanted) out.add(header.get(i));
    return out.isEmpty() ? "" : out.toString();
  }

  private static void section(StringBuilder sb, String title, List<String> lines) {
    if (lines.isEmpty()) return;
    sb.append("  ").append(title).append(" (").append(lines.size()).append("):\n");
    lines.stream().limit(SHOWN).forEach(l -> sb.append("    ").append(l).append('\n'));
    if (lines.size() > SHOWN) sb.append("    … ").append(lines.size() - SHOWN).append(" more\n");
  }
}
