package org.cooplake.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cooplake.common.test.SparkTestBase;
import org.cooplake.jobs.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * The scheduling examples in conf/schedule/ name commands, options, classes and jars that exist:
 * each command line is parsed by the real command line, the DAG is valid Python.
 */
class ScheduleExamplesTest {
  private static final Path SCHEDULE = SparkTestBase.projectDir().resolve("conf/schedule");

  @Test
  void crontabLinesRunRealCommands() throws Exception {
    List<String> commands = new ArrayList<>();
    for (String line : Files.readAllLines(SCHEDULE.resolve("cooplake.crontab"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#") || line.matches("[A-Z_]+=.*")) continue;
      String[] fields = line.trim().split("\\s+", 6);
      assertEquals(6, fields.length, "five time fields and a command: " + line);
      for (int i = 0; i < 5; i++) assertTrue(fields[i].matches("[0-9*/,-]+"), "time field " + fields[i] + " in " + line);
      assertTrue(!fields[5].contains("%"), "cron turns % into a newline: " + line);
      Matcher m = Pattern.compile("bin/cooplake ([^>]*)>>").matcher(fields[5]);
      assertTrue(m.find(), line);
      commands.add(parse(m.group(1).trim().split("\\s+")));
    }
    assertEquals(List.of("nightly", "maintain"), commands);
  }

  @Test
  void airflowDagSubmitsTheClusterJarWithRealArguments() throws Exception {
    String dag = Files.readString(SCHEDULE.resolve("cooplake_nightly_dag.py"), StandardCharsets.UTF_8);
    Matcher cls = Pattern.compile("java_class=\"([^\"]+)\"").matcher(dag);
    while (cls.find()) assertEquals(Cli.class.getName(), cls.group(1));
    assertTrue(dag.contains("/jobs/target/" + Launcher.CLUSTER_JAR), "the jar bin/cooplake submits");
    List<String> commands = new ArrayList<>();
    Matcher args = Pattern.compile("application_args=\\[([^]]*)]").matcher(dag);
    while (args.find()) {
      String[] parts = args.group(1).replace("\"", "").replace("{{ ds }}", "2019-06-03").split(",\\s*");
      commands.add(parse(parts));
    }
    assertEquals(List.of("nightly", "maintain"), commands);
    if (new ProcessBuilder("python3", "--version").start().waitFor() == 0) {
      Process p = new ProcessBuilder("python3", "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())",
          SCHEDULE.resolve("cooplake_nightly_dag.py").toString()).redirectErrorStream(true).start();
      assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Parses with the real command line; returns the subcommand's name. */
  private static String parse(String[] args) {
    ParseResult r = Commands.commandLine(new Cli()).parseArgs(args);
    assertTrue(r.hasSubcommand(), String.join(" ", args));
    return r.subcommand().commandSpec().name();
  }
}
