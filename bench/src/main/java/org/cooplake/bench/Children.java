package org.cooplake.bench;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Starts child JVMs: same classpath, same JVM options, same -Xmx for every contender. */
final class Children {
  private final String heap;
  private final int cores;
  private final Path home;

  /** What a child reported, plus the wall time the parent saw (JVM start included) and its exit code. */
  record Result(Properties values, long totalMillis, int exitCode, Path log) {
    long millis(String key) {
      String v = values.getProperty(key);
      return v == null ? -1 : Long.parseLong(v);
    }
  }

  Children(Path home, String heap, int cores) {
    this.home = home;
    this.heap = heap;
    this.cores = cores;
  }

  String master() {
    return "local[" + cores + "]";
  }

  void generate(Path log, List<String> args) throws IOException, InterruptedException {
    int code = start("org.cooplake.jobs.Cli", args, log).waitFor();
    if (code != 0) throw new IllegalStateException("cooplake generate failed (exit " + code + "), see " + log);
  }

  /** Runs {@link Child} with a task; the result file sits beside the log. */
  Result run(Path workDir, String name, String task, List<String> args) throws IOException, InterruptedException {
    Path result = workDir.resolve(name + ".properties");
    Path log = workDir.resolve(name + ".log");
    List<String> all = new ArrayList<>(List.of(task, result.toString()));
    all.addAll(args);
    System.out.println("bench: " + name + " …");
    long t0 = System.nanoTime();
    int code = start(Child.class.getName(), all, log).waitFor();
    long total = (System.nanoTime() - t0) / 1_000_000;
    Properties p = new Properties();
    if (Files.isRegularFile(result)) {
      try (Reader r = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    if (code != 0 && code != Child.MISMATCH) {
      throw new IllegalStateException(name + " failed (exit " + code + "), see " + log);
    }
    return new Result(p, total, code, log);
  }

  /**
   * A child's result as recorded by an earlier run (its .properties file), to render the report again
   * without measuring again; the child's total time was not recorded there, so it is reported as unknown.
   */
  Result recorded(Path workDir, String name) throws IOException {
    Path result = workDir.resolve(name + ".properties");
    if (!Files.isRegularFile(result)) throw new IllegalStateException("no recorded result at " + result);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    int code = p.getProperty("mismatched_tables", "").isEmpty() ? 0 : Child.MISMATCH;
    return new Result(p, -1, code, workDir.resolve(name + ".log"));
  }

  private Process start(String mainClass, List<String> args, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-Xmx") && !a.startsWith("-Xms")) cmd.add(a);
    }
    cmd.add("-Xmx" + heap);
    cmd.add("-Dcooplake.home=" + home);
    cmd.add("-Dcooplake.bench.cores=" + cores);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
