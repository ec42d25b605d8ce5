package org.cooplake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cooplake.common.config.ConfigLoader;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.gold.SqlTable;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.Stage;
import org.cooplake.common.spark.Sessions;
import org.cooplake.common.test.PaperFigures;
import org.cooplake.common.test.SparkTestBase;
import org.cooplake.common.test.TruthTables;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The study reproduction test (issue 5): the pipeline runs on the shipped sample
 * (data/sample/landing, all its nightly batches); then every figure of PAPER_FIGURES.md must come
 * out of the gold tables, and every gold table must equal the generator's truth
 * (data/sample/truth/gold/&lt;table&gt;.csv, computed independently from the sample's clean values).
 */
class StudyReproductionTest extends SparkTestBase {
  private static final Path SAMPLE = projectDir().resolve("data/sample");
  private static final Path LANDING = SAMPLE.resolve("landing");
  private static final Path TRUTH = SAMPLE.resolve("truth/gold");

  private CooplakeConfig sample;

  @BeforeAll
  void runThePipelineOnTheSample() {
    Assumptions.assumeTrue(Files.isDirectory(LANDING) && Files.isDirectory(TRUTH),
        "data/sample/landing and data/sample/truth/gold are not generated yet");
    sample = sampleConfig();
    Sessions.createDatabases(spark, sample);
    RunContext run = RunContext.start();
    for (Stage s : Pipeline.all()) s.run(spark, sample, run);
  }

  /** This class's databases (as {@link #config}) reading the sample's landing directory. */
  private CooplakeConfig sampleConfig() {
    ConfigLoader loader = ConfigLoader.withEnvironment(Map.of())
        .set(ConfigLoader.WAREHOUSE, warehouse.toString())
        .set(ConfigLoader.LANDING, LANDING.toString())
        .set(ConfigLoader.CATALOG_TYPE, "memory")
        .set(ConfigLoader.MASTER, "local[2]");
    for (Layer l : Layer.values()) loader.set(l.key(), config.database(l));
    return loader.load();
  }

  @Test
  void everyFigureOfTheStudyComesOutOfGold() {
    PaperFigures.assertAll(table -> spark.table(sample.table(Layer.GOLD, table)));
  }

  @Test
  void everyGoldTableEqualsItsTruth() throws IOException {
    List<String> truthTables;
    try (Stream<Path> files = Files.list(TRUTH)) {
      truthTables = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
    }
    List<String> contractTables = AggregateJob.definitions().stream().map(SqlTable::name)
        .filter(n -> !n.equals("cooperations")).sorted().toList();
    assertEquals(contractTables, truthTables, "a truth file for every contract table");
    List<String> failures = new ArrayList<>();
    for (String t : truthTables) {
      try {
        TruthTables.assertMatches(t, spark.table(sample.table(Layer.GOLD, t)), TRUTH.resolve(t + ".csv"));
      } catch (AssertionError e) {
        failures.add(e.getMessage());
      }
    }
    if (!failures.isEmpty()) fail(failures.size() + " gold table(s) differ from the truth:\n" + String.join("\n", failures));
  }
}
