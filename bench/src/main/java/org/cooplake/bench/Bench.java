package org.cooplake.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench/run}: see the script's header and {@code bench/run --help}. */
@Command(name = "bench/run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Benchmark the pipeline against its floor (Spark reading the raw files and writing Parquet) and a",
        "peer (DuckDB computing the same gold from the same silver, checked equal), at several sizes; prints one",
        "table and writes bench/results/<date>.md. Exit 3 when DuckDB's gold differs from Spark's."})
public final class Bench implements Callable<Integer> {
  @Option(names = "--sizes", split = ",", defaultValue = "1m,4m",
      description = "projects per size, e.g. 100k,1m,4m,16m (default ${DEFAULT-VALUE})")
  List<String> sizes;

  @Option(names = "--seed", defaultValue = "7", description = "generator seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--cores", defaultValue = "2", description = "Spark local[N] and DuckDB threads (default ${DEFAULT-VALUE})")
  int cores;

  @Option(names = "--heap", defaultValue = "4g", description = "-Xmx of every measured JVM (default ${DEFAULT-VALUE})")
  String heap;

  @Option(names = "--data", description = "data cache (default $COOPLAKE_BENCH_DATA or /tmp/cooplake-bench)")
  Path data;

  @Option(names = "--results", description = "where <date>.md goes (default bench/results)")
  Path results;

  @Option(names = "--report-only", description = "render the table and results file again from the measurements an"
      + " earlier run recorded under <data>/work (nothing is run)")
  boolean reportOnly;

  @Option(names = "--home", hidden = true, defaultValue = ".")
  Path home;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    home = home.toAbsolutePath().normalize();
    Path root = data != null ? data : Path.of(System.getenv().getOrDefault("COOPLAKE_BENCH_DATA", "/tmp/cooplake-bench"));
    List<Long> projects = sizes.stream().map(Bench::parseSize).sorted().toList();
    Children children = new Children(home, heap, cores);
    List<Report.SizeRun> runs = new ArrayList<>();
    for (long n : projects) {
      BenchData d = BenchData.at(root, n, seed);
      Path work = root.resolve("work").resolve(d.dir().getFileName());
      if (reportOnly) {
        runs.add(recorded(children, d, work));
        continue;
      }
      d.ensure(children);
      runs.add(measure(children, d, work));
    }
    Report report = new Report(home, commandLine(), cores, heap, runs);
    System.out.println();
    System.out.println(report.text());
    Path file = report.write(results != null ? results : home.resolve("bench").resolve("results"));
    System.out.println("bench: results written to " + file);
    boolean mismatch = runs.stream().anyMatch(r -> r.duck().exitCode() == Child.MISMATCH);
    if (mismatch) {
      System.err.println("bench: DUCKDB AND SPARK GOLD DIFFER — see the mismatch lines above and " + file);
      return Child.MISMATCH;
    }
    return 0;
  }

  /** Every contender of one size, in order, on a fresh warehouse over hard links of the cached files. */
  private Report.SizeRun measure(Children c, BenchData d, Path work) throws Exception {
    BenchData.deleteTree(work);
    Files.createDirectories(work);
    Path landing = work.resolve("landing");
    BenchData.link(d.landing(), landing);
    Path warehouse = work.resolve("warehouse");
    String size = sizeName(d.projects());
    Children.Result floor = c.run(work, size + "-floor", "floor",
        List.of(d.landing().toString(), d.fileList().toString(), work.resolve("floor").toString(), c.master()));
    BenchData.deleteTree(work.resolve("floor"));
    Children.Result full = c.run(work, size + "-full", "pipeline", List.of(landing.toString(), warehouse.toString(), c.master()));
    BenchData.link(d.nightly(), landing);
    Children.Result nightly = c.run(work, size + "-nightly", "pipeline", List.of(landing.toString(), warehouse.toString(), c.master()));
    Path exported = work.resolve("export");
    Children.Result export = c.run(work, size + "-export", "export", List.of(warehouse.toString(), exported.toString(), c.master()));
    Children.Result duck = c.run(work, size + "-duckdb", "duckdb", List.of(exported.toString(), work.toString()));
    BenchData.deleteTree(exported);
    Files.deleteIfExists(work.resolve("peer.duckdb"));
    Files.deleteIfExists(work.resolve("peer.duckdb.wal"));
    if (duck.exitCode() == Child.MISMATCH) {
      System.err.println("bench: " + size + ": DUCKDB AND SPARK GOLD DIFFER (" + duck.values().getProperty("mismatched_tables")
          + "), see " + duck.log());
    }
    return new Report.SizeRun(d.projects(), work, floor, full, nightly, export, duck);
  }

  private static Report.SizeRun recorded(Children c, BenchData d, Path work) throws Exception {
    String size = sizeName(d.projects());
    return new Report.SizeRun(d.projects(), work, c.recorded(work, size + "-floor"), c.recorded(work, size + "-full"),
        c.recorded(work, size + "-nightly"), c.recorded(work, size + "-export"), c.recorded(work, size + "-duckdb"));
  }

  private String commandLine() {
    StringBuilder sb = new StringBuilder("bench/run --sizes ").append(String.join(",", sizes))
        .append(" --seed ").append(seed).append(" --cores ").append(cores).append(" --heap ").append(heap);
    if (data != null) sb.append(" --data ").append(data);
    if (reportOnly) sb.append(" --report-only");
    return sb.toString();
  }

  static long parseSize(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    long mult = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
    if (mult > 1) t = t.substring(0, t.length() - 1);
    try {
      return Long.parseLong(t) * mult;
    } catch (NumberFormatException e) {
      throw new CommandLine.ParameterException(new CommandLine(new Bench()), "--sizes: '" + s + "' is not a size like 100k or 4m");
    }
  }

  static String sizeName(long n) {
    if (n % 1_000_000 == 0) return n / 1_000_000 + "m";
    if (n % 1_000 == 0) return n / 1_000 + "k";
    return Long.toString(n);
  }
}
