package org.cooplake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.cooplake.common.config.ConfigLoader;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.StageResult;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Test;

/** OPTIMIZE compacts a table of many small files; VACUUM keeps history unless a short retention is configured. */
class MaintainJobTest extends SparkTestBase {

  private CooplakeConfig withRetention(int hours) {
    ConfigLoader loader = ConfigLoader.withEnvironment(Map.of())
        .set(ConfigLoader.WAREHOUSE, warehouse.toString())
        .set(ConfigLoader.CATALOG_TYPE, "memory")
        .set(ConfigLoader.VACUUM_RETENTION_HOURS, String.valueOf(hours))
        .set(ConfigLoader.OPTIMIZE_MIN_FILES, "10");
    for (Layer l : Layer.values()) loader.set(l.key(), config.database(l));
    return loader.load();
  }

  @Test
  void compactsManySmallFilesAndVacuumsOnlyWithinTheRetention() {
    String many = config.table(Layer.SILVER, "many_files");
    String few = config.table(Layer.SILVER, "few_files");
    sql("CREATE TABLE " + many + " (id BIGINT) USING delta");
    sql("CREATE TABLE " + few + " (id BIGINT) USING delta");
    for (int i = 0; i < 12; i++) sql("INSERT INTO " + many + " VALUES (" + i + ")");
    sql("INSERT INTO " + few + " VALUES (1), (2)");

    // Delta's safe default: compacted, but the old files stay for time travel
    StageResult kept = new MaintainJob().run(spark, withRetention(168), RunContext.start());
    assertEquals(12L, kept.counters().get(many + ".files_before"));
    assertEquals(1L, kept.counters().get(many + ".files_after"));
    assertEquals(13L, kept.counters().get(many + ".files_on_disk_after"));
    assertEquals(kept.counters().get(few + ".files_before"), kept.counters().get(few + ".files_after"),
        "a table with few files is left as it is");
    assertEquals(1L, kept.counters().get("tables_optimized"));
    checkAnswer(sql("SELECT count(*), sum(id) FROM " + many), rows(row(12L, 66L)));
    checkAnswer(sql("SELECT count(*) FROM " + many + " VERSION AS OF 5"), rows(row(5L)));

    // a configured zero retention removes every file the current version does not need
    StageResult vacuumed = new MaintainJob().run(spark, withRetention(0), RunContext.start());
    assertEquals(13L, vacuumed.counters().get(many + ".files_on_disk_before"));
    assertEquals(1L, vacuumed.counters().get(many + ".files_on_disk_after"));
    checkAnswer(sql("SELECT count(*), sum(id) FROM " + many), rows(row(12L, 66L)));
    assertTrue(vacuumed.headlines().get(0).contains("VACUUM retention 0 h"), vacuumed.headlines().toString());
  }
}
