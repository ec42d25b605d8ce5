package org.cooplake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cooplake.common.config.ConfigLoader;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.reference.Csv;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.spark.Sessions;
import org.cooplake.common.test.SparkTestBase;
import org.cooplake.common.test.TruthTables;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Silver on the shipped sample (data/sample): the first two nightly batches are ingested and
 * cleaned, then the other three, and silver must equal the generator's truth — every current
 * row with its values, every quarantined row with exactly its reasons, the pending partners, and
 * the row balance — with no contact detail anywhere.
 */
class SilverOnSampleTest extends SparkTestBase {
  private static final Path SAMPLE = projectDir().resolve("data/sample");
  private static final Path TRUTH = SAMPLE.resolve("truth");

  private CooplakeConfig sample;

  @BeforeAll
  void ingestAndCleanInTwoRuns() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(SAMPLE.resolve("landing")) && Files.isRegularFile(TRUTH.resolve("counts.csv")),
        "data/sample is not generated yet");
    Path landing = warehouse.resolve("landing");
    ConfigLoader loader = ConfigLoader.withEnvironment(Map.of())
        .set(ConfigLoader.WAREHOUSE, warehouse.toString())
        .set(ConfigLoader.LANDING, landing.toString())
        .set(ConfigLoader.CATALOG_TYPE, "memory")
        .set(ConfigLoader.MASTER, "local[2]");
    for (Layer l : Layer.values()) loader.set(l.key(), config.database(l));
    sample = loader.load();
    Sessions.createDatabases(spark, sample);

    List<String> batches;
    try (Stream<Path> dirs = Files.list(SAMPLE.resolve("landing/projects"))) {
      batches = dirs.map(p -> p.getFileName().toString()).sorted().toList();
    }
    deliver(landing, batches.subList(0, 2));
    runIngestAndClean("sample-1");
    deliver(landing, batches.subList(2, batches.size()));
    runIngestAndClean("sample-2");
  }

  /** Copies the batch folders of both feeds into the test's landing directory. */
  private static void deliver(Path landing, List<String> batches) throws IOException {
    for (String feed : List.of("projects", "partners")) {
      for (String b : batches) {
        Path from = SAMPLE.resolve("landing").resolve(feed).resolve(b);
        if (!Files.isDirectory(from)) continue;
        Path to = Files.createDirectories(landing.resolve(feed).resolve(b));
        try (Stream<Path> files = Files.list(from)) {
          files.forEach(f -> {
            try {
              Files.copy(f, to.resolve(f.getFileName()));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        }
      }
    }
  }

  private void runIngestAndClean(String runId) {
    RunContext run = new RunContext(runId, java.time.Instant.now());
    new IngestJob().run(spark, sample, run);
    new CleanJob().run(spark, sample, run);
  }

  private Dataset<Row> silver(String query) {
    return sql(query.replace("silver.", sample.database(Layer.SILVER) + ".").replace("ops.", sample.database(Layer.OPS) + ".")
        .replace("bronze.", sample.database(Layer.BRONZE) + "."));
  }

  @Test
  void projectsEqualTheTruth() {
    TruthTables.assertMatches("silver.projects", silver("SELECT project_id, subject_id, district_code, carrier_type,"
        + " field_code, array_join(modes, ';') AS modes, mode_class, CAST(start_date AS STRING) AS start_date,"
        + " CAST(end_date AS STRING) AS end_date, CAST(amount_yuan AS STRING) AS amount_yuan,"
        + " date_format(updated_at, 'yyyy-MM-dd HH:mm:ss') AS updated_at FROM silver.projects"), TRUTH.resolve("projects.csv"));
  }

  @Test
  void partnersEqualTheTruth() {
    TruthTables.assertMatches("silver.project_partners", silver("SELECT project_id, partner_name, country_code, continent,"
        + " CAST(is_hmt AS STRING) AS is_hmt, partner_type, date_format(updated_at, 'yyyy-MM-dd HH:mm:ss') AS updated_at"
        + " FROM silver.project_partners"), TRUTH.resolve("partners.csv"));
  }

  @Test
  void subjectsEqualTheTruth() {
    TruthTables.assertMatches("silver.subjects", silver("SELECT subject_id, subject_name, district_code, carrier_type,"
        + " field_code, CAST(first_year AS STRING) AS first_year, mode_class, nature_class FROM silver.subjects"),
        TRUTH.resolve("subjects.csv"));
  }

  @Test
  void everyQuarantinedRowHasExactlyItsReasons() {
    TruthTables.assertMatches("silver.quarantine", silver("SELECT source_file, CAST(row_number AS STRING) AS row_number,"
        + " array_join(array_sort(reason_codes), ';') AS reason_codes FROM silver.quarantine"), TRUTH.resolve("quarantine.csv"));
  }

  @Test
  void rowsReconcileWithTheTruthCounts() {
    Csv.Table counts = TruthTables.read(TRUTH.resolve("counts.csv"));
    // every run balanced; over both runs, every raw row read once and now current, quarantined or pending
    assertEquals(0L, silver("SELECT * FROM ops.reconciliation WHERE NOT balanced").count());
    for (Map<String, String> c : counts.rows()) {
      String feed = c.get("feed");
      String current = feed.equals("projects") ? "silver.projects" : "silver.project_partners";
      Row actual = silver("SELECT (SELECT sum(rows_read) FROM ops.reconciliation WHERE feed = '" + feed + "'),"
          + " (SELECT count(*) FROM " + current + "),"
          + " (SELECT count(*) FROM silver.quarantine WHERE feed = '" + feed + "'),"
          + " (SELECT count(*) FROM silver.pending_partners) * " + (feed.equals("partners") ? 1 : 0)).first();
      assertEquals(List.of(Long.parseLong(c.get("raw_rows")), Long.parseLong(c.get("current")),
          Long.parseLong(c.get("quarantined")), Long.parseLong(c.get("pending"))),
          List.of(actual.getLong(0), actual.getLong(1), actual.getLong(2), actual.getLong(3)), feed);
    }
  }

  @Test
  void noContactDetailAnywhereInSilver() {
    Dataset<Row> contacts = silver("SELECT DISTINCT v FROM (SELECT explode(array(contact_name, contact_phone, contact_email))"
        + " AS v FROM bronze.projects) WHERE v IS NOT NULL AND length(v) >= 2");
    contacts.createOrReplaceTempView("sample_contacts");
    for (Row t : sql("SHOW TABLES IN " + sample.database(Layer.SILVER)).collectAsList()) {
      if (t.getBoolean(2)) continue; // temporary views
      String table = sample.database(Layer.SILVER) + "." + t.getString(1);
      List<Row> leaks = sql("SELECT c.v, s.j FROM (SELECT to_json(struct(*)) AS j FROM " + table + ") s JOIN sample_contacts c"
          + " ON instr(s.j, c.v) > 0").limit(5).collectAsList();
      assertEquals(List.of(), leaks, table + " holds contact details");
    }
    spark.catalog().dropTempView("sample_contacts");
  }
}
