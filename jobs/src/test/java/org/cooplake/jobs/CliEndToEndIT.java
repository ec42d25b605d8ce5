package org.cooplake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's first command, run as a user runs it: {@code bin/cooplake run} on the shipped sample
 * into a fresh warehouse, then {@code bin/cooplake sql} from new processes. Runs in {@code mvn verify}
 * after the jars are packaged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliEndToEndIT {
  private final Path project = SparkTestBase.projectDir();
  private Path warehouse;
  private CliProcess.Result firstRun;

  @BeforeAll
  void runThePipelineOnTheSample() throws Exception {
    warehouse = Files.createTempDirectory("cooplake-it-warehouse-");
    SparkTestBase.deleteAtExit(warehouse);
    firstRun = CliProcess.run(project, Map.of(), "run", "--warehouse", warehouse.toString());
  }

  private CliProcess.Result sql(String format, String query) throws Exception {
    return CliProcess.run(project, Map.of(), "sql", "--warehouse", warehouse.toString(), "--format", format, "-e", query);
  }

  private long count(String query) throws Exception {
    CliProcess.Result r = sql("csv", query);
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> lines = r.stdout().lines().toList();
    assertEquals(2, lines.size(), "header and one row expected, got: " + r.stdout());
    return Long.parseLong(lines.get(1));
  }

  @Test
  @Order(1)
  void runSucceedsAndSaysWhereTheTablesAre() {
    assertEquals(0, firstRun.exitCode(), firstRun.stderr());
    assertTrue(firstRun.stdout().contains("tables: " + warehouse), firstRun.stdout());
    assertTrue(firstRun.stdout().contains("[ingest]"), firstRun.stdout());
    // a rejected file's reason may name an exception class; a stack trace (frames) must never appear
    assertTrue(!firstRun.stderr().contains("\tat "), "no stack trace expected:\n" + firstRun.stderr());
    assertTrue(Files.isDirectory(warehouse.resolve("_catalog").resolve("metastore_db")), "Derby lives in the warehouse");
    assertTrue(!Files.exists(project.resolve("derby.log")) && !Files.exists(project.resolve("metastore_db")),
        "nothing may land in the working directory");
  }

  @Test
  @Order(2)
  void bronzeHoldsEveryDeliveredRow() throws Exception {
    SampleTruth truth = SampleTruth.load(project);
    assertEquals(truth.rawRows("projects"), count("SELECT count(*) FROM bronze.projects"));
    assertEquals(truth.rawRows("partners"), count("SELECT count(*) FROM bronze.partners"));
    assertEquals(truth.rejectedFiles(), count("SELECT count(*) FROM ops.rejected_files"));
  }

  @Test
  @Order(3)
  void showTablesInANewProcessListsBronze() throws Exception {
    CliProcess.Result r = sql("csv", "SHOW TABLES IN bronze");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(List.of("namespace,tableName,isTemporary", "bronze,partners,false", "bronze,projects,false"),
        r.stdout().lines().sorted((a, b) -> a.startsWith("namespace") ? -1 : b.startsWith("namespace") ? 1 : a.compareTo(b)).toList());
  }

  @Test
  @Order(4)
  void aSecondRunAddsNothing() throws Exception {
    long projects = count("SELECT count(*) FROM bronze.projects");
    long manifest = count("SELECT count(*) FROM ops.ingest_manifest");
    CliProcess.Result again = CliProcess.run(project, Map.of(), "run", "--warehouse", warehouse.toString());
    assertEquals(0, again.exitCode(), again.stderr());
    assertTrue(again.stdout().contains("no new files"), again.stdout());
    assertEquals(projects, count("SELECT count(*) FROM bronze.projects"));
    assertEquals(manifest, count("SELECT count(*) FROM ops.ingest_manifest"));
  }

  @Test
  @Order(5)
  void aSecondProcessOnTheSameWarehouseIsRefusedClearly() throws Exception {
    Process holder = new ProcessBuilder(project.resolve("bin/cooplake").toString(), "sql", "--warehouse",
        warehouse.toString()).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start(); // interactive: holds the lock until stdin closes
    try {
      Path holderInfo = warehouse.resolve("_catalog").resolve("catalog.holder");
      for (int i = 0; i < 600 && !Files.exists(holderInfo); i++) Thread.sleep(100);
      assertTrue(Files.exists(holderInfo), "the first process should hold the catalog lock");
      CliProcess.Result second = sql("csv", "SELECT 1");
      assertEquals(1, second.exitCode());
      assertTrue(second.stderr().contains("error [WAREHOUSE_IN_USE]"), second.stderr());
      assertTrue(!second.stderr().contains("XSDB6") && !second.stderr().contains("\tat "), second.stderr());
      // a pipeline run is refused the same way, at once, before touching any table
      CliProcess.Result run = CliProcess.run(project, Map.of(), "nightly", "--warehouse", warehouse.toString());
      assertEquals(1, run.exitCode());
      assertTrue(run.stderr().contains("error [WAREHOUSE_IN_USE]") && !run.stderr().contains("\tat "), run.stderr());
    } finally {
      holder.getOutputStream().close();
      holder.waitFor();
    }
  }

  @Test
  @Order(6)
  void writesAreRefusedByDefault() throws Exception {
    CliProcess.Result r = sql("csv", "DROP TABLE bronze.projects");
    assertEquals(1, r.exitCode());
    assertTrue(r.stderr().contains("error [READ_ONLY]"), r.stderr());
    assertTrue(r.stdout().isEmpty(), r.stdout());
  }
}
