package org.cooplake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.cooplake.common.run.DeltaVersions;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} in the middle of each stage, as a power cut or an impatient operator would: after
 * each kill every table is readable at its last committed version from a new process, and the next
 * run completes with nothing lost or doubled (the sample's truth, row for row in count).
 */
class KillRecoveryIT {
  private final Path project = SparkTestBase.projectDir();
  private final SampleTruth truth = SampleTruth.load(project);

  @Test
  void aRunKilledInAnyStageLeavesReadableTablesAndTheNextRunCompletes() throws Exception {
    Path warehouse = Files.createTempDirectory("cooplake-it-kill-");
    SparkTestBase.deleteAtExit(warehouse);
    // killed right after a stage's first commit: ingest has bronze rows not yet in the manifest, clean has merged
    // projects but not partners, aggregate has published some gold tables but not all
    killWhen(warehouse, "ingest", w -> version(w.resolve("bronze.db/projects")) >= 1);
    assertReadable(warehouse, "bronze.projects");
    killWhen(warehouse, "clean", w -> version(w.resolve("silver.db/projects")) >= 1);
    assertReadable(warehouse, "silver.projects");
    killWhen(warehouse, "aggregate", w -> countGoldTables(w) >= 2);
    assertReadable(warehouse, "gold.cooperations");

    CliProcess.Result last = CliProcess.run(project, Map.of(), "run", "--warehouse", warehouse.toString());
    assertEquals(0, last.exitCode(), last.stderr());
    assertTrue(last.stderr().contains("1 earlier run(s) had died"), last.stderr()); // the third; each run marks the one before
    CliProcess.Result counts = sql(warehouse, "SELECT"
        + " (SELECT count(*) FROM bronze.projects) AS bronze_projects,"
        + " (SELECT count(*) FROM bronze.partners) AS bronze_partners,"
        + " (SELECT count(*) FROM silver.projects) AS projects,"
        + " (SELECT count(*) FROM silver.project_partners) AS partners,"
        + " (SELECT count(*) FROM silver.quarantine) AS quarantined,"
        + " (SELECT count(*) FROM silver.pending_partners) AS pending,"
        + " (SELECT sum(subjects) FROM gold.subjects_by_district) AS subjects,"
        + " (SELECT concat_ws(';', sort_array(collect_list(status))) FROM ops.runs) AS runs");
    assertEquals(0, counts.exitCode(), counts.stderr());
    assertEquals(List.of("bronze_projects,bronze_partners,projects,partners,quarantined,pending,subjects,runs",
        String.join(",", List.of(
            String.valueOf(truth.rawRows("projects")), String.valueOf(truth.rawRows("partners")),
            String.valueOf(truth.count("projects", "current")), String.valueOf(truth.count("partners", "current")),
            String.valueOf(truth.count("projects", "quarantined") + truth.count("partners", "quarantined")),
            String.valueOf(truth.count("partners", "pending")), "365",
            "ABANDONED;ABANDONED;ABANDONED;SUCCEEDED"))),
        counts.stdout().lines().toList());
  }

  /** Starts {@code bin/cooplake run} and kills it (and its JVM) with SIGKILL once {@code moment} holds. */
  private void killWhen(Path warehouse, String stage, Predicate<Path> moment) throws Exception {
    Path err = Files.createTempFile("cooplake-kill", ".txt");
    ProcessBuilder pb = new ProcessBuilder(project.resolve("bin/cooplake").toString(), "run", "--warehouse", warehouse.toString())
        .directory(project.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("COOPLAKE_NO_BUILD", "1"); // mvn verify packaged the jars already
    // gold tables published one after another, in tables.txt order: "two gold tables committed" then means the first,
    // gold.cooperations, is complete (side by side, a small table may commit before it and the kill find it missing)
    pb.environment().put("COOPLAKE_SPARK_CONCURRENT_ACTIONS", "1");
    pb.environment().remove("SPARK_HOME");
    Process p = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      boolean inStage = false;
      while (p.isAlive() && System.nanoTime() < deadline) {
        inStage = inStage || Files.readString(err).contains("stage " + stage + " started");
        if (inStage && moment.test(warehouse)) break;
        Thread.sleep(20);
      }
      assertTrue(p.isAlive(), "the run ended before it could be killed in stage " + stage + ":\n" + Files.readString(err));
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
      p.waitFor();
      assertEquals(137, p.exitValue(), "killed by SIGKILL");
    } finally {
      if (p.isAlive()) p.destroyForcibly();
      Files.deleteIfExists(err);
    }
  }

  private void assertReadable(Path warehouse, String table) throws Exception {
    CliProcess.Result r = sql(warehouse, "SELECT count(*) AS n FROM " + table);
    assertEquals(0, r.exitCode(), "after a kill, " + table + " must be readable:\n" + r.stderr());
    assertTrue(Long.parseLong(r.stdout().lines().toList().get(1)) >= 0, r.stdout());
  }

  private CliProcess.Result sql(Path warehouse, String query) throws Exception {
    return CliProcess.run(project, Map.of(), "sql", "--warehouse", warehouse.toString(), "--format", "csv", "-e", query);
  }

  /** The table's latest version; -1 while it has none, or while the killed run leaves the log half listed. */
  private static long version(Path table) {
    try {
      return DeltaVersions.latest(table);
    } catch (java.io.UncheckedIOException e) {
      return -1;
    }
  }

  private static long countGoldTables(Path warehouse) {
    Path gold = warehouse.resolve("gold.db");
    if (!Files.isDirectory(gold)) return 0;
    try (var tables = Files.list(gold)) {
      return tables.filter(t -> version(t) >= 0).count();
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
