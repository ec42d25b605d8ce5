package org.cooplake.jobs.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.errors.Errors;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.Stage;
import org.cooplake.common.run.StageResult;
import org.cooplake.jobs.Pipeline;
import picocli.CommandLine.Command;

/** run, ingest, clean, aggregate: the same runner over different stage lists. */
final class PipelineCommands {
  private static final Logger LOG = LogManager.getLogger(PipelineCommands.class);

  private PipelineCommands() {}

  static int runStages(SparkSession spark, CooplakeConfig config, List<Stage> stages, PrintStream out) {
    RunContext run = RunContext.start();
    List<StageResult> results = new ArrayList<>();
    for (Stage stage : stages) {
      long t0 = System.nanoTime();
      LOG.info("stage {} started (run {})", stage.name(), run.runId());
      try {
        results.add(stage.run(spark, config, run));
      } catch (CooplakeException e) {
        throw e;
      } catch (RuntimeException e) {
        throw Errors.stageFailed(stage.name(), e);
      }
      LOG.info("stage {} finished in {} s", stage.name(), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
    }
    printSummary(config, run, results, out);
    return 0;
  }

  static void printSummary(CooplakeConfig config, RunContext run, List<StageResult> results, PrintStream out) {
    out.println("cooplake run " + run.runId() + " finished in "
        + String.format("%.1f s", (System.currentTimeMillis() - run.startedAt().toEpochMilli()) / 1e3));
    for (StageResult r : results) {
      out.println("[" + r.stage() + "]");
      r.headlines().forEach(h -> out.println("  " + h));
    }
    out.println("tables: " + config.warehouse() + " (databases " + config.database(Layer.BRONZE) + ", "
        + config.database(Layer.SILVER) + ", " + config.database(Layer.GOLD) + ", " + config.database(Layer.OPS) + ")");
    out.println("query:  bin/cooplake sql --warehouse " + config.warehouse() + " -e \"SHOW TABLES IN "
        + config.database(Layer.BRONZE) + "\"");
  }

  /** A command that runs the named stages of {@link Pipeline}. */
  abstract static class StageCommand extends SparkCommand {
    private final List<String> stages;

    StageCommand(String... stages) {
      this.stages = List.of(stages);
    }

    @Override
    int run(SparkSession spark, CooplakeConfig config) {
      List<Stage> selected = stages.isEmpty() ? Pipeline.all()
          : stages.stream().flatMap(n -> Pipeline.named(n).stream()).toList();
      return runStages(spark, config, selected, System.out);
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the whole pipeline: ingest → clean → aggregate.")
  static final class Run extends StageCommand {}

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Landing files → bronze tables, exactly once per file.")
  static final class Ingest extends StageCommand {
    Ingest() {
      super("ingest");
    }
  }

  @Command(name = "clean", mixinStandardHelpOptions = true,
      description = "Bronze → silver: conform, deduplicate, quarantine, reconcile.")
  static final class Clean extends StageCommand {
    Clean() {
      super("clean");
    }
  }

  @Command(name = "aggregate", mixinStandardHelpOptions = true,
      description = "Silver → gold: the study's aggregates, cross-tabs and growth series.")
  static final class Aggregate extends StageCommand {
    Aggregate() {
      super("aggregate");
    }
  }
}
