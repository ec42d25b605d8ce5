package org.cooplake.common.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Looks at a landing file on the driver before Spark reads it: SHA-256 (for the manifest), the
 * encoding of a CSV file (no sidecar says which, so it is detected: BOM, else strict UTF-8, else
 * strict GB18030), and the header. Reads the file once, streaming; holds no data in memory.
 */
public final class FileInspector {
  public static final String UTF8 = "UTF-8";
  public static final String UTF8_BOM = "UTF-8-BOM";
  public static final String GB18030 = "GB18030";

  /** Reason codes for files rejected as a whole. */
  public static final String UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT";
  public static final String EMPTY_FILE = "EMPTY_FILE";
  public static final String UNKNOWN_ENCODING = "UNKNOWN_ENCODING";
  public static final String UNREADABLE_FILE = "UNREADABLE_FILE";
  public static final String MISSING_REQUIRED_COLUMN = "MISSING_REQUIRED_COLUMN";

  private static final int JSON_SAMPLE_LINES = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private FileInspector() {}

  public static Inspection inspect(LandingFile f) {
    Inspection base = new Inspection(f, null, null, List.of(), null, null);
    try {
      if (f.format() == null) {
        return base.reject(UNSUPPORTED_FORMAT, "'" + f.path().getFileName() + "' is not .csv, .jsonl or .xlsx");
      }
      Fingerprint print = fingerprint(f);
      base = new Inspection(f, print.sha256(), null, List.of(), null, null);
      if (f.sizeBytes() == 0) return base.reject(EMPTY_FILE, "the file is empty (0 bytes)");
      Inspection read = switch (f.format()) {
        case "csv" -> inspectCsv(base);
        case "jsonl" -> inspectJsonLines(base);
        default -> inspectXlsx(base);
      };
      if (read.rejected()) return read;
      // byte 0x22 is never part of a multi-byte character in UTF-8 or GB18030, so counting bytes is exact
      if ("csv".equals(f.format())) read = read.withEndsInsideQuotes(print.quoteBytes() % 2 == 1);
      HeaderMapping mapping = HeaderMapping.of(f.feed(), read.headers());
      if (!mapping.missingRequired().isEmpty()) {
        return read.reject(MISSING_REQUIRED_COLUMN, "required column(s) " + String.join(", ", mapping.missingRequired())
            + " not found; the header has: " + String.join(", ", read.headers()));
      }
      return read;
    } catch (IOException | RuntimeException e) {
      return base.reject(UNREADABLE_FILE, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The file's SHA-256 and how many '"' bytes it holds, from one pass over its bytes. */
  record Fingerprint(String sha256, long quoteBytes) {}

  static String sha256(LandingFile f) throws IOException {
    return fingerprint(f).sha256();
  }

  static Fingerprint fingerprint(LandingFile f) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 20];
    long quotes = 0;
    try (InputStream in = Files.newInputStream(f.path())) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
        for (int i = 0; i < n; i++) if (buf[i] == '"') quotes++;
      }
    }
    return new Fingerprint(HexFormat.of().formatHex(md.digest()), quotes);
  }

  /** UTF-8 with BOM, else UTF-8 if every byte decodes strictly, else GB18030 likewise, else null. */
  static String detectEncoding(LandingFile f) throws IOException {
    byte[] head = new byte[3];
    try (InputStream in = Files.newInputStream(f.path())) {
      int n = in.readNBytes(head, 0, 3);
      if (n == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) return UTF8_BOM;
      if (n >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
          || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)) {
        return null; // UTF-16 is not in the contract
      }
    }
    if (decodesStrictly(f, StandardCharsets.UTF_8)) return UTF8;
    if (decodesStrictly(f, Charset.forName(GB18030))) return GB18030;
    return null;
  }

  private static boolean decodesStrictly(LandingFile f, Charset cs) throws IOException {
    CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(1 << 20);
    CharBuffer out = CharBuffer.allocate(1 << 20);
    try (InputStream s = Files.newInputStream(f.path())) {
      boolean eof = false;
      while (!eof) {
        int n = s.read(in.array(), in.position(), in.remaining());
        if (n < 0) eof = true;
        else in.position(in.position() + n);
        in.flip();
        CoderResult r = dec.decode(in, out, eof);
        if (r.isError()) return false;
        out.clear();
        in.compact();
      }
      in.flip();
      CoderResult r = dec.flush(out);
      return !r.isError() && !in.hasRemaining();
    }
  }

  /** The Java charset Spark should decode with for a detected encoding. */
  public static String sparkCharset(String encoding) {
    return UTF8_BOM.equals(encoding) ? UTF8 : encoding;
  }

  private static Inspection inspectCsv(Inspection base) throws IOException {
    String enc = detectEncoding(base.file());
    if (enc == null) {
      return base.reject(UNKNOWN_ENCODING, "the file is neither UTF-8 (with or without BOM) nor GB18030");
    }
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setMaxCharsPerColumn(1 << 16);
    try (Reader r = new InputStreamReader(Files.newInputStream(base.file().path()), sparkCharset(enc))) {
      CsvParser p = new CsvParser(settings);
      p.beginParsing(r);
      String[] header = p.parseNext();
      p.stopParsing();
      if (header == null) return new Inspection(base.file(), base.sha256(), enc, List.of(), EMPTY_FILE, "no header row");
      List<String> h = new ArrayList<>();
      for (String s : header) h.add(s == null ? "" : s);
      return new Inspection(base.file(), base.sha256(), enc, h, null, null);
    }
  }

  /** JSON Lines have no header: the keys seen in the first lines stand for it. */
  private static Inspection inspectJsonLines(Inspection base) throws IOException {
    if (!decodesStrictly(base.file(), StandardCharsets.UTF_8)) {
      return base.reject(UNKNOWN_ENCODING, "JSON Lines must be UTF-8; this file is not");
    }
    Set<String> keys = new LinkedHashSet<>();
    int objects = 0;
    try (BufferedReader r = Files.newBufferedReader(base.file().path(), StandardCharsets.UTF_8)) {
      String line;
      for (int i = 0; i < JSON_SAMPLE_LINES && (line = r.readLine()) != null; i++) {
        if (line.isBlank()) continue;
        try {
          JsonNode node = JSON.readTree(line.replace("\uFEFF", ""));
          if (node != null && node.isObject()) {
            objects++;
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) keys.add(it.next());
          }
        } catch (IOException malformed) {
          // a malformed line is a corrupt record for bronze, not a reason to reject the file
        }
      }
    }
    if (objects == 0) {
      return base.reject(UNREADABLE_FILE, "none of the first " + JSON_SAMPLE_LINES + " lines is a JSON object");
    }
    return new Inspection(base.file(), base.sha256(), UTF8, new ArrayList<>(keys), null, null);
  }

  private static Inspection inspectXlsx(Inspection base) {
    try {
      List<String> header = XlsxReader.readHeader(base.file().path());
      if (header.isEmpty()) return base.reject(EMPTY_FILE, "the first sheet has no header row");
      return new Inspection(base.file(), base.sha256(), null, header, null, null);
    } catch (Exception e) {
      return base.reject(UNREADABLE_FILE, "not a readable .xlsx workbook (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")");
    }
  }

}
