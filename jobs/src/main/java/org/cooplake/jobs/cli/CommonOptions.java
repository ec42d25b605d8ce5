package org.cooplake.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cooplake.common.config.ConfigLoader;
import org.cooplake.common.config.CooplakeConfig;
import picocli.CommandLine.Option;

/** Options every Spark command takes; they are the command-line layer of the configuration. */
public final class CommonOptions {
  @Option(names = "--landing", paramLabel = "DIR", description = "Raw deliveries: DIR/{projects,partners}/<batch>/ (default: data/sample/landing)")
  String landing;

  @Option(names = "--warehouse", paramLabel = "DIR", description = "Delta tables and the embedded catalog (default: ./warehouse)")
  String warehouse;

  @Option(names = "--conf", paramLabel = "FILE", description = "Configuration file (default: $COOPLAKE_CONF, else conf/cooplake.conf)")
  Path conf;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[*], spark://host:7077, yarn, … (default: local[*])")
  String master;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "A Spark setting; repeatable")
  List<String> sparkConf = new ArrayList<>();

  public CooplakeConfig load() {
    ConfigLoader loader = ConfigLoader.fromSystem().confFile(conf)
        .set(ConfigLoader.LANDING, landing)
        .set(ConfigLoader.WAREHOUSE, warehouse)
        .set(ConfigLoader.MASTER, master);
    sparkConf.forEach(loader::sparkConf);
    return loader.load();
  }
}
