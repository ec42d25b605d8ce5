package org.cooplake.common.test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.reference.Csv;
import org.junit.jupiter.api.Test;

/** The gold-vs-truth comparison itself, on rows built in memory (no Spark session). */
class TruthTablesTest {
  private static final StructType SCHEMA =
      StructType.fromDDL("district_code STRING, subjects BIGINT, share_pct DOUBLE, rank INT, extra STRING");
  private static final Csv.Table TRUTH = Csv.read(new StringReader("""
      district_code,subjects,share_pct,rank
      110108,164,44.93150684931507,1
      110105,52,14.246575342465754,2
      110101,0,,3
      """));

  private static Row row(String code, long subjects, Double share, int rank) {
    return RowFactory.create(code, subjects, share, rank, "ignored");
  }

  @Test
  void equalInAnyOrderWithinTheToleranceAndIgnoringExtraColumns() {
    assertNull(TruthTables.compare(SCHEMA, List.of(
        row("110105", 52, 100.0 * 52 / 365 + 5e-10, 2),
        row("110101", 0, null, 3),
        row("110108", 164, 100.0 * 164 / 365, 1)), TRUTH));
  }

  @Test
  void namesMissingUnexpectedAndDifferentRows() {
    String diff = TruthTables.compare(SCHEMA, List.of(
        row("110105", 52, 14.2466, 2),
        row("110101", 0, 0.0, 3),
        row("110108", 164, 100.0 * 164 / 365, 2)), TRUTH);
    assertTrue(diff.contains("in truth, not in gold (1):\n    [110108 | 164 | 1] [44.93150684931507]"), diff);
    assertTrue(diff.contains("in gold, not in truth (1):\n    [110108 | 164 | 2]"), diff);
    assertTrue(diff.contains("[110105 | 52 | 2] → truth [share_pct] = [14.246575342465754], gold [14.2466]"), diff);
    assertTrue(diff.contains("[110101 | 0 | 3] → truth [share_pct] = [null], gold [0.0]"), diff);
  }

  @Test
  void aTruthColumnMissingFromGoldIsReported() {
    String diff = TruthTables.compare(StructType.fromDDL("district_code STRING"), List.of(), TRUTH);
    assertTrue(diff.startsWith("gold has no column [subjects, share_pct, rank]"), diff);
  }
}
