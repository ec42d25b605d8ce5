package org.cooplake.common.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void readsRfc4180QuotingBomCrlfAndSkipsBlankLines() {
    String text = "\uFEFFcode,name\r\nHK,\"Hong Kong, China\"\r\n\r\nX,\"say \"\"hi\"\"\nthere\"\nE,\n";
    Csv.Table t = Csv.read(new StringReader(text));
    assertEquals(List.of("code", "name"), t.header());
    assertEquals(List.of(List.of("HK", "Hong Kong, China"), List.of("X", "say \"hi\"\nthere"), List.of("E", "")), t.records());
  }

  @Test
  void lastLineWithoutNewlineAndEmptyQuotedField() {
    Csv.Table t = Csv.read(new StringReader("a,b\n\"\",1"));
    assertEquals(List.of(List.of("", "1")), t.records());
  }

  @Test
  void writesQuotingOnlyWhereNeededAndReadsItBack() {
    List<List<String>> records = List.of(List.of("HK", "Hong Kong, China"), List.of("RD", "R&D \"joint\""), List.of("US", "美国"));
    StringWriter out = new StringWriter();
    Csv.write(out, List.of("code", "name"), records);
    assertEquals("code,name\nHK,\"Hong Kong, China\"\nRD,\"R&D \"\"joint\"\"\"\nUS,美国\n", out.toString());
    assertEquals(records, Csv.read(new StringReader(out.toString())).records());
  }
}
