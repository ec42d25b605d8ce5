package org.cooplake.common.test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;

/**
 * Spark's QueryTest.checkAnswer for JUnit: rows compared as multisets (order ignored), numbers
 * compared by value (1 = 1L = 1.0 = BigDecimal 1), and on failure a side-by-side listing with
 * the rows that differ marked '!'.
 */
public final class DataFrameAssert {
  private DataFrameAssert() {}

  public static void checkAnswer(Dataset<Row> df, List<Row> expected) {
    List<Row> actual = df.collectAsList();
    String error = compare(actual, expected);
    if (error != null) {
      Assertions.fail("Results do not match for query:\n" + df.queryExecution().analyzed().treeString().lines()
          .limit(12).reduce("", (a, b) -> a + "  " + b + "\n") + error);
    }
  }

  /** Null when equal; otherwise the diff text. */
  public static String compare(List<Row> actual, List<Row> expected) {
    List<String> a = actual.stream().map(DataFrameAssert::render).sorted().toList();
    List<String> e = expected.stream().map(DataFrameAssert::render).sorted().toList();
    if (multiset(a).equals(multiset(e))) return null;
    int width = Math.max(16, e.stream().mapToInt(String::length).max().orElse(0));
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("   %-" + width + "s | %s%n", "== Expected (" + e.size() + ") ==",
        "== Actual (" + a.size() + ") =="));
    int n = Math.max(a.size(), e.size());
    for (int i = 0; i < n; i++) {
      String left = i < e.size() ? e.get(i) : "";
      String right = i < a.size() ? a.get(i) : "";
      sb.append(Objects.equals(left, right) ? "   " : " ! ")
          .append(String.format("%-" + width + "s | %s%n", left, right));
    }
    List<String> missing = new ArrayList<>(e);
    a.forEach(missing::remove);
    List<String> extra = new ArrayList<>(a);
    e.forEach(extra::remove);
    if (!missing.isEmpty()) sb.append("missing: ").append(missing).append('\n');
    if (!extra.isEmpty()) sb.append("unexpected: ").append(extra).append('\n');
    return sb.toString();
  }

  private static Map<String, Integer> multiset(List<String> xs) {
    Map<String, Integer> m = new HashMap<>();
    for (String x : xs) m.merge(x, 1, Integer::sum);
    return m;
  }

  static String render(Row r) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < r.length(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(renderValue(r.get(i)));
    }
    return sb.append(']').toString();
  }

  private static String renderValue(Object v) {
    if (v == null) return "null";
    if (v instanceof Row nested) return render(nested);
    if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      BigDecimal bd = new BigDecimal(v.toString()).stripTrailingZeros();
      if (bd.scale() > 9) bd = bd.setScale(9, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
      return bd.toPlainString();
    }
    if (v instanceof Number n) return new BigDecimal(n.toString()).toPlainString();
    if (v instanceof scala.collection.Map<?, ?> m) {
      return new java.util.TreeMap<>(scala.jdk.javaapi.CollectionConverters.asJava(m)).toString();
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return scala.jdk.javaapi.CollectionConverters.asJava(s).toString();
    }
    if (v instanceof Map<?, ?> m) return new java.util.TreeMap<>(m).toString();
    return v.toString();
  }
}
