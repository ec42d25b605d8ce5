package org.cooplake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.cooplake.common.io.FileInspector;
import org.cooplake.common.io.Inspection;
import org.cooplake.common.io.LandingFile;
import org.cooplake.common.io.LandingScanner;
import org.cooplake.common.model.Feed;

/**
 * Generated data for one (seed, size), made once and cached: {@code <dir>/landing} is the full load,
 * {@code <dir>/nightly} the generator's last nightly batch held back (its dt= folders of both feeds),
 * {@code <dir>/files.tsv} each full-load file's path, format and encoding (for the floor). With
 * {@value #BATCHES} batches the held-back batch is ~1% of the subjects, plus the corrections of the
 * batch before it — exactly what the generator's next night brings. The marker file is written last.
 */
record BenchData(Path dir, long projects, long seed) {
  static final int BATCHES = 100;
  static final String MARKER = "COMPLETE";

  Path landing() {
    return dir.resolve("landing");
  }

  Path nightly() {
    return dir.resolve("nightly");
  }

  Path fileList() {
    return dir.resolve("files.tsv");
  }

  static BenchData at(Path root, long projects, long seed) {
    return new BenchData(root.resolve("seed-" + seed + "-" + Bench.sizeName(projects)), projects, seed);
  }

  boolean complete() {
    return Files.isRegularFile(dir.resolve(MARKER));
  }

  /** Generates unless complete; {@code generator} runs {@code cooplake generate} with the given arguments. */
  void ensure(Children children) throws IOException, InterruptedException {
    if (complete()) {
      System.out.println("bench: data " + dir + " (cached)");
      return;
    }
    System.out.println("bench: generating " + dir + " …");
    if (Files.exists(dir)) deleteTree(dir);
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    children.generate(dir.resolve("generate.log"), List.of("generate", "--projects", Long.toString(projects),
        "--batches", Integer.toString(BATCHES), "--seed", Long.toString(seed), "--formats", "csv,jsonl",
        "--out", landing().toString(), "--truth", dir.resolve("truth").toString()));
    for (Feed feed : Feed.values()) {
      Path feedDir = landing().resolve(feed.dirName());
      Path last;
      try (Stream<Path> s = Files.list(feedDir)) {
        last = s.filter(p -> p.getFileName().toString().startsWith("dt=")).max(Comparator.naturalOrder()).orElseThrow();
      }
      Path held = nightly().resolve(feed.dirName()).resolve(last.getFileName());
      Files.createDirectories(held.getParent());
      Files.move(last, held);
    }
    try (Writer w = Files.newBufferedWriter(fileList(), StandardCharsets.UTF_8)) {
      for (LandingFile f : LandingScanner.scan(landing())) {
        Inspection i = FileInspector.inspect(f);
        w.write(f.relativePath() + "\t" + f.format() + "\t" + (i.encoding() == null ? FileInspector.UTF8 : i.encoding()) + "\n");
      }
    }
    Files.writeString(dir.resolve(MARKER), String.format(Locale.ROOT, "projects=%d%nseed=%d%nbatches=%d%ngenerated_s=%.1f%n",
        projects, seed, BATCHES, (System.nanoTime() - t0) / 1e9));
  }

  /** Hard links of every file under {@code from} at the same relative path under {@code to}. */
  static void link(Path from, Path to) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(from)) {
      s.filter(Files::isRegularFile).forEach(files::add);
    }
    for (Path f : files) {
      Path target = to.resolve(from.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.createLink(target, f);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
