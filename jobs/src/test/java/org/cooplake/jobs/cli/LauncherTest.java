package org.cooplake.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Test;

/** The launcher's contract with spark-submit, and its JVM options against Spark's own list. */
class LauncherTest {

  @Test
  void binCooplakeCarriesSparksJava17Options() throws Exception {
    String script = Files.readString(SparkTestBase.projectDir().resolve("bin/cooplake"), StandardCharsets.UTF_8);
    String block = script.substring(script.indexOf("SPARK_JAVA_OPTS=("), script.indexOf(")\n", script.indexOf("SPARK_JAVA_OPTS=(")));
    List<String> inScript = Arrays.stream(block.replace("SPARK_JAVA_OPTS=(", "").split("\\s+")).filter(s -> !s.isBlank()).toList();
    List<String> spark = Arrays.stream(JavaModuleOptions.defaultModuleOptions().split("\\s+")).toList();
    assertEquals(spark, inScript, "bin/cooplake must pass exactly Spark's JavaModuleOptions");
    String pom = Files.readString(SparkTestBase.projectDir().resolve("pom.xml"), StandardCharsets.UTF_8);
    assertTrue(pom.contains(JavaModuleOptions.defaultModuleOptions()), "pom.xml spark.java.opens must equal Spark's list");
  }

  @Test
  void submitArgumentsFollowConfigurationPrecedence() throws Exception {
    Path conf = Files.createTempFile("cooplake", ".conf");
    Files.writeString(conf, "cooplake.spark.master = local[1]\nspark.sql.shuffle.partitions = 3\n");
    List<String> args = Launcher.submitArguments(new String[] {"ingest", "--conf", conf.toString(),
        "--spark-conf", "spark.sql.shuffle.partitions=5", "--warehouse", "/tmp/w"});
    assertEquals("local[1]", args.get(args.indexOf("--master") + 1), args.toString());
    assertTrue(args.contains("spark.sql.shuffle.partitions=5"), args.toString());
    assertEquals("org.cooplake.jobs.Cli", args.get(args.indexOf("--class") + 1));
    assertEquals(List.of("ingest", "--conf", conf.toString(), "--spark-conf", "spark.sql.shuffle.partitions=5",
        "--warehouse", "/tmp/w"), args.subList(args.size() - 7, args.size()));
    List<String> cli = Launcher.submitArguments(new String[] {"run", "--master", "local[2]", "--conf", conf.toString()});
    assertEquals("local[2]", cli.get(cli.indexOf("--master") + 1));
  }

  @Test
  void helpAndGenerateNeedNoSpark() {
    assertTrue(!Commands.needsSpark(new String[] {"run", "--help"}));
    assertTrue(!Commands.needsSpark(new String[] {}));
    assertTrue(!Commands.needsSpark(new String[] {"generate", "--out", "x"}));
    assertTrue(Commands.needsSpark(new String[] {"sql", "-e", "SELECT 1"}));
  }
}
