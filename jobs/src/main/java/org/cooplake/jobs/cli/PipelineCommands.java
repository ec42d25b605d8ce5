package org.cooplake.jobs.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.errors.Errors;
import org.cooplake.common.ingest.IngestManifest;
import org.cooplake.common.ingest.IngestTables;
import org.cooplake.common.io.LandingFile;
import org.cooplake.common.io.LandingScanner;
import org.cooplake.common.run.DeltaVersions;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.RunLog;
import org.cooplake.common.run.Stage;
import org.cooplake.common.run.StageResult;
import org.cooplake.common.spark.WarehouseLock;
import org.cooplake.jobs.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** run, nightly, ingest, clean, aggregate: the same recorded runner over different stage lists. */
final class PipelineCommands {
  private static final Logger LOG = LogManager.getLogger(PipelineCommands.class);

  private PipelineCommands() {}

  /**
   * Runs stages under the warehouse's run lock and records the run in ops.runs: RUNNING first, then
   * SUCCEEDED or FAILED with stage times, rows in/out, quarantined rows and the Delta versions written.
   */
  static int runStages(SparkSession spark, CooplakeConfig config, String command, RunContext run, List<Stage> stages,
      PrintStream out) {
    try (WarehouseLock lock = WarehouseLock.acquireRun(config.warehouse(), config.catalogDir())) {
      RunLog.ensure(spark, config);
      long abandoned = RunLog.markAbandoned(spark, config);
      if (abandoned > 0) LOG.warn("{} earlier run(s) had died without finishing; marked ABANDONED in {}", abandoned,
          RunLog.table(config));
      Map<String, Long> before = DeltaVersions.current(spark, config);
      RunLog.started(spark, config, run, command);
      List<RunLog.StageRun> done = new ArrayList<>();
      for (Stage stage : stages) {
        Instant t0 = Instant.now();
        long n0 = System.nanoTime();
        LOG.info("stage {} started (run {}{})", stage.name(), run.runId(), run.night() == null ? "" : ", night " + run.night());
        StageResult result;
        try {
          result = stage.run(spark, config, run);
        } catch (RuntimeException e) {
          CooplakeException failure = e instanceof CooplakeException ce ? ce : Errors.stageFailed(stage.name(), e);
          record(spark, config, run, command, RunLog.FAILED, done, before, failure.code() + ": " + failure.problem(), failure);
          System.err.println("cooplake " + command + " " + run.runId() + " FAILED in stage " + stage.name()
              + " — tables are at their last committed versions; fix the error below and run it again.");
          throw failure;
        }
        double seconds = (System.nanoTime() - n0) / 1e9;
        done.add(new RunLog.StageRun(result, t0, seconds));
        LOG.info("stage {} finished in {} s: {} rows in, {} rows out", stage.name(), String.format("%.1f", seconds),
            result.rowsIn(), result.rowsOut());
      }
      String warning = run.night() == null ? null : freshness(spark, config, run.night());
      if (warning != null && config.failWhenStale()) {
        CooplakeException stale = Errors.staleData(newestBatch(spark, config).orElse(null), run.night(),
            config.freshnessMaxDays());
        record(spark, config, run, command, RunLog.FAILED, done, before, stale.code() + ": " + stale.problem(), stale);
        throw stale;
      }
      if (warning != null) LOG.warn(warning);
      record(spark, config, run, command, RunLog.SUCCEEDED, done, before, warning, null);
      printSummary(config, run, done.stream().map(RunLog.StageRun::result).toList(), warning, out);
      return 0;
    }
  }

  /** Completes the run's ops.runs row; a failure to record never hides the run's own error. */
  private static void record(SparkSession spark, CooplakeConfig config, RunContext run, String command, String status,
      List<RunLog.StageRun> done, Map<String, Long> before, String message, RuntimeException pending) {
    try {
      Map<String, Long> written = DeltaVersions.written(before, DeltaVersions.current(spark, config));
      RunLog.finished(spark, config, run, command, status, done, written, message);
    } catch (RuntimeException e) {
      if (pending == null) throw e;
      pending.addSuppressed(e);
    }
  }

  /** A warning when the newest batch ingested is more than the configured days older than the night. */
  static String freshness(SparkSession spark, CooplakeConfig config, LocalDate night) {
    Optional<LocalDate> newest = newestBatch(spark, config);
    long age = newest.map(d -> ChronoUnit.DAYS.between(d, night)).orElse(Long.MAX_VALUE);
    if (age <= config.freshnessMaxDays()) return null;
    return "stale data: the newest batch is " + newest.map(LocalDate::toString).orElse("none") + ", more than "
        + config.freshnessMaxDays() + " day(s) before the night " + night + " (cooplake.freshness.max-days)";
  }

  private static Optional<LocalDate> newestBatch(SparkSession spark, CooplakeConfig config) {
    return spark.sql("SELECT DISTINCT batch FROM " + config.table(Layer.OPS, IngestManifest.TABLE)
            + " WHERE status = '" + IngestManifest.INGESTED + "'").collectAsList().stream() // one row per batch
        .map(r -> RunContext.batchDate(r.getString(0))).flatMap(Optional::stream).max(LocalDate::compareTo);
  }

  static void printSummary(CooplakeConfig config, RunContext run, List<StageResult> results, String warning,
      PrintStream out) {
    out.println("cooplake run " + run.runId() + (run.night() == null ? "" : " (night " + run.night() + ")") + " finished in "
        + String.format("%.1f s", (System.currentTimeMillis() - run.startedAt().toEpochMilli()) / 1e3));
    for (StageResult r : results) {
      out.println("[" + r.stage() + "]");
      r.headlines().forEach(h -> out.println("  " + h));
    }
    if (warning != null) out.println("warning: " + warning);
    out.println("tables: " + config.warehouse() + " (databases " + config.database(Layer.BRONZE) + ", "
        + config.database(Layer.SILVER) + ", " + config.database(Layer.GOLD) + ", " + config.database(Layer.OPS) + ")");
    out.println("query:  bin/cooplake sql --warehouse " + config.warehouse() + " -e \"SELECT * FROM "
        + RunLog.table(config) + " ORDER BY started_at DESC LIMIT 5\"");
  }

  /** A command that runs the named stages of {@link Pipeline}. */
  abstract static class StageCommand extends SparkCommand {
    private final String command;
    private final List<String> stages;

    StageCommand(String command, String... stages) {
      this.command = command;
      this.stages = List.of(stages);
    }

    @Override
    int run(SparkSession spark, CooplakeConfig config) {
      List<Stage> selected = stages.isEmpty() ? Pipeline.all()
          : stages.stream().flatMap(n -> Pipeline.named(n).stream()).toList();
      return runStages(spark, config, command, RunContext.start(), selected, System.out);
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the whole pipeline on everything delivered: ingest → clean → aggregate.")
  static final class Run extends StageCommand {
    Run() {
      super("run");
    }
  }

  @Command(name = "nightly", mixinStandardHelpOptions = true,
      description = {"The nightly run: ingest the batches of the night (and any earlier one not yet ingested),",
          "update silver for the keys that changed, republish gold, record the run in ops.runs.",
          "Running a night again changes no table's content. With --from/--to, the nights whose batches",
          "are not ingested yet are processed in order, one recorded run each."})
  static final class Nightly extends SparkCommand {
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The night (default: today); batches dated after it wait")
    String date;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Backfill: first night")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Backfill: last night (default: today)")
    String to;

    @Override
    int run(SparkSession spark, CooplakeConfig config) {
      if (from == null && to == null) {
        LocalDate night = date == null ? LocalDate.now() : parse("--date", date);
        return runStages(spark, config, "nightly", RunContext.start(night), Pipeline.all(), System.out);
      }
      if (date != null) throw Errors.usage("--date cannot be combined with --from/--to.", "Give one night with --date, or a range.");
      LocalDate first = from == null ? null : parseRange(from, to);
      LocalDate last = to == null ? LocalDate.now() : parseRange(to, to);
      if (first == null || first.isAfter(last)) throw Errors.badNightRange(String.valueOf(from), String.valueOf(to));
      List<LocalDate> nights = missingNights(spark, config, first, last);
      if (nights.isEmpty()) {
        System.out.println("nothing to backfill: every batch dated " + first + " to " + last + " is ingested already");
        return 0;
      }
      System.out.println("backfill: " + nights.size() + " night(s) " + nights);
      for (LocalDate night : nights) runStages(spark, config, "nightly", RunContext.start(night), Pipeline.all(), System.out);
      return 0;
    }

    private static LocalDate parse(String option, String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw Errors.usage(option + " " + value + " is not a date.", "Write it as YYYY-MM-DD, e.g. 2019-06-03.");
      }
    }

    private LocalDate parseRange(String value, String other) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw Errors.badNightRange(String.valueOf(from), String.valueOf(other));
      }
    }

    /** The dates in [first, last] of landing batches holding files the manifest has not seen. */
    static List<LocalDate> missingNights(SparkSession spark, CooplakeConfig config, LocalDate first, LocalDate last) {
      IngestTables.ensure(spark, config);
      IngestManifest manifest = IngestManifest.load(spark, config);
      TreeSet<LocalDate> nights = new TreeSet<>();
      for (LandingFile f : LandingScanner.scan(config.landing())) {
        if (manifest.unchanged(f)) continue;
        RunContext.batchDate(f.batch()).filter(d -> !d.isBefore(first) && !d.isAfter(last)).ifPresent(nights::add);
      }
      return List.copyOf(nights);
    }
  }

  @Command(name = "maintain", mixinStandardHelpOptions = true,
      description = {"OPTIMIZE the tables with many small files (cooplake.maintain.optimize-min-files) and VACUUM",
          "every table keeping cooplake.maintain.vacuum-retention-hours (default 168, Delta's safety default)",
          "of history for time travel; prints data files before and after; recorded in ops.runs."})
  static final class Maintain extends SparkCommand {
    @Override
    int run(SparkSession spark, CooplakeConfig config) {
      return runStages(spark, config, "maintain", RunContext.start(), List.of(new org.cooplake.jobs.MaintainJob()),
          System.out);
    }
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Landing files → bronze tables, exactly once per file.")
  static final class Ingest extends StageCommand {
    Ingest() {
      super("ingest", "ingest");
    }
  }

  @Command(name = "clean", mixinStandardHelpOptions = true,
      description = "Bronze → silver: conform, deduplicate, quarantine, reconcile.")
  static final class Clean extends StageCommand {
    Clean() {
      super("clean", "clean");
    }
  }

  @Command(name = "aggregate", mixinStandardHelpOptions = true,
      description = "Silver → gold: the study's aggregates, cross-tabs and growth series.")
  static final class Aggregate extends StageCommand {
    Aggregate() {
      super("aggregate", "aggregate");
    }
  }
}
