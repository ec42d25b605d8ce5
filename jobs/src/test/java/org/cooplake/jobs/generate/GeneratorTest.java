package org.cooplake.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.model.Feed;
import org.cooplake.common.test.SparkTestBase;
import org.cooplake.jobs.generate.GeneratorOptions.Profile;
import org.cooplake.jobs.generate.Spellings.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The generator: the committed sample is its exact output, a seed fixes every byte, and scaled runs keep the study's shares. */
class GeneratorTest {
  @TempDir
  Path tmp;

  private static final Path SAMPLE = SparkTestBase.projectDir().resolve("data/sample");

  @Test
  void committedSampleIsExactlyTheStudyProfileOutput() {
    new Generator(GeneratorOptions.study(tmp.resolve("landing"), tmp.resolve("truth"))).run();
    String hint = "data/sample differs from the generator's --profile study output; rebuild it with the command in "
        + "data/sample/README.md (or fix the generator)";
    assertSameTree(SAMPLE.resolve("landing"), tmp.resolve("landing"), hint);
    assertSameTree(SAMPLE.resolve("truth"), tmp.resolve("truth"), hint);
  }

  @Test
  void aSeedFixesEveryByteAndAnotherSeedChangesThem() {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    scaled(a, 11, 0, 3000, 3);
    scaled(b, 11, 0, 3000, 3);
    scaled(c, 12, 0, 3000, 3);
    assertSameTree(a, b, "same seed, different files");
    assertFalse(files(a).stream().allMatch(f -> sameBytes(a.resolve(f), c.resolve(f))), "seed 12 wrote what seed 11 wrote");
  }

  /** 100,000 projects: exactly that many, every row accounted for, and the study's shares within tolerance. */
  @Test
  void scaledRunKeepsTheStudysDistributions() {
    scaled(tmp, 5, 100_000, 0, 3);
    Map<String, Map<String, String>> counts = counts(tmp.resolve("truth"));
    assertEquals("100000", counts.get("projects").get("current"));

    List<RawScan.FileScan> scan = RawScan.scan(tmp.resolve("landing"));
    Set<String> rejected = rejectedFiles(tmp.resolve("truth"));
    for (Feed feed : Feed.values()) {
      long records = scan.stream().filter(f -> f.feed() == feed && !rejected.contains(f.path())).mapToLong(f -> f.records().size()).sum();
      Map<String, String> c = counts.get(feed.dirName());
      assertEquals(Long.parseLong(c.get("raw_rows")), records, feed + " raw rows");
      long outcomes = Stream.of("current", "superseded_or_duplicate", "quarantined", "pending").mapToLong(k -> Long.parseLong(c.get(k))).sum();
      assertEquals(records, outcomes, feed + ": every raw row ends somewhere");
    }
    assertEquals(Set.of("csv", "jsonl", "xlsx"), scan.stream().map(RawScan.FileScan::format).collect(Collectors.toSet()));

    Path study = SAMPLE.resolve("truth/gold");
    Path scaled = tmp.resolve("truth/gold");
    double tolerance = 1.5; // percentage points; ~60k subjects put the sampling error near 0.3
    for (String[] t : new String[][] {{"subjects_by_district", "district_code"}, {"subjects_by_carrier_type", "carrier_type"},
        {"subjects_by_field", "field_code"}, {"subjects_by_mode_class", "mode_class"}, {"subjects_by_partner_nature", "nature_class"},
        {"cooperations_by_continent", "continent"}, {"cooperations_by_country", "country_code"}}) {
      Map<String, Double> expected = shares(study, t[0], t[1]);
      Map<String, Double> actual = shares(scaled, t[0], t[1]);
      for (String k : union(expected.keySet(), actual.keySet())) {
        double e = expected.getOrDefault(k, 0.0);
        double a = actual.getOrDefault(k, 0.0);
        if (Math.abs(e - a) > tolerance) fail(t[0] + " " + k + ": study " + e + "%, scaled " + a + "%");
      }
    }
  }

  @Test
  void commandDefaultsAreTheStudySample() {
    GenerateCommand cmd = new GenerateCommand();
    new CommandLine(cmd).parseArgs("--out", "data/sample/landing");
    GeneratorOptions o = cmd.options();
    GeneratorOptions study = GeneratorOptions.study(Path.of("data/sample/landing"), Path.of("x"));
    assertEquals(study.profile(), o.profile());
    assertEquals(study.seed(), o.seed());
    assertEquals(study.batches(), o.batches());
    assertEquals(study.badRate(), o.badRate());
    assertEquals(study.formats(), o.formats());
    assertEquals(study.firstBatch(), o.firstBatch());
    assertEquals(study.rowsPerFile(), o.rowsPerFile());
    assertEquals(study.xlsxRowsPerFile(), o.xlsxRowsPerFile());
    assertEquals(Path.of("data/sample/truth").toAbsolutePath().normalize(), o.truth());
  }

  @Test
  void commandRejectsContradictoryOptionsClearly() {
    assertUsage("do not apply", "--profile", "study", "--subjects", "10", "--out", "x");
    assertUsage("needs a size", "--profile", "scaled", "--out", "x");
    assertUsage("Unknown format", "--subjects", "10", "--formats", "csv,parquet", "--out", "x");
    assertUsage("both given", "--subjects", "10", "--projects", "10", "--out", "x");
    assertUsage("--bad-rate", "--subjects", "10", "--bad-rate", "2", "--out", "x");
  }

  @Test
  void refusesToWriteOverExistingFilesWithoutOverwrite() {
    scaled(tmp, 1, 0, 50, 1);
    CooplakeException e = assertThrows(CooplakeException.class, () -> scaled(tmp, 1, 0, 50, 1));
    assertEquals("USAGE", e.code());
    assertTrue(e.fix().contains("--overwrite"));
  }

  // ---------------------------------------------------------------- helpers

  private static void assertUsage(String expected, String... args) {
    GenerateCommand cmd = new GenerateCommand();
    new CommandLine(cmd).parseArgs(args);
    CooplakeException e = assertThrows(CooplakeException.class, cmd::options);
    assertEquals("USAGE", e.code());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  static void scaled(Path dir, long seed, long projects, long subjects, int batches) {
    new Generator(new GeneratorOptions(Profile.SCALED, subjects, projects, batches, seed, 0.01,
        EnumSet.allOf(Format.class), dir.resolve("landing"), dir.resolve("truth"), LocalDate.of(2019, 6, 3), 40_000, 5_000, 2,
        false)).run();
  }

  private static Map<String, Map<String, String>> counts(Path truth) {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (Map<String, String> r : csv(truth.resolve("counts.csv"))) out.put(r.get("feed"), r);
    return out;
  }

  static Set<String> rejectedFiles(Path truth) {
    return csv(truth.resolve("rejected_files.csv")).stream().map(r -> r.get("file")).collect(Collectors.toSet());
  }

  static List<Map<String, String>> csv(Path file) {
    try (var r = Files.newBufferedReader(file)) {
      return org.cooplake.common.reference.Csv.read(r).rows();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Double> shares(Path gold, String table, String key) {
    Map<String, Double> m = new TreeMap<>();
    for (Map<String, Object> r : GoldCsv.read(gold, table)) m.put((String) r.get(key), (Double) r.get("share_pct"));
    return m;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  static void assertSameTree(Path expected, Path actual, String hint) {
    List<String> e = files(expected);
    List<String> a = files(actual);
    assertEquals(e, a, hint + ": different files");
    for (String f : e) assertTrue(sameBytes(expected.resolve(f), actual.resolve(f)), hint + ": " + f + " differs");
  }

  static List<String> files(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean sameBytes(Path a, Path b) {
    try {
      return Files.exists(b) && Files.mismatch(a, b) == -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
