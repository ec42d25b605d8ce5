package org.cooplake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * Several users at once (README, "Several users"): {@code bin/cooplake-metastore} serves the catalog
 * from Derby's network server; a pipeline stage and a SQL session then run in two processes at the
 * same time on one warehouse, and both see the same tables.
 */
class SharedMetastoreIT {
  private final Path project = SparkTestBase.projectDir();
  private final SampleTruth truth = SampleTruth.load(project);

  @Test
  void aRunAndASqlSessionWorkAtTheSameTime() throws Exception {
    Path root = Files.createTempDirectory("cooplake-it-shared-");
    SparkTestBase.deleteAtExit(root);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String[] server = {"--port", String.valueOf(port), "--dir", root.resolve("metastore").toString()};
    assertEquals(0, metastore("start", server), "bin/cooplake-metastore start");
    try {
      Map<String, String> shared = Map.of(
          "COOPLAKE_CATALOG_TYPE", "hive",
          "COOPLAKE_CATALOG_JDBC_URL", "jdbc:derby://127.0.0.1:" + port + "/cooplake_metastore;create=true",
          "COOPLAKE_CATALOG_JDBC_DRIVER", "org.apache.derby.jdbc.ClientDriver",
          "COOPLAKE_WAREHOUSE", root.resolve("warehouse").toString());
      CliProcess.Result ingest = CliProcess.run(project, shared, "ingest");
      assertEquals(0, ingest.exitCode(), ingest.stderr());

      // clean writes silver while another user counts bronze: with the embedded catalog the second would be refused
      CompletableFuture<CliProcess.Result> clean = CompletableFuture.supplyAsync(() -> cli(shared, "clean"));
      CompletableFuture<CliProcess.Result> query = CompletableFuture.supplyAsync(() ->
          cli(shared, "sql", "--format", "csv", "-e", "SELECT count(*) AS n FROM bronze.projects"));
      CliProcess.Result cleaned = clean.get(15, TimeUnit.MINUTES);
      CliProcess.Result counted = query.get(15, TimeUnit.MINUTES);
      assertEquals(0, cleaned.exitCode(), cleaned.stderr());
      assertEquals(0, counted.exitCode(), counted.stderr());
      assertEquals(List.of("n", String.valueOf(truth.rawRows("projects"))), counted.stdout().lines().toList());

      CliProcess.Result silver = cli(shared, "sql", "--format", "csv", "-e", "SELECT count(*) AS n FROM silver.projects");
      assertEquals(List.of("n", String.valueOf(truth.count("projects", "current"))), silver.stdout().lines().toList(),
          silver.stderr());
      assertTrue(!Files.exists(root.resolve("warehouse/_catalog/metastore_db")), "no embedded Derby in the warehouse");
    } finally {
      metastore("stop", server);
    }
  }

  private CliProcess.Result cli(Map<String, String> env, String... args) {
    try {
      return CliProcess.run(project, env, args);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int metastore(String action, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(project.resolve("bin/cooplake-metastore").toString(), action));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("cooplake-metastore", ".txt");
    Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true).redirectOutput(out.toFile())
        .start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "bin/cooplake-metastore " + action + " hangs");
    System.out.println(Files.readString(out, StandardCharsets.UTF_8));
    Files.deleteIfExists(out);
    return p.exitValue();
  }
}
