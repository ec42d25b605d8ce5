package org.cooplake.common.reference;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny RFC 4180 reader and writer for the reference tables (a few hundred lines each; no Spark
 * needed). Reading accepts quoted fields with commas, doubled quotes and newlines, CRLF or LF line
 * ends and a leading UTF-8 BOM, and skips blank lines. Writing quotes a field only when it must, and ends lines with LF.
 */
public final class Csv {
  private Csv() {}

  /** A parsed file: the header and the data records, each a list of fields. */
  public record Table(List<String> header, List<List<String>> records) {
    /** The position of {@code column} in the header; fails when the column is absent. */
    public int column(String column) {
      int i = header.indexOf(column);
      if (i < 0) throw new IllegalArgumentException("no column '" + column + "' in header " + header);
      return i;
    }

    /** Each record as a map column → value (missing trailing fields read as empty). */
    public List<Map<String, String>> rows() {
      List<Map<String, String>> out = new ArrayList<>(records.size());
      for (List<String> r : records) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < header.size(); i++) m.put(header.get(i), i < r.size() ? r.get(i) : "");
        out.add(m);
      }
      return out;
    }
  }

  public static Table read(Reader in) {
    List<List<String>> all = parse(in);
    if (all.isEmpty()) return new Table(List.of(), List.of());
    List<List<String>> records = new ArrayList<>();
    for (List<String> r : all.subList(1, all.size())) {
      if (!(r.size() == 1 && r.get(0).isBlank())) records.add(List.copyOf(r)); // skip blank lines
    }
    return new Table(List.copyOf(all.get(0)), List.copyOf(records));
  }

  private static List<List<String>> parse(Reader in) {
    String text = readAll(in);
    if (text.startsWith("\uFEFF")) text = text.substring(1); // UTF-8 BOM (Excel, UNSD files)
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = text.length();
    boolean recordOpen = false; // something of the current record has been read
    while (i < n) {
      char c = text.charAt(i);
      recordOpen = true;
      if (c == '"' && field.length() == 0) {
        // quoted field: runs to the closing quote; "" inside is one quote
        i++;
        while (i < n) {
          char q = text.charAt(i++);
          if (q != '"') field.append(q);
          else if (i < n && text.charAt(i) == '"') field.append(text.charAt(i++));
          else break;
        }
        continue;
      }
      i++;
      if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i < n && text.charAt(i) == '\n') i++;
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        recordOpen = false;
      } else {
        field.append(c);
      }
    }
    if (recordOpen) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }

  private static String readAll(Reader in) {
    try {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[8192];
      int len;
      while ((len = in.read(buf)) != -1) sb.append(buf, 0, len);
      return sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the header and the records, quoting fields that hold a comma, a quote or a line break. */
  public static void write(Writer out, List<String> header, List<List<String>> records) {
    try {
      writeRecord(out, header);
      for (List<String> r : records) writeRecord(out, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeRecord(Writer out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) out.write(',');
      out.write(quote(fields.get(i)));
    }
    out.write('\n');
  }

  static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
