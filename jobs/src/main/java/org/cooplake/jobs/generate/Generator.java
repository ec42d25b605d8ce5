package org.cooplake.jobs.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.cooplake.common.errors.Errors;
import org.cooplake.common.model.Feed;
import org.cooplake.common.reference.Csv;
import org.cooplake.jobs.generate.GeneratorOptions.Profile;
import org.cooplake.jobs.generate.RawFiles.Encoding;
import org.cooplake.jobs.generate.RawFiles.FileStyle;
import org.cooplake.jobs.generate.RawFiles.HeaderCase;
import org.cooplake.jobs.generate.RawFiles.HeaderLanguage;
import org.cooplake.jobs.generate.Spellings.Format;

/**
 * Writes a landing directory of raw deliveries and the truth behind it. The study profile writes
 * the study's 365 subjects once each ({@link StudyProfile}); the scaled profile writes any number
 * of subjects, each a copy of a randomly chosen study subject with its own ids, dates, amounts and
 * names, so the study's distributions hold at any size. Subjects are split into one range per
 * nightly batch; ranges are independent (each subject and file has its own random stream), so
 * they run on {@code threads} threads and nothing is held in memory but counts.
 */
public final class Generator {
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** A quarantined raw record: file relative to the landing directory, 1-based record number, reason codes. */
  record Quarantined(String sourceFile, int rowNumber, TreeSet<String> reasons) {}

  /** Where every raw row of a feed ends: the columns of truth/counts.csv. */
  static final class Ledger {
    final Map<Feed, long[]> counts = new EnumMap<>(Feed.class);

    void count(Feed feed, RangeEmitter.Outcome outcome) {
      counts.computeIfAbsent(feed, f -> new long[RangeEmitter.Outcome.values().length])[outcome.ordinal()]++;
    }

    long get(Feed feed, RangeEmitter.Outcome outcome) {
      long[] c = counts.get(feed);
      return c == null ? 0 : c[outcome.ordinal()];
    }

    void merge(Ledger other) {
      other.counts.forEach((feed, c) -> {
        long[] mine = counts.computeIfAbsent(feed, f -> new long[c.length]);
        for (int i = 0; i < c.length; i++) mine[i] += c[i];
      });
    }
  }

  /** What one range wrote. */
  static final class RangeResult {
    final GoldOracle oracle;
    final Ledger ledger = new Ledger();
    final List<Quarantined> quarantine = new ArrayList<>();
    final Map<Feed, Long> files = new EnumMap<>(Feed.class);
    final List<Clean.Subject> subjects = new ArrayList<>();
    final List<Clean.Project> projects = new ArrayList<>();

    RangeResult(Reference ref) {
      this.oracle = new GoldOracle(ref);
    }

    void collect(Clean.Subject subject, List<Clean.Project> current) {
      subjects.add(subject);
      projects.addAll(current);
    }

    void merge(RangeResult other) {
      oracle.merge(other.oracle);
      ledger.merge(other.ledger);
      quarantine.addAll(other.quarantine);
      other.files.forEach((f, n) -> files.merge(f, n, Long::sum));
      subjects.addAll(other.subjects);
      projects.addAll(other.projects);
    }
  }

  /** What a run produced (for the command's summary). */
  record Summary(long subjects, long projects, long partners, Ledger ledger, long quarantined) {}

  private final GeneratorOptions options;
  private final Plan plan;

  public Generator(GeneratorOptions options) {
    this.options = options;
    this.plan = new Plan(options);
  }

  Summary run() {
    prepareOutput();
    RangeResult all = new RangeResult(plan.reference());
    int threads = options.profile() == Profile.STUDY ? 1 : Math.max(1, options.threads());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<RangeResult>> futures = new ArrayList<>();
      for (int r = 0; r < plan.batches(); r++) {
        int range = r;
        futures.add(pool.submit(() -> new RangeEmitter(plan, range).run()));
      }
      for (Future<RangeResult> f : futures) all.merge(f.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("generation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<List<String>> rejected = options.badRate() > 0 ? writeRejectedFiles() : List.of();
    checkLedger(all);
    writeTruth(all, rejected);
    long partners = all.ledger.get(Feed.PARTNERS, RangeEmitter.Outcome.CURRENT);
    return new Summary(plan.subjectCount(), all.ledger.get(Feed.PROJECTS, RangeEmitter.Outcome.CURRENT), partners,
        all.ledger, all.quarantine.size());
  }

  private void prepareOutput() {
    for (Path dir : List.of(options.landing().resolve("projects"), options.landing().resolve("partners"), options.truth())) {
      if (Files.exists(dir) && !isEmptyDir(dir)) {
        if (!options.overwrite()) {
          throw Errors.usage("The output " + dir + " already holds files.",
              "Choose an empty --out/--truth directory, or add --overwrite to replace what is there.");
        }
        deleteTree(dir);
      }
    }
  }

  /** Every raw row must end somewhere countable: the four outcomes add up to the records written. */
  private static void checkLedger(RangeResult all) {
    for (Feed feed : Feed.values()) {
      long outcomes = 0;
      for (RangeEmitter.Outcome o : RangeEmitter.Outcome.values()) outcomes += all.ledger.get(feed, o);
      long written = all.files.getOrDefault(feed, 0L);
      if (outcomes != written) throw new IllegalStateException(feed + ": " + written + " records written, " + outcomes + " accounted for");
    }
  }

  // ---------------------------------------------------------------- whole files that cannot be read

  /**
   * A partner file without its partner_type column (rejected as a whole) and a projects .xlsx that
   * is not a workbook (unreadable). Their rows are not deliveries: nothing from them may count.
   */
  private List<List<String>> writeRejectedFiles() {
    List<List<String>> rejected = new ArrayList<>();
    int batch = Math.min(2, plan.batches() - 1);
    Path missing = plan.batchDir(Feed.PARTNERS, batch).resolve("partners-legacy-export.csv");
    List<Clean.Project> sample = plan.realise(0);
    for (long i = 1; i < plan.subjectCount() && sample.stream().allMatch(p -> p.partners().isEmpty()); i++) sample = plan.realise(i);
    try {
      Files.createDirectories(missing.getParent());
      try (Writer w = Files.newBufferedWriter(missing, StandardCharsets.UTF_8)) {
        w.write("project_id,partner_name,partner_country,updated_at\n");
        Picker pk = plan.filePicker(Feed.PARTNERS, batch, RangeEmitter.Role.MAIN, 999);
        for (Clean.Project p : sample) {
          for (Clean.Partner partner : p.partners()) {
            Map<String, Object> raw = plan.renderer().partner(partner, Format.CSV, pk);
            w.write(String.join(",", List.of(RawFiles.text(raw.get("project_id")), csvField(RawFiles.text(raw.get("partner_name"))),
                csvField(RawFiles.text(raw.get("partner_country"))), RawFiles.text(raw.get("updated_at")))) + "\n");
          }
        }
      }
      rejected.add(List.of(relative(missing), "MISSING_REQUIRED_COLUMN: partner_type"));
      Path broken = plan.batchDir(Feed.PROJECTS, Math.min(1, plan.batches() - 1)).resolve("projects-upload-broken.xlsx");
      Files.createDirectories(broken.getParent());
      byte[] bytes = new byte[512];
      new SplittableRandom(Seeds.of(options.seed(), 7)).nextBytes(bytes);
      System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, bytes, 0, 4); // looks like a zip, is not one
      Files.write(broken, bytes);
      rejected.add(List.of(relative(broken), "UNREADABLE_FILE: not a valid .xlsx workbook"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rejected;
  }

  private static String csvField(String v) {
    return v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  private String relative(Path file) {
    return options.landing().relativize(file).toString().replace('\\', '/');
  }

  // ---------------------------------------------------------------- truth

  private void writeTruth(RangeResult all, List<List<String>> rejected) {
    Path truth = options.truth();
    if (plan.collectRows()) {
      List<Clean.Subject> subjects = new ArrayList<>(all.subjects);
      subjects.sort(Comparator.comparing(Clean.Subject::subjectId));
      List<List<String>> rows = new ArrayList<>();
      for (Clean.Subject s : subjects) {
        rows.add(List.of(s.subjectId(), s.subjectName(), s.districtCode(), s.carrierType(), s.fieldCode(),
            Integer.toString(s.firstYear()), s.modeClass(), s.natureClass() == null ? "" : s.natureClass()));
      }
      csv(truth.resolve("subjects.csv"), List.of("subject_id", "subject_name", "district_code", "carrier_type", "field_code",
          "first_year", "mode_class", "nature_class"), rows);
      List<Clean.Project> projects = new ArrayList<>(all.projects);
      projects.sort(Comparator.comparing(Clean.Project::projectId));
      rows = new ArrayList<>();
      List<List<String>> partnerRows = new ArrayList<>();
      for (Clean.Project p : projects) {
        rows.add(List.of(p.projectId(), p.subjectId(), p.districtCode(), p.carrierType(), p.fieldCode(),
            String.join(";", p.modes()), p.modeClass(), p.startDate().toString(),
            p.endDate() == null ? "" : p.endDate().toString(),
            p.amountYuan() == null ? "" : p.amountYuan() + ".00", p.updatedAt().format(TIMESTAMP)));
        List<Clean.Partner> partners = new ArrayList<>(p.partners());
        partners.sort(Comparator.comparing(Clean.Partner::partnerName));
        for (Clean.Partner x : partners) {
          Reference.Country c = plan.reference().country(x.countryCode());
          partnerRows.add(List.of(x.projectId(), x.partnerName(), c.code(), c.continent(), Boolean.toString(c.hmt()),
              x.partnerType(), x.updatedAt().format(TIMESTAMP)));
        }
      }
      csv(truth.resolve("projects.csv"), List.of("project_id", "subject_id", "district_code", "carrier_type", "field_code",
          "modes", "mode_class", "start_date", "end_date", "amount_yuan", "updated_at"), rows);
      csv(truth.resolve("partners.csv"), List.of("project_id", "partner_name", "country_code", "continent", "is_hmt",
          "partner_type", "updated_at"), partnerRows);
    }
    List<Quarantined> quarantine = new ArrayList<>(all.quarantine);
    quarantine.sort(Comparator.comparing(Quarantined::sourceFile).thenComparingInt(Quarantined::rowNumber));
    List<List<String>> rows = new ArrayList<>();
    for (Quarantined q : quarantine) rows.add(List.of(q.sourceFile(), Integer.toString(q.rowNumber()), String.join(";", q.reasons())));
    csv(truth.resolve("quarantine.csv"), List.of("source_file", "row_number", "reason_codes"), rows);
    csv(truth.resolve("rejected_files.csv"), List.of("file", "reason"), rejected);
    rows = new ArrayList<>();
    for (Feed feed : Feed.values()) {
      rows.add(List.of(feed.dirName(), Long.toString(all.files.getOrDefault(feed, 0L)),
          Long.toString(all.ledger.get(feed, RangeEmitter.Outcome.CURRENT)),
          Long.toString(all.ledger.get(feed, RangeEmitter.Outcome.SUPERSEDED)),
          Long.toString(all.ledger.get(feed, RangeEmitter.Outcome.QUARANTINED)),
          Long.toString(all.ledger.get(feed, RangeEmitter.Outcome.PENDING))));
    }
    csv(truth.resolve("counts.csv"), List.of("feed", "raw_rows", "current", "superseded_or_duplicate", "quarantined", "pending"), rows);
    for (Map.Entry<String, GoldOracle.Table> t : all.oracle.tables().entrySet()) {
      csv(truth.resolve("gold").resolve(t.getKey() + ".csv"), t.getValue().header(), t.getValue().rows());
    }
  }

  private static void csv(Path file, List<String> header, List<List<String>> rows) {
    try {
      Files.createDirectories(file.getParent());
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        Csv.write(w, header, rows);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isEmptyDir(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- the plan shared by all ranges

  /** Which subjects exist, which range each belongs to, and the per-file and per-subject choices. */
  static final class Plan {
    private final GeneratorOptions options;
    private final Reference reference = Reference.get();
    private final Renderer renderer = new Renderer(reference);
    private final List<Blueprint.Subject> study = StudyProfile.blueprints();
    private final long[] rangeStart;
    private final long subjectCount;
    /** Projects the last subject keeps when --projects cuts it short (-1: all). */
    private final int lastSubjectProjects;
    private final Realiser realiser;
    private final Picker sharedPicker;
    private final Map<Feed, int[]> styleTurn = new EnumMap<>(Feed.class);
    private final int freshDigits;

    Plan(GeneratorOptions options) {
      this.options = options;
      int k = options.batches();
      if (options.profile() == Profile.STUDY) {
        subjectCount = study.size();
        lastSubjectProjects = -1;
      } else if (options.projects() > 0) {
        // walk the template choices once (cheap) to find how many subjects make the projects
        long projects = 0;
        long i = 0;
        int last = -1;
        while (projects < options.projects()) {
          int n = template(i).projects().size();
          last = (int) Math.min(n, options.projects() - projects);
          projects += last;
          i++;
        }
        subjectCount = i;
        lastSubjectProjects = last;
      } else {
        subjectCount = options.subjects();
        lastSubjectProjects = -1;
      }
      rangeStart = new long[k + 1];
      for (int r = 0; r <= k; r++) rangeStart[r] = subjectCount * r / k;
      realiser = new Realiser(subjectCount);
      sharedPicker = options.profile() == Profile.STUDY ? Picker.rotating() : null;
      freshDigits = realiser.projectId(2018, subjectCount, 0).length() - "BJ-2018-".length();
    }

    Reference reference() {
      return reference;
    }

    Renderer renderer() {
      return renderer;
    }

    int batches() {
      return options.batches();
    }

    long subjectCount() {
      return subjectCount;
    }

    long rangeStart(int range) {
      return rangeStart[range];
    }

    boolean collectRows() {
      return options.profile() == Profile.STUDY;
    }

    double badRate() {
      return options.badRate();
    }

    int rowsPerFile() {
      return options.rowsPerFile();
    }

    int xlsxRowsPerFile() {
      return Math.min(options.rowsPerFile(), options.xlsxRowsPerFile());
    }

    Path landing() {
      return options.landing();
    }

    Path batchDir(Feed feed, int batch) {
      LocalDate night = options.firstBatch().plusDays(batch);
      return options.landing().resolve(feed.dirName()).resolve("dt=" + night);
    }

    /** The study subject a scaled subject copies. */
    private Blueprint.Subject template(long subjectIndex) {
      return study.get((int) Math.floorMod(Seeds.of(options.seed(), 2, subjectIndex), (long) study.size()));
    }

    /** Subject {@code index}'s current projects (subject number index + 1), most recently updated first. */
    List<Clean.Project> realise(long index) {
      Blueprint.Subject b = options.profile() == Profile.STUDY ? study.get((int) index) : template(index);
      if (index == subjectCount - 1 && lastSubjectProjects > 0 && lastSubjectProjects < b.projects().size()) {
        b = new Blueprint.Subject(b.projects().subList(0, lastSubjectProjects));
      }
      return realiser.realise(b, index + 1, new SplittableRandom(Seeds.of(options.seed(), 1, index)));
    }

    /** A project id no delivered project has (one digit longer, starting with 9). */
    String freshProjectId(int year, int range, long n) {
      return "BJ-" + year + "-9" + Spellings.pad(range * 10_000_000L + n, freshDigits);
    }

    Picker rangePicker(int range) {
      return sharedPicker != null ? sharedPicker : Picker.random(Seeds.of(options.seed(), 3, range));
    }

    Picker filePicker(Feed feed, int batch, RangeEmitter.Role role, int fileIndex) {
      return sharedPicker != null ? sharedPicker
          : Picker.random(Seeds.of(options.seed(), 4, feed.ordinal(), batch, role.ordinal(), fileIndex));
    }

    /** The study cycles through {@link #STUDY_STYLES}; scaled runs draw a style per file. */
    FileStyle style(Feed feed, Picker pk) {
      if (options.profile() == Profile.STUDY) {
        List<FileStyle> allowed = STUDY_STYLES.stream().filter(s -> options.formats().contains(s.format())).toList();
        synchronized (styleTurn) {
          int[] turn = styleTurn.computeIfAbsent(feed, f -> new int[1]);
          return allowed.get(turn[0]++ % allowed.size());
        }
      }
      List<Format> formats = new ArrayList<>();
      for (Format f : Format.values()) {
        if (!options.formats().contains(f)) continue;
        for (int w = 0; w < (f == Format.CSV ? 5 : f == Format.JSONL ? 3 : 2); w++) formats.add(f);
      }
      Format format = pk.pick("fileFormat", formats);
      List<List<String>> extras = List.of(List.of(), List.of(), List.of("remarks"), List.of("备注"),
          List.of("source_system"), List.of("备注", "录入人"));
      return new FileStyle(format, pk.pick("encoding", List.of(Encoding.UTF8, Encoding.UTF8, Encoding.UTF8_BOM, Encoding.GB18030)),
          pk.chance("crlf", 0.3), pk.chance("quoteAll", 0.2), pk.pick("headerLanguage", List.of(HeaderLanguage.values())),
          pk.pick("headerCase", List.of(HeaderCase.values())), pk.chance("shuffled", 0.5), pk.chance("dropOptional", 0.2),
          pk.pick("extras", extras));
    }

    private static final List<FileStyle> STUDY_STYLES = List.of(
        new FileStyle(Format.CSV, Encoding.UTF8, false, false, HeaderLanguage.EN, HeaderCase.AS_IS, false, false, List.of()),
        new FileStyle(Format.XLSX, Encoding.UTF8, false, false, HeaderLanguage.ZH, HeaderCase.AS_IS, true, false, List.of("备注")),
        new FileStyle(Format.CSV, Encoding.GB18030, true, false, HeaderLanguage.ZH, HeaderCase.PADDED, true, false,
            List.of("备注", "录入人")),
        new FileStyle(Format.JSONL, Encoding.UTF8, false, false, HeaderLanguage.EN, HeaderCase.AS_IS, true, false,
            List.of("source_system")),
        new FileStyle(Format.CSV, Encoding.UTF8_BOM, false, true, HeaderLanguage.EN, HeaderCase.TITLE_SPACES, true, false,
            List.of("remarks")),
        new FileStyle(Format.XLSX, Encoding.UTF8, false, false, HeaderLanguage.EN, HeaderCase.UPPER, false, true, List.of()),
        new FileStyle(Format.CSV, Encoding.UTF8, true, false, HeaderLanguage.MIXED, HeaderCase.UPPER, true, false,
            List.of("remarks", "source_system")),
        new FileStyle(Format.CSV, Encoding.GB18030, false, false, HeaderLanguage.ZH, HeaderCase.AS_IS, false, true, List.of()),
        new FileStyle(Format.JSONL, Encoding.UTF8, false, false, HeaderLanguage.EN, HeaderCase.AS_IS, false, false, List.of()),
        new FileStyle(Format.CSV, Encoding.UTF8_BOM, true, false, HeaderLanguage.ZH, HeaderCase.AS_IS, true, false, List.of()));
  }
}
