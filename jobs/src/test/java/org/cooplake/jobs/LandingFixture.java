package org.cooplake.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Writes landing files for tests: text in a chosen encoding, or an .xlsx built with POI. */
final class LandingFixture {
  private final Path landing;

  LandingFixture(Path landing) {
    this.landing = landing;
  }

  Path file(String feed, String batch, String name) throws IOException {
    Path dir = landing.resolve(feed).resolve(batch);
    Files.createDirectories(dir);
    return dir.resolve(name);
  }

  Path text(String feed, String batch, String name, String content, Charset cs, boolean bom) throws IOException {
    Path f = file(feed, batch, name);
    try (OutputStream out = Files.newOutputStream(f)) {
      if (bom) out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      out.write(content.getBytes(cs));
    }
    return f;
  }

  Path utf8(String feed, String batch, String name, String content) throws IOException {
    return text(feed, batch, name, content, StandardCharsets.UTF_8, false);
  }

  /** An .xlsx whose cells are strings, numbers, or LocalDate (written as real date cells). */
  Path xlsx(String feed, String batch, String name, List<List<Object>> rows) throws IOException {
    Path f = file(feed, batch, name);
    try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(f)) {
      Sheet sheet = wb.createSheet("data");
      CellStyle dateStyle = wb.createCellStyle();
      dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          Object v = rows.get(r).get(c);
          if (v == null) continue;
          Cell cell = row.createCell(c);
          if (v instanceof Number n) {
            cell.setCellValue(n.doubleValue());
          } else if (v instanceof LocalDate d) {
            cell.setCellValue(d);
            cell.setCellStyle(dateStyle);
          } else {
            cell.setCellValue(v.toString());
          }
        }
      }
      wb.write(out);
    }
    return f;
  }
}
