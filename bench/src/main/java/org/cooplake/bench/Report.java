package org.cooplake.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The figures of a bench run: one table, the targets, where the time goes; as text and as Markdown. */
final class Report {
  static final double FLOOR_RATIO_TARGET = 2.0;
  static final double ROWS_PER_CORE_TARGET = 150_000;
  static final double NIGHTLY_RATIO_TARGET = 0.15;
  static final double EXPONENT_TARGET = 1.05;
  /**
   * "Driver memory flat": the driver's own live heap (after a full GC, less the in-process
   * executor's storage and execution memory) grows by at most this factor from one size to the next.
   */
  static final double LIVE_HEAP_GROWTH_TARGET = 1.10;
  static final String[] STAGES = {"ingest", "clean", "aggregate"};
  private static final String[] HEADER = {"size", "run", "time s", "child total s", "raw rows", "rows/s/core", "× floor",
      "× DuckDB", "Spark jobs", "peak heap MB", "live heap MB", "driver's own MB", "peak RSS MB", "note"};

  /** The contenders of one size. */
  record SizeRun(long projects, Path work, Children.Result floor, Children.Result full, Children.Result nightly,
                 Children.Result export, Children.Result duck) {
    long rawRows() {
      return full.millis("rows");
    }

    double seconds(Children.Result r, String key) {
      return r.millis(key) / 1000.0;
    }
  }

  private final Path home;
  private final String command;
  private final int cores;
  private final String heap;
  private final List<SizeRun> runs;
  private final ZonedDateTime when = ZonedDateTime.now(ZoneOffset.UTC);

  Report(Path home, String command, int cores, String heap, List<SizeRun> runs) {
    this.home = home;
    this.command = command;
    this.cores = cores;
    this.heap = heap;
    this.runs = runs;
  }

  // ---------------------------------------------------------------- the table

  List<String[]> rows() {
    List<String[]> out = new ArrayList<>();
    for (SizeRun r : runs) {
      String size = Bench.sizeName(r.projects());
      double floor = r.seconds(r.floor(), "wall_ms");
      double full = r.seconds(r.full(), "wall_ms");
      double duck = r.seconds(r.duck(), "wall_ms");
      long raw = r.rawRows();
      out.add(row(size, "floor: raw files → Parquet", floor, r.floor(), r.floor().millis("rows"), floor, -1, "", r.floor(),
          r.floor().values().getProperty("files") + " files"));
      out.add(row(size, "full pipeline", full, r.full(), raw, floor, -1, sum(r.full(), "jobs."), r.full(), ""));
      for (String s : STAGES) {
        double t = r.seconds(r.full(), "stage." + s + ".ms");
        out.add(row(size, "  " + s, t, null, raw, floor, s.equals("aggregate") ? duck : -1, jobs(r.full(), s), null,
            s.equals("aggregate") ? "vs DuckDB gold" : ""));
      }
      double nightly = r.seconds(r.nightly(), "wall_ms");
      out.add(row(size, "nightly (+1% batch)", nightly, r.nightly(), r.nightly().millis("rows"), -1, -1,
          sum(r.nightly(), "jobs."), r.nightly(), fmt2(nightly / full) + " × full"));
      for (String s : STAGES) {
        out.add(row(size, "  " + s, r.seconds(r.nightly(), "stage." + s + ".ms"), null, r.nightly().millis("rows"), -1, -1,
            jobs(r.nightly(), s), null, ""));
      }
      String verdict = r.duck().exitCode() == Child.MISMATCH
          ? "GOLD MISMATCH: " + r.duck().values().getProperty("mismatched_tables")
          : "gold equal to Spark's (" + r.duck().values().getProperty("tables_compared") + " tables)";
      out.add(row(size, "DuckDB gold from silver Parquet", duck, r.duck(), r.duck().millis("rows"), -1, -1, "", r.duck(), verdict));
    }
    return out;
  }

  private String[] row(String size, String name, double seconds, Children.Result child, long rows, double floor, double duck,
      String jobs, Children.Result memory, String note) {
    return new String[] {size, name, fmt1(seconds), child == null || child.totalMillis() < 0 ? "" : fmt1(child.totalMillis() / 1000.0),
        rows < 0 ? "" : String.format(Locale.ROOT, "%,d", rows),
        rows < 0 || seconds <= 0 ? "" : String.format(Locale.ROOT, "%,.0f", rows / seconds / cores),
        floor > 0 ? fmt2(seconds / floor) : "", duck > 0 ? fmt2(seconds / duck) : "", jobs,
        memory == null ? "" : Child.mb(memory.millis("peak_heap_bytes")),
        memory == null ? "" : Child.mb(memory.millis("peak_live_heap_bytes")),
        memory == null || memory.millis("peak_driver_own_heap_bytes") < 0 ? ""
            : Child.mb(memory.millis("peak_driver_own_heap_bytes")),
        memory == null ? "" : Child.mb(memory.millis("peak_rss_bytes")), note};
  }

  private static String jobs(Children.Result r, String stage) {
    String v = r.values().getProperty("jobs." + stage);
    return v == null ? "0" : v;
  }

  private static String sum(Children.Result r, String prefix) {
    long n = 0;
    for (String k : r.values().stringPropertyNames()) {
      if (k.startsWith(prefix) && !k.equals("jobs.setup") && !k.equals("jobs.after")) n += Long.parseLong(r.values().getProperty(k));
    }
    return Long.toString(n);
  }

  /** log(t2/t1)/log(n2/n1) between consecutive sizes, n = raw rows of the full load. */
  Map<String, List<String>> exponents() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 1; i < runs.size(); i++) {
      SizeRun a = runs.get(i - 1);
      SizeRun b = runs.get(i);
      String pair = Bench.sizeName(a.projects()) + "→" + Bench.sizeName(b.projects());
      double n = Math.log((double) b.rawRows() / a.rawRows());
      List<String> cells = new ArrayList<>();
      cells.add(fmt2(Math.log((double) b.floor().millis("wall_ms") / a.floor().millis("wall_ms")) / n));
      cells.add(fmt2(exponent(a.full(), b.full(), "wall_ms", n)));
      for (String s : STAGES) cells.add(fmt2(exponent(a.full(), b.full(), "stage." + s + ".ms", n)));
      cells.add(fmt2(exponent(a.nightly(), b.nightly(), "wall_ms", n)));
      cells.add(fmt2(exponent(a.duck(), b.duck(), "wall_ms", n)));
      out.put(pair, cells);
    }
    return out;
  }

  private static double exponent(Children.Result a, Children.Result b, String key, double logN) {
    return Math.log((double) b.millis(key) / a.millis(key)) / logN;
  }

  /** Each target with where this run is against it. */
  List<String> targets() {
    List<String> out = new ArrayList<>();
    for (SizeRun r : runs) {
      String size = Bench.sizeName(r.projects());
      double ratio = (double) r.full().millis("wall_ms") / r.floor().millis("wall_ms");
      out.add(verdict(ratio <= FLOOR_RATIO_TARGET, size + ": full pipeline = " + fmt2(ratio) + " × the floor (target ≤ "
          + fmt2(FLOOR_RATIO_TARGET) + ")"));
      double perCore = r.rawRows() / (r.full().millis("wall_ms") / 1000.0) / cores;
      out.add(verdict(perCore >= ROWS_PER_CORE_TARGET, size + String.format(Locale.ROOT,
          ": %,.0f raw rows/s per core end to end (target ≥ %,.0f)", perCore, ROWS_PER_CORE_TARGET)));
      double nightly = (double) r.nightly().millis("wall_ms") / r.full().millis("wall_ms");
      out.add(verdict(nightly <= NIGHTLY_RATIO_TARGET, size + ": nightly with "
          + String.format(Locale.ROOT, "%.1f%%", 100.0 * r.nightly().millis("rows") / r.rawRows())
          + " new raw rows = " + fmt2(nightly) + " × a full run (target ≤ " + fmt2(NIGHTLY_RATIO_TARGET) + ")"));
    }
    for (int i = 1; i < runs.size(); i++) {
      SizeRun a = runs.get(i - 1);
      SizeRun b = runs.get(i);
      String pair = Bench.sizeName(a.projects()) + "→" + Bench.sizeName(b.projects());
      double e = exponent(a.full(), b.full(), "wall_ms", Math.log((double) b.rawRows() / a.rawRows()));
      out.add(verdict(e <= EXPONENT_TARGET, pair + ": full-pipeline time grows as size^" + fmt2(e) + " (target ≤ "
          + fmt2(EXPONENT_TARGET) + ")"));
      String own = "peak_driver_own_heap_bytes";
      if (a.full().millis(own) <= 0 || b.full().millis(own) <= 0) {
        out.add("n/a " + pair + ": the driver's own live heap was not recorded (measurements older than the probe)");
        continue;
      }
      double growth = (double) b.full().millis(own) / a.full().millis(own);
      out.add(verdict(growth <= LIVE_HEAP_GROWTH_TARGET, pair + ": driver's own live heap × " + fmt2(growth) + " ("
          + Child.mb(a.full().millis(own)) + " → " + Child.mb(b.full().millis(own)) + " MB; flat = ≤ × "
          + fmt2(LIVE_HEAP_GROWTH_TARGET) + "; live heap with the in-process executor's memory "
          + Child.mb(a.full().millis("peak_live_heap_bytes")) + " → " + Child.mb(b.full().millis("peak_live_heap_bytes"))
          + " MB)"));
    }
    if (runs.size() < 2) out.add("n/a: scaling exponent and flat memory need two sizes or more");
    return out;
  }

  private static String verdict(boolean pass, String text) {
    return (pass ? "PASS " : "MISS ") + text;
  }

  /** The full run's slowest stage at the largest size: Spark jobs by call site, longest first. */
  List<String> profile() {
    SizeRun r = runs.get(runs.size() - 1);
    String worst = STAGES[0];
    for (String s : STAGES) if (r.full().millis("stage." + s + ".ms") > r.full().millis("stage." + worst + ".ms")) worst = s;
    List<String> out = new ArrayList<>();
    Path jobs = r.work().resolve(Bench.sizeName(r.projects()) + "-full.properties.jobs.tsv");
    Map<String, long[]> bySite = new LinkedHashMap<>();
    try (Stream<String> lines = Files.lines(jobs)) {
      for (String line : lines.toList()) {
        String[] f = line.split("\t", 4);
        if (!f[1].equals(worst)) continue;
        long[] acc = bySite.computeIfAbsent(f[3], k -> new long[2]);
        acc[0]++;
        acc[1] += Long.parseLong(f[2]);
      }
    } catch (IOException e) {
      out.add("(no job log: " + e.getMessage() + ")");
      return out;
    }
    long stageMs = r.full().millis("stage." + worst + ".ms");
    long inJobs = bySite.values().stream().mapToLong(a -> a[1]).sum();
    out.add(String.format(Locale.ROOT, "%s, full run, slowest stage '%s': %.1f s, %d Spark jobs, %.1f s inside jobs"
        + " (the rest is driver work: planning, Delta log, file inspection)", Bench.sizeName(r.projects()), worst,
        stageMs / 1000.0, bySite.values().stream().mapToLong(a -> a[0]).sum(), inJobs / 1000.0));
    bySite.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).limit(12)
        .forEach(e -> out.add(String.format(Locale.ROOT, "%8.1f s  %3d job(s)  %s", e.getValue()[1] / 1000.0, e.getValue()[0], e.getKey())));
    return out;
  }

  // ---------------------------------------------------------------- machine and output

  List<String> machine() {
    List<String> out = new ArrayList<>();
    out.add("date: " + when.toLocalDateTime().withNano(0) + " UTC");
    out.add("commit: " + git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain", "--untracked-files=no").isBlank() ? ""
        : " (with uncommitted changes)"));
    out.add("command: " + command);
    out.add("cpu: " + procLine("/proc/cpuinfo", "model name") + "; nproc " + Runtime.getRuntime().availableProcessors()
        + "; memory " + procLine("/proc/meminfo", "MemTotal") + "; load average at the end " + firstWords("/proc/loadavg", 3));
    out.add("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    out.add("spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + " local[" + cores + "], delta "
        + jarVersion(home.resolve("jobs/target/lib"), "delta-spark_") + ", duckdb_jdbc "
        + jarVersion(home.resolve("bench/target/lib"), "duckdb_jdbc-") + "; every measured JVM -Xmx" + heap
        + ", conf/spark-defaults.conf, UI off");
    return out;
  }

  String text() {
    StringBuilder sb = new StringBuilder();
    List<String[]> rows = rows();
    int[] w = new int[HEADER.length];
    for (int i = 0; i < HEADER.length; i++) w[i] = HEADER[i].length();
    for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].length());
    for (String[] r : concat(HEADER, rows)) {
      for (int i = 0; i < r.length; i++) {
        boolean left = i == 0 || i == 1 || i == r.length - 1;
        sb.append(left ? String.format("%-" + w[i] + "s", r[i]) : String.format("%" + w[i] + "s", r[i])).append("  ");
      }
      sb.append('\n');
    }
    if (!exponents().isEmpty()) {
      sb.append("\nscaling exponents (floor, full, ingest, clean, aggregate, nightly, DuckDB):\n");
      exponents().forEach((k, v) -> sb.append("  ").append(k).append(": ").append(String.join(", ", v)).append('\n'));
    }
    sb.append("\ntargets:\n");
    targets().forEach(t -> sb.append("  ").append(t).append('\n'));
    sb.append("\nwhere the time goes:\n");
    profile().forEach(t -> sb.append("  ").append(t).append('\n'));
    return sb.toString();
  }

  String markdown() {
    StringBuilder sb = new StringBuilder("# cooplake benchmark, ").append(when.toLocalDate()).append("\n\n");
    machine().forEach(m -> sb.append("- ").append(m).append('\n'));
    sb.append("\nData: `cooplake generate --projects N --batches ").append(BenchData.BATCHES)
        .append(" --formats csv,jsonl`; the full load is batches 1–").append(BenchData.BATCHES - 1)
        .append(", the nightly run adds batch ").append(BenchData.BATCHES)
        .append(" (~1% of the projects plus the previous night's corrections) on top of it, on the same warehouse.")
        .append(" Raw rows = rows the ingest stage read (both feeds); rows/s/core = raw rows of the run / time / cores, for every stage alike.")
        .append(" Times are measured inside each child JVM around the work (Spark start excluded); 'child total' includes JVM and Spark start.")
        .append(" Peak heap = sum of the heap pools' peak usage. Live heap = heap used right after a full GC (max over the run's own full GCs")
        .append(" and one forced after each stage, outside the timed work). In local mode the executor shares the driver's JVM:")
        .append(" driver's own = live heap less Spark's storage (cached blocks) and execution memory in use at that moment,")
        .append(" what the driver would hold with its executors on other machines.\n\n");
    sb.append('|').append(String.join("|", HEADER)).append("|\n|");
    for (int i = 0; i < HEADER.length; i++) sb.append(i <= 1 || i == HEADER.length - 1 ? "---|" : "--:|");
    sb.append('\n');
    for (String[] r : rows()) sb.append('|').append(String.join("|", r).replace("  ", "&nbsp;&nbsp;")).append("|\n");
    if (!exponents().isEmpty()) {
      sb.append("\n|scaling exponent|floor|full|ingest|clean|aggregate|nightly|DuckDB|\n|---|--:|--:|--:|--:|--:|--:|--:|\n");
      exponents().forEach((k, v) -> sb.append('|').append(k).append('|').append(String.join("|", v)).append("|\n"));
    }
    sb.append("\n## Targets\n\n");
    targets().forEach(t -> sb.append("- ").append(t).append('\n'));
    sb.append("\n## Where the time goes\n\n```\n");
    profile().forEach(t -> sb.append(t).append('\n'));
    sb.append("```\n");
    return sb.toString();
  }

  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    LocalDate day = when.toLocalDate();
    Path file = dir.resolve(day + ".md");
    for (int i = 2; Files.exists(file); i++) file = dir.resolve(day + "-" + i + ".md");
    Files.writeString(file, markdown(), StandardCharsets.UTF_8);
    return file;
  }

  private static List<String[]> concat(String[] header, List<String[]> rows) {
    List<String[]> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }

  private static String fmt1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String fmt2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private String git(String... args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("git", "-C", home.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 ? s : "unknown";
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }

  private static String procLine(String file, String key) {
    try {
      for (String l : Files.readAllLines(Path.of(file))) {
        if (l.startsWith(key)) return l.substring(l.indexOf(':') + 1).strip();
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }

  private static String firstWords(String file, int n) {
    try {
      String[] w = Files.readString(Path.of(file)).strip().split("\\s+");
      return String.join(" ", java.util.Arrays.copyOf(w, Math.min(n, w.length)));
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String jarVersion(Path lib, String prefix) {
    try (Stream<Path> s = Files.list(lib)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).findFirst()
          .map(n -> n.substring(n.lastIndexOf('-') + 1).replace(".jar", "")).orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
