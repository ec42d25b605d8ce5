package org.cooplake.common.io;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads the first sheet of an .xlsx workbook with POI's streaming (SAX) API, so a large sheet never
 * sits in memory. Each cell becomes the string it shows, with two rules so values stay machine
 * readable: date cells as {@code yyyy-MM-dd} (or {@code yyyy-MM-dd HH:mm:ss}), numbers as plain
 * decimals ({@code 1200000}, never {@code 1.2E6}). The first non-empty row is the header.
 */
public final class XlsxReader {
  private XlsxReader() {}

  /** A data row: its 1-based index among the sheet's data rows, and its cells by header position. */
  public record SheetRow(long rowNumber, List<String> cells) {}

  public static List<String> readHeader(Path file) throws Exception {
    List<String> header = new ArrayList<>();
    try {
      read(file, header, row -> {
        throw new StopReading();
      });
    } catch (StopReading done) {
      // header found; the rest of the sheet is not needed
    }
    return header;
  }

  /** Streams every data row to {@code sink}; {@code header} receives the header cells. */
  public static void read(Path file, List<String> header, Consumer<SheetRow> sink) throws Exception {
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      StylesTable styles = reader.getStylesTable();
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) return;
      try (InputStream sheet = sheets.next()) {
        XMLReader xml = XMLHelper.newXMLReader();
        xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new RowCollector(header, sink),
            new PlainFormatter(), false));
        xml.parse(new InputSource(sheet));
      }
    }
  }

  private static final class StopReading extends RuntimeException {
    StopReading() {
      super(null, null, false, false);
    }
  }

  private static final class RowCollector implements SheetContentsHandler {
    private final List<String> header;
    private final Consumer<SheetRow> sink;
    private final List<String> cells = new ArrayList<>();
    private boolean headerSeen;
    private long dataRows;

    RowCollector(List<String> header, Consumer<SheetRow> sink) {
      this.header = header;
      this.sink = sink;
    }

    @Override
    public void startRow(int rowNum) {
      cells.clear();
    }

    @Override
    public void endRow(int rowNum) {
      boolean empty = cells.stream().allMatch(c -> c == null || c.isBlank());
      if (empty) return; // a blank row is not a record
      if (!headerSeen) {
        header.addAll(cells);
        headerSeen = true;
        return;
      }
      sink.accept(new SheetRow(++dataRows, new ArrayList<>(cells)));
    }

    @Override
    public void cell(String cellReference, String formattedValue, XSSFComment comment) {
      int col = new CellReference(cellReference).getCol();
      while (cells.size() < col) cells.add(null); // skipped (empty) cells
      cells.add(formattedValue);
    }
  }

  /** Dates as ISO text, numbers as plain decimals; everything else as POI shows it. */
  static final class PlainFormatter extends DataFormatter {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        LocalDateTime t = DateUtil.getLocalDateTime(value, use1904, true);
        return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.format(DATE_TIME);
      }
      return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      return formatRawCellContents(value, formatIndex, formatString, false);
    }
  }

}
