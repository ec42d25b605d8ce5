package org.cooplake.jobs.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.jobs.Cli;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * What {@code bin/cooplake} runs. It resolves the configuration once (command line &gt; environment
 * &gt; conf file &gt; defaults), turns it into spark-submit arguments, and submits {@link Cli}:
 * through {@code $SPARK_HOME/bin/spark-submit} when SPARK_HOME is set, otherwise through Spark's own
 * {@code SparkSubmit} in this JVM on the bundled jars — so {@code --master}, {@code --conf} and
 * spark-defaults.conf behave exactly as with a Spark distribution.
 */
public final class Launcher {
  /** The self-contained jar for a Spark distribution (spark-submit, Airflow's SparkSubmitOperator). */
  static final String CLUSTER_JAR = "cooplake-jobs-cluster.jar";

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    if (!Commands.needsSpark(args)) {
      Cli.main(args);
      return;
    }
    List<String> submit;
    try {
      submit = submitArguments(args);
    } catch (CooplakeException e) {
      System.err.println(e.userMessage());
      System.exit(1);
      return;
    } catch (CommandLine.ParameterException e) {
      Cli.main(args); // let picocli print the usage error
      return;
    }
    String sparkHome = System.getenv("SPARK_HOME");
    if (sparkHome != null && !sparkHome.isBlank()) {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(sparkHome, "bin", "spark-submit").toString());
      cmd.addAll(submit);
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      System.exit(p.waitFor());
    }
    org.apache.spark.deploy.SparkSubmit.main(submit.toArray(String[]::new));
  }

  /** spark-submit arguments for {@code args}: master, properties file, --conf settings, class, jar, args. */
  static List<String> submitArguments(String[] args) {
    ParseResult parsed = Commands.commandLine(new Cli()).parseArgs(args);
    CooplakeConfig config = null;
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.commandSpec().userObject() instanceof SparkCommand sc) config = sc.options.load();
    }
    if (config == null) throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(), "no Spark command");
    Path home = home();
    boolean distribution = System.getenv("SPARK_HOME") != null && !System.getenv("SPARK_HOME").isBlank();
    List<String> submit = new ArrayList<>();
    submit.add("--master");
    submit.add(config.master());
    Path defaults = home.resolve("conf").resolve("spark-defaults.conf");
    if (Files.isRegularFile(defaults)) {
      submit.add("--properties-file");
      submit.add(defaults.toString());
    }
    if (System.console() == null && !config.sparkConf().containsKey("spark.ui.showConsoleProgress")) {
      // the progress bar is for a person at a terminal, not for logs and pipes
      submit.add("--conf");
      submit.add("spark.ui.showConsoleProgress=false");
    }
    for (Map.Entry<String, String> e : config.sparkConf().entrySet()) {
      submit.add("--conf");
      submit.add(e.getKey() + "=" + e.getValue());
    }
    Path log4j = home.resolve("conf").resolve("log4j2.properties");
    if (distribution && Files.isRegularFile(log4j)) {
      submit.add("--driver-java-options");
      submit.add("-Dlog4j2.configurationFile=" + log4j.toUri());
    }
    submit.add("--name");
    submit.add("cooplake " + args[0]);
    submit.add("--class");
    submit.add(Cli.class.getName());
    submit.add(appJar(home, distribution).toString());
    submit.addAll(List.of(args));
    return submit;
  }

  static Path home() {
    String h = System.getenv("COOPLAKE_HOME");
    return h != null ? Path.of(h) : Path.of("").toAbsolutePath();
  }

  /** On a Spark distribution the self-contained jar (Delta shaded in); locally the thin one. */
  static Path appJar(Path home, boolean distribution) {
    Path target = home.resolve("jobs").resolve("target");
    Path jar = target.resolve(distribution ? CLUSTER_JAR : "cooplake-jobs.jar");
    if (!Files.isRegularFile(jar)) {
      // running from an unpacked location: the jar this class came from
      return Path.of(new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath());
    }
    return jar;
  }
}
