package org.cooplake.jobs.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.cooplake.common.model.Feed;
import org.cooplake.jobs.generate.Spellings.Format;

/** How a landing file is laid out, and streaming writers for the three formats. */
final class RawFiles {
  private RawFiles() {}

  enum Encoding {
    UTF8("UTF-8", false), UTF8_BOM("UTF-8", true), GB18030("GB18030", false);

    final Charset charset;
    final boolean bom;

    Encoding(String charset, boolean bom) {
      this.charset = Charset.forName(charset);
      this.bom = bom;
    }
  }

  enum HeaderLanguage { EN, ZH, MIXED }

  enum HeaderCase { AS_IS, UPPER, TITLE_SPACES, PADDED }

  /**
   * The layout of one file. {@code dropOptional}: leave out the optional contact columns; {@code extras}: unknown columns to add; {@code shuffled}: columns out of contract order.
   */
  record FileStyle(Format format, Encoding encoding, boolean crlf, boolean quoteAll, HeaderLanguage language,
                   HeaderCase headerCase, boolean shuffled, boolean dropOptional, List<String> extras) {
    String extension() {
      return format.name().toLowerCase(Locale.ROOT);
    }
  }

  /** Optional columns a file may lack without changing the truth (personal data never reaches it). */
  private static final List<String> OPTIONAL_DROPPABLE = List.of("contact_name", "contact_phone", "contact_email");

  /** The columns of a file in their file order (contract names and extras). */
  static List<String> columns(Feed feed, FileStyle style, Picker pk) {
    List<String> cols = new ArrayList<>(feed.columnNames());
    if (style.dropOptional()) cols.removeAll(OPTIONAL_DROPPABLE);
    cols.addAll(style.extras());
    return style.shuffled() ? Spellings.shuffledCopy(cols, pk, "columnOrder") : cols;
  }

  /** The header a file shows for a column: English or Chinese, in the style's case and spacing. */
  static String header(Feed feed, String column, int index, FileStyle style) {
    String zh = feed.columns().stream().filter(c -> c.name().equals(column)).map(Feed.Column::chineseHeader)
        .findFirst().orElse(null);
    boolean chinese = zh != null && (style.language() == HeaderLanguage.ZH
        || (style.language() == HeaderLanguage.MIXED && index % 2 == 1));
    String h = chinese ? zh : column;
    return switch (style.headerCase()) {
      case AS_IS -> h;
      case UPPER -> h.toUpperCase(Locale.ROOT);
      case TITLE_SPACES -> titleWithSpaces(h);
      case PADDED -> "  " + h + " ";
    };
  }

  private static String titleWithSpaces(String h) {
    StringBuilder sb = new StringBuilder();
    for (String part : h.split("_")) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return sb.toString();
  }

  /** A writer of one landing file; records are numbered from 1 in the order written. */
  interface Writer extends Closeable {
    /** Writes a record; returns its 1-based record number. */
    int write(Map<String, Object> values);

    /** Writes a record's raw text as is (a deliberately malformed record); CSV and JSON Lines only. */
    int writeRaw(String text);

    int records();

    @Override
    void close();
  }

  static Writer open(Path file, Feed feed, FileStyle style, List<String> columns) {
    try {
      Files.createDirectories(file.getParent());
      return switch (style.format()) {
        case CSV -> new Csv(file, feed, style, columns);
        case JSONL -> new Jsonl(file, columns);
        case XLSX -> new Xlsx(file, feed, style, columns);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(Object v) {
    if (v == null) return "";
    if (v instanceof LocalDateTime t) return Spellings.isoDateTime(t, ' ');
    return v.toString();
  }

  // ---------------------------------------------------------------- CSV

  static final class Csv implements Writer {
    private final java.io.Writer out;
    private final List<String> columns;
    private final String lineEnd;
    private final boolean quoteAll;
    private int records;

    Csv(Path file, Feed feed, FileStyle style, List<String> columns) throws IOException {
      OutputStream os = Files.newOutputStream(file);
      if (style.encoding().bom) os.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      this.out = new BufferedWriter(new OutputStreamWriter(os, style.encoding().charset), 1 << 16);
      this.columns = columns;
      this.lineEnd = style.crlf() ? "\r\n" : "\n";
      this.quoteAll = style.quoteAll();
      List<String> headers = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) headers.add(RawFiles.header(feed, columns.get(i), i, style));
      line(headers);
    }

    @Override
    public int write(Map<String, Object> values) {
      List<String> fields = new ArrayList<>(columns.size());
      for (String c : columns) fields.add(text(values.get(c)));
      line(fields);
      return ++records;
    }

    @Override
    public int writeRaw(String text) {
      try {
        out.write(text);
        out.write(lineEnd);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return ++records;
    }

    /**
     * A record whose last field opens a quote that is never closed. Written as the file's last
     * record, a reader takes only the rest of this record (up to the end of the file) as one
     * unterminated field.
     */
    int writeUnterminated(Map<String, Object> values) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        String v = text(values.get(columns.get(i)));
        if (i > 0) sb.append(',');
        if (i < columns.size() - 1) {
          sb.append(quote(v));
        } else {
          sb.append('"').append(v.isEmpty() ? "unclosed" : v.replace("\"", ""));
        }
      }
      return writeRaw(sb.toString());
    }

    private void line(List<String> fields) {
      try {
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) out.write(',');
          out.write(quote(fields.get(i)));
        }
        out.write(lineEnd);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String quote(String v) {
      boolean needs = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
      return needs || (quoteAll && !v.isEmpty()) ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    @Override
    public int records() {
      return records;
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  // ---------------------------------------------------------------- JSON Lines

  static final class Jsonl implements Writer {
    private final java.io.Writer out;
    private final List<String> columns;
    private int records;

    Jsonl(Path file, List<String> columns) throws IOException {
      this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
      this.columns = columns;
    }

    /** Absent (null) values leave their key out; numbers are JSON numbers. */
    @Override
    public int write(Map<String, Object> values) {
      StringBuilder sb = new StringBuilder(400).append('{');
      for (String c : columns) {
        Object v = values.get(c);
        if (v == null) continue;
        if (sb.length() > 1) sb.append(", ");
        sb.append(jsonString(c)).append(": ");
        sb.append(v instanceof Number ? v.toString() : v == JSON_NULL ? "null" : jsonString(text(v)));
      }
      return writeRaw(sb.append('}').toString());
    }

    @Override
    public int writeRaw(String text) {
      try {
        out.write(text);
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return ++records;
    }

    @Override
    public int records() {
      return records;
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A value that JSON Lines writes as {@code null} (other formats: empty). */
  static final Object JSON_NULL = new Object() {
    @Override
    public String toString() {
      return "";
    }
  };

  static String jsonString(String s) {
    boolean plain = true;
    for (int i = 0; i < s.length() && plain; i++) {
      char c = s.charAt(i);
      plain = c >= 0x20 && c != '"' && c != '\\';
    }
    if (plain) return '"' + s + '"';
    StringBuilder sb = new StringBuilder(s.length() + 8).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }

  // ---------------------------------------------------------------- XLSX

  /** First sheet, header row, then one row per record; streamed with SXSSF (100 rows in memory). */
  static final class Xlsx implements Writer {
    /** Fixed document dates, so a seed gives the same file every time. */
    private static final Date FIXED_DATE = Date.from(LocalDateTime.of(2019, 6, 1, 0, 0).toInstant(ZoneOffset.UTC));
    private final Path file;
    private final SXSSFWorkbook workbook;
    private final SXSSFSheet sheet;
    private final List<String> columns;
    private final CellStyle dateStyle;
    private final CellStyle dateTimeStyle;
    private int records;

    Xlsx(Path file, Feed feed, FileStyle style, List<String> columns) {
      this.file = file;
      this.columns = columns;
      this.workbook = new SXSSFWorkbook(100);
      this.sheet = workbook.createSheet(feed == Feed.PROJECTS ? "项目" : "合作方");
      this.dateStyle = workbook.createCellStyle();
      dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      this.dateTimeStyle = workbook.createCellStyle();
      dateTimeStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
      var header = sheet.createRow(0);
      for (int i = 0; i < columns.size(); i++) header.createCell(i).setCellValue(RawFiles.header(feed, columns.get(i), i, style));
    }

    @Override
    public int write(Map<String, Object> values) {
      var row = sheet.createRow(records + 1);
      for (int i = 0; i < columns.size(); i++) {
        Object v = values.get(columns.get(i));
        if (v == null) continue;
        Cell cell = row.createCell(i);
        if (v instanceof Number n) {
          cell.setCellValue(n.doubleValue());
        } else if (v instanceof LocalDateTime t) {
          cell.setCellValue(t);
          cell.setCellStyle(dateTimeStyle);
        } else if (v instanceof LocalDate d) {
          cell.setCellValue(d);
          cell.setCellStyle(dateStyle);
        } else {
          cell.setCellValue(text(v));
        }
      }
      return ++records;
    }

    @Override
    public int writeRaw(String text) {
      throw new UnsupportedOperationException("XLSX has no raw records");
    }

    @Override
    public int records() {
      return records;
    }

    @Override
    public void close() {
      var core = workbook.getXSSFWorkbook().getProperties().getCoreProperties();
      core.setCreated(Optional.of(FIXED_DATE));
      core.setModified(Optional.of(FIXED_DATE));
      core.setCreator("cooplake generate");
      try (OutputStream os = Files.newOutputStream(file)) {
        workbook.write(os);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        workbook.dispose();
        try {
          workbook.close();
        } catch (IOException ignored) {
          // temporary files are already gone (dispose); nothing left to release
        }
      }
    }
  }
}
