package org.cooplake.jobs.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.cooplake.common.model.Feed;

/**
 * Reads a landing directory back, independently of the generator's writers: CSV (encoding
 * detected per file, RFC 4180 with quoted commas, quotes and line breaks), JSON Lines and XLSX
 * (cell types kept). Records that cannot be parsed are kept and flagged, like bronze will.
 */
final class RawScan {
  enum Kind { TEXT, NUMBER, DATE, DATETIME }

  record Value(String text, Kind kind) {}

  /** One data record: values by contract column (or raw header for unknown columns). */
  record Rec(int number, Map<String, Value> values, boolean malformed, String malformedWhy) {
    String text(String column) {
      Value v = values.get(column);
      return v == null ? null : v.text();
    }
  }

  record FileScan(String path, Feed feed, String batch, String format, String encoding, List<String> headers,
                  List<Rec> records, boolean readable, boolean crlf, List<String> csvFieldsNeedingQuotes) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static List<FileScan> scan(Path landing) {
    List<FileScan> out = new ArrayList<>();
    for (Feed feed : Feed.values()) {
      Path dir = landing.resolve(feed.dirName());
      if (!Files.isDirectory(dir)) continue;
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String rel = landing.relativize(f).toString().replace('\\', '/');
          String batch = f.getParent().getFileName().toString();
          String name = f.getFileName().toString();
          if (name.endsWith(".csv")) out.add(csv(f, rel, feed, batch));
          else if (name.endsWith(".jsonl")) out.add(jsonl(f, rel, feed, batch));
          else if (name.endsWith(".xlsx")) out.add(xlsx(f, rel, feed, batch));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- CSV

  private static FileScan csv(Path f, String rel, Feed feed, String batch) throws IOException {
    byte[] bytes = Files.readAllBytes(f);
    String encoding;
    String text;
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      encoding = "UTF-8-BOM";
      text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    } else if (strictlyDecodes(bytes, StandardCharsets.UTF_8)) {
      encoding = "UTF-8";
      text = new String(bytes, StandardCharsets.UTF_8);
    } else {
      encoding = "GB18030";
      text = new String(bytes, Charset.forName("GB18030"));
    }
    List<List<String>> rows = new ArrayList<>();
    List<Boolean> unterminated = new ArrayList<>();
    List<String> needingQuotes = new ArrayList<>();
    parseCsv(text, rows, unterminated, needingQuotes);
    List<String> headers = rows.isEmpty() ? List.of() : rows.get(0);
    List<Rec> records = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      String why = unterminated.get(i) ? "UNBALANCED_QUOTES" : r.size() != headers.size() ? "WRONG_FIELD_COUNT" : null;
      Map<String, Value> values = new LinkedHashMap<>();
      if (why == null) {
        for (int c = 0; c < headers.size(); c++) values.put(column(feed, headers.get(c)), new Value(r.get(c), Kind.TEXT));
      }
      records.add(new Rec(i, values, why != null, why));
    }
    return new FileScan(rel, feed, batch, "csv", encoding, headers, records, !headers.isEmpty(), text.contains("\r\n"),
        needingQuotes);
  }

  private static boolean strictlyDecodes(byte[] bytes, Charset cs) {
    try {
      cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** RFC 4180; a record still inside quotes at the end of the text is flagged unterminated. */
  private static void parseCsv(String text, List<List<String>> rows, List<Boolean> unterminated, List<String> needingQuotes) {
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = text.length();
    boolean open = false;
    while (i < n) {
      char c = text.charAt(i);
      open = true;
      if (c == '"' && field.length() == 0) {
        i++;
        boolean closed = false;
        while (i < n) {
          char q = text.charAt(i++);
          if (q != '"') field.append(q);
          else if (i < n && text.charAt(i) == '"') field.append(text.charAt(i++));
          else {
            closed = true;
            break;
          }
        }
        String v = field.toString();
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) needingQuotes.add(v);
        if (!closed) {
          record.add(v);
          rows.add(record);
          unterminated.add(true);
          return;
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
        rows.add(record);
        unterminated.add(false);
        record = new ArrayList<>();
        open = false;
      } else {
        field.append(c);
      }
    }
    if (open) {
      record.add(field.toString());
      rows.add(record);
      unterminated.add(false);
    }
  }

  private static String column(Feed feed, String header) {
    return feed.columnForHeader(header).orElse(header);
  }

  // ---------------------------------------------------------------- JSON Lines

  private static FileScan jsonl(Path f, String rel, Feed feed, String batch) throws IOException {
    List<Rec> records = new ArrayList<>();
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      Map<String, Value> values = new LinkedHashMap<>();
      boolean malformed = false;
      try {
        JsonNode node = JSON.readTree(lines.get(i));
        if (node == null || !node.isObject()) throw new IOException("not an object");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode v = e.getValue();
          if (v.isNull()) continue;
          values.put(column(feed, e.getKey()), v.isNumber()
              ? new Value(v.decimalValue().stripTrailingZeros().toPlainString(), Kind.NUMBER) : new Value(v.asText(), Kind.TEXT));
        }
      } catch (IOException e) {
        malformed = true;
        values.clear();
      }
      records.add(new Rec(i + 1, values, malformed, malformed ? "MALFORMED_JSON" : null));
    }
    return new FileScan(rel, feed, batch, "jsonl", "UTF-8", List.of(), records, true, false, List.of());
  }

  // ---------------------------------------------------------------- XLSX

  private static FileScan xlsx(Path f, String rel, Feed feed, String batch) {
    try (InputStream in = Files.newInputStream(f); Workbook wb = WorkbookFactory.create(in)) {
      Sheet sheet = wb.getSheetAt(0);
      Row header = sheet.getRow(0);
      List<String> headers = new ArrayList<>();
      for (int c = 0; c < header.getLastCellNum(); c++) headers.add(header.getCell(c).getStringCellValue());
      List<Rec> records = new ArrayList<>();
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        Map<String, Value> values = new LinkedHashMap<>();
        for (int c = 0; c < headers.size(); c++) {
          Cell cell = row == null ? null : row.getCell(c);
          Value v = cell == null ? null : value(cell);
          if (v != null) values.put(column(feed, headers.get(c)), v);
        }
        records.add(new Rec(r, values, false, null));
      }
      return new FileScan(rel, feed, batch, "xlsx", null, headers, records, true, false, List.of());
    } catch (Exception e) {
      return new FileScan(rel, feed, batch, "xlsx", null, List.of(), List.of(), false, false, List.of());
    }
  }

  private static Value value(Cell cell) {
    if (cell.getCellType() == CellType.STRING) return new Value(cell.getStringCellValue(), Kind.TEXT);
    if (cell.getCellType() == CellType.NUMERIC) {
      if (DateUtil.isCellDateFormatted(cell)) {
        LocalDateTime t = cell.getLocalDateTimeCellValue();
        boolean hasTime = cell.getCellStyle().getDataFormatString().contains("h");
        return hasTime ? new Value(Spellings.isoDateTime(t, ' '), Kind.DATETIME) : new Value(t.toLocalDate().toString(), Kind.DATE);
      }
      return new Value(BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString(), Kind.NUMBER);
    }
    return null;
  }
}
