package org.cooplake.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.cooplake.common.config.ConfigLoader;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.gold.SqlTable;
import org.cooplake.common.io.FileInspector;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.Stage;
import org.cooplake.common.run.StageResult;
import org.cooplake.common.spark.Sessions;
import org.cooplake.jobs.AggregateJob;
import org.cooplake.jobs.Pipeline;

/**
 * One contender, in its own JVM so that times and memory are comparable:
 * {@code Child <task> <result.properties> <args…>} with task floor, pipeline, export or duckdb.
 * The wall time covers the work only (not JVM start or Spark start); the result file also holds the
 * child's peak heap, live heap after full GCs (and the driver's own part of it), peak RSS and, for
 * Spark tasks, the jobs it ran.
 */
public final class Child {
  /** Exit code of a DuckDB run whose gold differs from Spark's. */
  static final int MISMATCH = 3;

  private final Map<String, String> out = new LinkedHashMap<>();
  private final Probe probe = Probe.start();
  private Probe.JobLog jobLog;

  public static void main(String[] args) throws Exception {
    Child c = new Child();
    Path result = Path.of(args[1]);
    int code = 0;
    try {
      code = switch (args[0]) {
        case "floor" -> c.floor(Path.of(args[2]), Path.of(args[3]), Path.of(args[4]), args[5]);
        case "pipeline" -> c.pipeline(Path.of(args[2]), Path.of(args[3]), args[4]);
        case "export" -> c.export(Path.of(args[2]), Path.of(args[3]), args[4]);
        case "duckdb" -> c.duckdb(Path.of(args[2]), Path.of(args[3]));
        default -> throw new IllegalArgumentException("unknown task " + args[0]);
      };
    } finally {
      c.finish(result);
    }
    System.exit(code);
  }

  // ---------------------------------------------------------------- the floor

  /**
   * Spark reading the raw files and writing them as Parquet, nothing else: one read per (format,
   * encoding) with the parser options the pipeline uses (CSV: header, multi-line, RFC 4180 quotes,
   * all columns as text; JSON Lines: each line parsed to a string map).
   */
  int floor(Path landing, Path fileList, Path target, String master) throws IOException {
    Map<String, List<String>> groups = new TreeMap<>();
    for (String line : Files.readAllLines(fileList, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      if (!f[1].equals("csv") && !f[1].equals("jsonl")) continue;
      groups.computeIfAbsent(f[1] + "\t" + f[2], k -> new ArrayList<>()).add(landing.resolve(f[0]).toUri().toString());
    }
    SparkSession spark = plainSession(master);
    jobLog.phase("floor");
    long t0 = System.nanoTime();
    int i = 0;
    for (Map.Entry<String, List<String>> g : groups.entrySet()) {
      String[] key = g.getKey().split("\t");
      String[] paths = g.getValue().toArray(String[]::new);
      Dataset<Row> rows = key[0].equals("csv")
          ? spark.read().format("csv").option("header", "true").option("multiLine", "true")
              .option("encoding", FileInspector.sparkCharset(key[1])).option("quote", "\"").option("escape", "\"")
              .option("mode", "PERMISSIVE").load(paths)
          : spark.read().format("text").load(paths)
              .select(from_json(col("value"), DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)).as("fields"));
      rows.write().mode(SaveMode.Overwrite).parquet(target.resolve("group-" + i++).toUri().toString());
    }
    out.put("wall_ms", Long.toString((System.nanoTime() - t0) / 1_000_000));
    out.put("files", Integer.toString(groups.values().stream().mapToInt(List::size).sum()));
    out.put("rows", Long.toString(spark.read().parquet(target.resolve("group-*").toUri().toString()).count()));
    return 0;
  }

  // ---------------------------------------------------------------- the pipeline

  /** ingest → clean → aggregate on the given landing and warehouse, each stage timed. */
  int pipeline(Path landing, Path warehouse, String master) {
    CooplakeConfig config = config(landing, warehouse, master);
    SparkSession spark = pipelineSession(config);
    RunContext run = RunContext.start();
    long t0 = System.nanoTime();
    long rawRows = 0;
    long forcedGcNanos = 0;
    for (Stage stage : Pipeline.all()) {
      jobLog.phase(stage.name());
      long s0 = System.nanoTime();
      StageResult r = stage.run(spark, config, run);
      out.put("stage." + stage.name() + ".ms", Long.toString((System.nanoTime() - s0) / 1_000_000));
      forcedGcNanos += probe.fullGcNow(); // what the driver keeps from one stage to the next; not timed
      if (stage.name().equals("ingest")) {
        rawRows = r.counters().getOrDefault("projects_rows", 0L) + r.counters().getOrDefault("partners_rows", 0L);
      }
      r.counters().forEach((k, v) -> out.put("counter." + stage.name() + "." + k, Long.toString(v)));
    }
    out.put("wall_ms", Long.toString((System.nanoTime() - t0 - forcedGcNanos) / 1_000_000));
    out.put("rows", Long.toString(rawRows));
    jobLog.phase("after");
    return 0;
  }

  /** The silver tables gold reads and every gold table, as Parquet, for the DuckDB peer. */
  int export(Path warehouse, Path target, String master) {
    CooplakeConfig config = config(warehouse.resolve("no-landing"), warehouse, master);
    SparkSession spark = pipelineSession(config);
    long t0 = System.nanoTime();
    List<String> silver = new ArrayList<>();
    for (SqlTable t : AggregateJob.definitions()) {
      for (SqlTable.Input input : t.inputs()) {
        if (input.layer().equals("silver") && !silver.contains(input.table())) silver.add(input.table());
      }
      spark.table(config.table(Layer.GOLD, t.name())).write().mode(SaveMode.Overwrite)
          .parquet(target.resolve("gold").resolve(t.name()).toUri().toString());
    }
    for (String name : silver) {
      spark.table(config.table(Layer.SILVER, name)).write().mode(SaveMode.Overwrite)
          .parquet(target.resolve("silver").resolve(name).toUri().toString());
    }
    out.put("wall_ms", Long.toString((System.nanoTime() - t0) / 1_000_000));
    out.put("silver_tables", String.join(",", silver));
    return 0;
  }

  // ---------------------------------------------------------------- the peer

  int duckdb(Path exported, Path workDir) throws Exception {
    DuckDbPeer.Outcome o = DuckDbPeer.run(exported, workDir, AggregateJob.definitions());
    out.put("wall_ms", Long.toString(o.goldMillis()));
    out.put("compare_ms", Long.toString(o.compareMillis()));
    out.put("tables_compared", Integer.toString(o.comparisons().size()));
    out.put("rows", Long.toString(o.silverRows()));
    List<String> bad = new ArrayList<>();
    for (DuckDbPeer.Comparison c : o.comparisons()) {
      if (!c.equal()) {
        bad.add(c.table());
        System.err.println("GOLD MISMATCH " + c.describe());
      }
    }
    out.put("mismatched_tables", String.join(",", bad));
    return bad.isEmpty() ? 0 : MISMATCH;
  }

  // ---------------------------------------------------------------- sessions and results

  private static CooplakeConfig config(Path landing, Path warehouse, String master) {
    return ConfigLoader.withEnvironment(Map.of())
        .set(ConfigLoader.LANDING, landing.toString())
        .set(ConfigLoader.WAREHOUSE, warehouse.toString())
        .set(ConfigLoader.MASTER, master)
        .load();
  }

  private SparkSession pipelineSession(CooplakeConfig config) {
    sparkDefaults();
    SparkSession spark = Sessions.start(config);
    listen(spark);
    return spark;
  }

  private SparkSession plainSession(String master) {
    sparkDefaults();
    SparkSession spark = SparkSession.builder().master(master).appName("cooplake bench floor")
        .config("spark.sql.legacy.javaCharsets", "true") // GB18030, as the pipeline's session allows
        .getOrCreate();
    listen(spark);
    return spark;
  }

  private void listen(SparkSession spark) {
    jobLog = new Probe.JobLog();
    spark.sparkContext().addSparkListener(jobLog);
  }

  /** conf/spark-defaults.conf, as bin/cooplake passes it to spark-submit; the UI and progress bar off. */
  private static void sparkDefaults() {
    Path defaults = Path.of(System.getProperty("cooplake.home", ".")).resolve("conf/spark-defaults.conf");
    try {
      for (String line : Files.readAllLines(defaults, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) continue;
        String[] kv = l.split("\\s+", 2);
        if (kv.length == 2 && !kv[0].equals("spark.driver.memory")) System.setProperty(kv[0], kv[1].strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + defaults, e);
    }
    System.setProperty("spark.ui.enabled", "false");
    System.setProperty("spark.ui.showConsoleProgress", "false");
  }

  private void finish(Path result) throws IOException {
    SparkSession active = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get() : null;
    if (active != null) {
      try {
        active.sparkContext().listenerBus().waitUntilEmpty(60_000); // every job end seen by the JobLog
      } catch (java.util.concurrent.TimeoutException e) {
        System.err.println("bench: listener bus not drained after 60 s; job counts may be short");
      }
    }
    out.put("peak_heap_bytes", Long.toString(probe.peakHeapBytes()));
    probe.fullGcNow();
    out.put("peak_live_heap_bytes", Long.toString(probe.peakLiveHeapBytes()));
    out.put("peak_driver_own_heap_bytes", Long.toString(probe.peakDriverOwnHeapBytes()));
    out.put("peak_rss_bytes", Long.toString(Probe.peakRssBytes()));
    if (jobLog != null) {
      Map<String, Integer> jobs = new TreeMap<>();
      Map<String, Long> jobMs = new TreeMap<>();
      try (Writer w = Files.newBufferedWriter(result.resolveSibling(result.getFileName() + ".jobs.tsv"))) {
        for (Probe.Job j : jobLog.jobs()) {
          jobs.merge(j.phase(), 1, Integer::sum);
          jobMs.merge(j.phase(), j.millis(), Long::sum);
          w.write(j.id() + "\t" + j.phase() + "\t" + j.millis() + "\t" + j.callSite() + "\n");
        }
      }
      jobs.forEach((p, n) -> out.put("jobs." + p, Integer.toString(n)));
      jobMs.forEach((p, n) -> out.put("job_ms." + p, Long.toString(n)));
    }
    Properties p = new Properties();
    p.putAll(out);
    try (Writer w = Files.newBufferedWriter(result, StandardCharsets.UTF_8)) {
      p.store(w, "cooplake bench child result");
    }
    if (active != null) active.stop();
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,d", bytes / (1024 * 1024));
  }
}
