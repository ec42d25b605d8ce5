package org.cooplake.common.run;

import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;

/**
 * One step of the pipeline (ingest, clean, aggregate). Implementations live in jobs/, one small
 * class each: read, chain pure Dataset&lt;Row&gt; → Dataset&lt;Row&gt; transforms, write.
 */
public interface Stage {
  String name();

  StageResult run(SparkSession spark, CooplakeConfig config, RunContext run);
}
