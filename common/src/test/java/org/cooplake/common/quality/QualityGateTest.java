package org.cooplake.common.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * One query per table, run side by side; exact violation counts, each with its own check whatever
 * the order the tables' queries finish in; samples and a stopping error for the failing ones.
 */
class QualityGateTest extends SparkTestBase {

  @Test
  void countsEveryChecksViolationsAndStopsOnAFailure() {
    String t = config.table(Layer.SILVER, "gate_input");
    sql("CREATE TABLE " + t + " USING delta AS SELECT id, IF(id % 2 = 0, 'A', 'Z') AS kind,"
        + " IF(id < 7, NULL, id) AS v FROM range(12)");
    String other = config.table(Layer.SILVER, "gate_other");
    sql("CREATE TABLE " + other + " USING delta AS SELECT id % 3 AS id FROM range(4)"); // id 0 twice
    List<Check> checks = List.of(
        Check.unique(t, "id"),
        Check.unique(other, "id"), // one duplicated key, in the other table's query
        Check.acceptedValues(t, "kind", List.of("A", "B")), // one offending value: Z
        Check.notNull(t, "v"), // seven offending rows: samples stop at five
        Check.notNull(t, "kind"));

    for (int concurrentQueries : new int[] {1, 2}) {
      List<CheckResult> results = QualityGate.evaluate(spark, checks, concurrentQueries);
      assertEquals(List.of(0L, 1L, 1L, 7L, 0L), results.stream().map(CheckResult::violations).toList());
      assertEquals(List.of(0, 1, 1, 5, 0), results.stream().map(r -> r.samples().size()).toList());
    }

    CooplakeException e = assertThrows(CooplakeException.class,
        () -> QualityGate.enforce(spark, config, RunContext.start(), "clean", checks));
    assertEquals("QUALITY_GATE_FAILED", e.code());
    assertTrue(e.problem().contains(t + ": not_null(v) — 7 offending row(s)"), e.problem());
    checkAnswer(sql("SELECT check_name, status, violations FROM " + config.table(Layer.OPS, QualityGate.RESULTS_TABLE)),
        rows(row("unique(id)", "PASS", 0L), row("unique(id)", "FAIL", 1L), row("accepted_values(kind: A, B)", "FAIL", 1L),
            row("not_null(v)", "FAIL", 7L), row("not_null(kind)", "PASS", 0L)));
  }
}
