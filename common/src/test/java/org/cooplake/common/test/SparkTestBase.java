package org.cooplake.common.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.ConfigLoader;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.spark.Sessions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of every Spark test: one SparkSession for the whole test JVM (local[2], two shuffle
 * partitions, UI off, in-memory catalog), and per test class a fresh warehouse directory with its
 * own databases ({@code t3_bronze}, {@code t3_silver}, …) so classes never see each other's tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SparkTestBase {
  private static final AtomicInteger CLASS_COUNTER = new AtomicInteger();
  private static SparkSession shared;

  protected SparkSession spark;
  protected CooplakeConfig config;
  protected Path warehouse;

  @BeforeAll
  void setUpSparkAndWarehouse() throws IOException {
    warehouse = Files.createTempDirectory("cooplake-test-" + getClass().getSimpleName() + "-");
    deleteAtExit(warehouse);
    config = testConfig(warehouse, "t" + CLASS_COUNTER.incrementAndGet() + "_");
    spark = session();
    Sessions.createDatabases(spark, config);
  }

  /** A config whose databases carry {@code prefix}, stored under {@code warehouse}. */
  public static CooplakeConfig testConfig(Path warehouse, String prefix) {
    ConfigLoader loader = ConfigLoader.withEnvironment(Map.of())
        .set(ConfigLoader.WAREHOUSE, warehouse.toString())
        .set(ConfigLoader.LANDING, warehouse.resolve("landing").toString())
        .set(ConfigLoader.CATALOG_TYPE, "memory")
        .set(ConfigLoader.MASTER, "local[2]");
    for (Layer l : Layer.values()) loader.set(l.key(), prefix + l.name().toLowerCase(java.util.Locale.ROOT));
    return loader.load();
  }

  /** Removes a temporary directory tree when the test JVM ends. */
  public static void deleteAtExit(Path dir) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | java.io.UncheckedIOException ignored) {
        // best effort: it is a temp directory
      }
    }));
  }

  /** The JVM-wide session; created on first use. */
  public static synchronized SparkSession session() {
    if (shared == null) {
      try {
        Path root = Files.createTempDirectory("cooplake-test-spark-");
        deleteAtExit(root);
        CooplakeConfig base = ConfigLoader.withEnvironment(Map.of())
            .set(ConfigLoader.WAREHOUSE, root.toString())
            .set(ConfigLoader.CATALOG_TYPE, "memory")
            .set(ConfigLoader.MASTER, "local[2]")
            .sparkConf("spark.sql.shuffle.partitions=2")
            .sparkConf("spark.default.parallelism=2")
            .sparkConf("spark.databricks.delta.snapshotPartitions=2")
            .sparkConf("spark.ui.enabled=false")
            .sparkConf("spark.ui.showConsoleProgress=false")
            .sparkConf("spark.sql.adaptive.coalescePartitions.initialPartitionNum=2")
            .sparkConf("spark.databricks.delta.properties.defaults.checkpointInterval=100")
            .sparkConf("spark.driver.host=127.0.0.1")
            .load();
        shared = Sessions.start(base);
        shared.sparkContext().setLogLevel("WARN");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** An expected row, written inline: {@code row("HAIDIAN", 164L)}. */
  public static Row row(Object... values) {
    return RowFactory.create(values);
  }

  @SafeVarargs
  public static <T> List<T> rows(T... rows) {
    return new ArrayList<>(Arrays.asList(rows));
  }

  /** Order-insensitive comparison of a DataFrame with expected rows; a side-by-side diff on failure. */
  public static void checkAnswer(Dataset<Row> actual, List<Row> expected) {
    DataFrameAssert.checkAnswer(actual, expected);
  }

  public static void checkAnswer(Dataset<Row> actual, Dataset<Row> expected) {
    DataFrameAssert.checkAnswer(actual, expected.collectAsList());
  }

  protected Dataset<Row> sql(String query) {
    return spark.sql(query);
  }

  /** Where ../shared is, or null when this clone has none (a user's clone). */
  public static Path sharedDir() {
    String p = System.getProperty("cooplake.shared.dir");
    Path dir = p != null ? Path.of(p) : Path.of("..", "shared");
    return Files.isDirectory(dir) ? dir.toAbsolutePath().normalize() : null;
  }

  /** The project's root directory (for data/, conf/). */
  public static Path projectDir() {
    String p = System.getProperty("cooplake.project.dir");
    return p != null ? Path.of(p) : Path.of("").toAbsolutePath();
  }
}
