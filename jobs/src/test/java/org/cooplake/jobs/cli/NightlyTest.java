package org.cooplake.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.RunLog;
import org.cooplake.common.spark.Sessions;
import org.cooplake.common.test.DataFrameAssert;
import org.cooplake.common.test.SparkTestBase;
import org.cooplake.jobs.Pipeline;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nightly runs on the shipped sample's first three nights: three nights in order give the same
 * bronze, silver and gold as one run over all three; a night run again changes no table; every run
 * is recorded in ops.runs; backfill finds the nights not yet ingested; freshness warns.
 */
class NightlyTest extends SparkTestBase {
  private static final Path SAMPLE_LANDING = projectDir().resolve("data/sample/landing");
  private static final List<LocalDate> NIGHTS =
      List.of(LocalDate.parse("2019-06-03"), LocalDate.parse("2019-06-04"), LocalDate.parse("2019-06-05"));

  private CooplakeConfig allAtOnce;
  private final List<String> summaries = new ArrayList<>();
  private Map<String, List<Row>> beforeRepeat;
  private Map<String, List<Row>> afterRepeat;

  @BeforeAll
  void runNightsInOrderAndAllAtOnce() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(SAMPLE_LANDING), "data/sample/landing is not generated yet");
    copyTree(SAMPLE_LANDING, config.landing());
    for (LocalDate night : NIGHTS) nightly(config, night);
    beforeRepeat = snapshot(config);
    nightly(config, NIGHTS.get(2));
    afterRepeat = snapshot(config);

    allAtOnce = testConfig(warehouse, config.database(Layer.BRONZE).replace("bronze", "all_"));
    Sessions.createDatabases(spark, allAtOnce);
    nightly(allAtOnce, NIGHTS.get(2));
  }

  private void nightly(CooplakeConfig c, LocalDate night) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PipelineCommands.runStages(spark, c, "nightly", RunContext.start(night), Pipeline.all(),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    summaries.add(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void threeNightsInOrderEqualOneRunOverAllThree() {
    Map<String, List<Row>> inOrder = beforeRepeat;
    Map<String, List<Row>> together = snapshot(allAtOnce);
    assertEquals(inOrder.keySet(), together.keySet());
    for (String table : inOrder.keySet()) {
      String diff = DataFrameAssert.compare(inOrder.get(table), together.get(table));
      assertNull(diff, table + ": three nights in order differ from one run over all three\n" + diff);
    }
    assertTrue(inOrder.get("silver.projects").size() > 100, "the nights hold data");
  }

  @Test
  void aNightRunAgainChangesNoTable() {
    for (String table : beforeRepeat.keySet()) {
      assertNull(DataFrameAssert.compare(afterRepeat.get(table), beforeRepeat.get(table)), table + " changed");
    }
    assertTrue(summaries.get(3).contains("no new files"), summaries.get(3));
  }

  @Test
  void onlyTheNightsBatchesAreIngested() {
    checkAnswer(sql("SELECT DISTINCT _batch FROM " + config.table(Layer.BRONZE, "projects")),
        rows(row("dt=2019-06-03"), row("dt=2019-06-04"), row("dt=2019-06-05")));
    assertTrue(summaries.get(0).contains("(night 2019-06-03)"), summaries.get(0));
  }

  @Test
  void everyRunIsRecorded() {
    checkAnswer(sql("SELECT CAST(night AS STRING), status, size(stages), array_join(transform(stages, s -> s.stage), ','),"
            + " ended_at >= started_at, seconds > 0 FROM " + RunLog.table(config)),
        rows(row("2019-06-03", "SUCCEEDED", 3, "ingest,clean,aggregate", true, true),
            row("2019-06-04", "SUCCEEDED", 3, "ingest,clean,aggregate", true, true),
            row("2019-06-05", "SUCCEEDED", 3, "ingest,clean,aggregate", true, true),
            row("2019-06-05", "SUCCEEDED", 3, "ingest,clean,aggregate", true, true)));
    // the first night ingested rows and wrote bronze; the repeated night read nothing and wrote no bronze
    List<Row> runs = sql("SELECT stages[0].rows_in, delta_versions, quarantined FROM " + RunLog.table(config)
        + " ORDER BY started_at").collectAsList();
    assertTrue(runs.get(0).getLong(0) > 0 && runs.get(0).getJavaMap(1).containsKey(config.table(Layer.BRONZE, "projects")),
        runs.get(0).toString());
    assertEquals(0L, runs.get(3).getLong(0));
    assertTrue(!runs.get(3).getJavaMap(1).containsKey(config.table(Layer.BRONZE, "projects")), runs.get(3).toString());
    assertTrue(runs.get(0).getJavaMap(2).containsKey("MALFORMED_RECORD"), runs.get(0).toString());
  }

  @Test
  void backfillFindsTheNightsNotIngestedYet() {
    assertEquals(List.of(LocalDate.parse("2019-06-06"), LocalDate.parse("2019-06-07")),
        PipelineCommands.Nightly.missingNights(spark, config, LocalDate.parse("2019-06-01"), LocalDate.parse("2019-06-30")));
    assertEquals(List.of(), PipelineCommands.Nightly.missingNights(spark, config, LocalDate.parse("2019-06-01"),
        LocalDate.parse("2019-06-05")));
  }

  @Test
  void freshnessWarnsWhenNoBatchArrivedForDays() {
    assertNull(PipelineCommands.freshness(spark, config, LocalDate.parse("2019-06-08")));
    String warning = PipelineCommands.freshness(spark, config, LocalDate.parse("2019-06-20"));
    assertNotNull(warning);
    assertTrue(warning.contains("2019-06-05") && warning.contains("3 day(s)"), warning);
  }

  /** Every bronze, silver and gold table's rows, without the columns that name a run or its time. */
  private Map<String, List<Row>> snapshot(CooplakeConfig c) {
    Map<String, List<Row>> out = new TreeMap<>();
    for (Layer layer : List.of(Layer.BRONZE, Layer.SILVER, Layer.GOLD)) {
      for (Row t : sql("SHOW TABLES IN " + c.database(layer)).collectAsList()) {
        if (t.getBoolean(2)) continue;
        String name = c.table(layer, t.getString(1));
        Dataset<Row> df = spark.table(name);
        List<Column> kept = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
          boolean runSpecific = f.name().endsWith("run_id") || (f.name().endsWith("_at") && !f.name().equals("updated_at"));
          if (!runSpecific) kept.add(df.col(f.name()));
        }
        out.put(layer.name().toLowerCase(java.util.Locale.ROOT) + "." + t.getString(1),
            df.select(kept.toArray(Column[]::new)).collectAsList());
      }
    }
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      walk.forEach(p -> {
        try {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) Files.createDirectories(target);
          else Files.copy(p, target);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
