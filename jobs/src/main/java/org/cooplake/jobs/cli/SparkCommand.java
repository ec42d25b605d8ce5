package org.cooplake.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.spark.Sessions;
import org.cooplake.common.spark.WarehouseLock;
import picocli.CommandLine.Mixin;

/** A command that needs Spark: resolves the configuration, takes the catalog lock, starts the session. */
abstract class SparkCommand implements Callable<Integer> {
  @Mixin
  CommonOptions options;

  @Override
  public final Integer call() {
    CooplakeConfig config = options.load();
    try (WarehouseLock lock = Sessions.lockEmbeddedCatalog(config)) {
      SparkSession spark = Sessions.start(config);
      return run(spark, config);
    }
  }

  abstract int run(SparkSession spark, CooplakeConfig config);
}
