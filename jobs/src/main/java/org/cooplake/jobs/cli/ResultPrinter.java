package org.cooplake.jobs.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints a result as an aligned table, CSV (RFC 4180, header first) or JSON Lines. */
final class ResultPrinter {
  private ResultPrinter() {}

  static void print(Dataset<Row> df, String format, int maxRows, PrintStream out) {
    switch (format) {
      case "csv" -> {
        out.println(String.join(",", List.of(df.columns()).stream().map(ResultPrinter::csvField).toList()));
        // streamed a partition at a time: a large result never sits whole in the driver
        for (Iterator<Row> it = df.toLocalIterator(); it.hasNext(); ) {
          Row r = it.next();
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < r.length(); i++) cells.add(csvField(render(r.get(i))));
          out.println(String.join(",", cells));
        }
      }
      case "json" -> {
        for (Iterator<String> it = df.toJSON().toLocalIterator(); it.hasNext(); ) out.println(it.next());
      }
      default -> table(df, maxRows, out);
    }
    out.flush();
  }

  private static void table(Dataset<Row> df, int maxRows, PrintStream out) {
    String[] cols = df.columns();
    List<Row> rows = df.takeAsList(maxRows + 1);
    boolean more = rows.size() > maxRows;
    if (more) rows = rows.subList(0, maxRows);
    int[] w = new int[cols.length];
    for (int i = 0; i < cols.length; i++) w[i] = width(cols[i]);
    List<String[]> cells = new ArrayList<>();
    for (Row r : rows) {
      String[] c = new String[cols.length];
      for (int i = 0; i < cols.length; i++) {
        c[i] = r.isNullAt(i) ? "NULL" : render(r.get(i)).replace("\n", "\\n");
        w[i] = Math.max(w[i], width(c[i]));
      }
      cells.add(c);
    }
    StringBuilder line = new StringBuilder("+");
    for (int x : w) line.append("-".repeat(x + 2)).append('+');
    out.println(line);
    out.println(tableRow(cols, w));
    out.println(line);
    for (String[] c : cells) out.println(tableRow(c, w));
    out.println(line);
    System.err.println(rows.size() + (more ? "+ rows (showing the first " + maxRows + "; use --max-rows or --format csv)" : " row(s)"));
  }

  private static String tableRow(String[] c, int[] w) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < c.length; i++) {
      sb.append(' ').append(c[i]).append(" ".repeat(w[i] - width(c[i]))).append(" |");
    }
    return sb.toString();
  }

  /** Display width: CJK and full-width characters take two columns. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      boolean wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
          || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
          || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
      w += wide ? 2 : 1;
    }
    return w;
  }

  static String render(Object v) {
    if (v == null) return "";
    if (v instanceof scala.collection.Seq<?> s) {
      return scala.jdk.javaapi.CollectionConverters.asJava(s).toString();
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return scala.jdk.javaapi.CollectionConverters.asJava(m).toString();
    }
    return v.toString();
  }

  static String csvField(String s) {
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
