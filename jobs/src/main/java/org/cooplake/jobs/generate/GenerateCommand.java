package org.cooplake.jobs.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cooplake.common.errors.Errors;
import org.cooplake.jobs.generate.GeneratorOptions.Profile;
import org.cooplake.jobs.generate.Spellings.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cooplake generate}: writes raw deliveries (a landing directory) and the truth behind them.
 * With no size it writes the study sample (data/sample); with --subjects or --projects a scaled
 * copy of the study's distributions, streamed to disk, as large as wanted.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {
        "Write messy raw deliveries (CSV, JSON Lines, XLSX in nightly dt=... batches) and their true clean values.",
        "--profile study (the default without a size) writes the study sample: 365 subjects that reproduce every",
        "figure of PAPER_FIGURES.md. --profile scaled (implied by --subjects/--projects) writes any number of",
        "subjects with the study's distributions and messiness; nothing is held in memory."},
    footer = {"", "Examples:",
        "  cooplake generate --profile study --out data/sample/landing --truth data/sample/truth --overwrite",
        "  cooplake generate --projects 10000000 --batches 5 --seed 7 --out /tmp/landing --truth /tmp/truth"})
public final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--profile", description = "study or scaled (default: study, or scaled when a size is given)")
  String profile;

  @Option(names = "--subjects", description = "scaled: number of subjects (each has 1–2 projects, 2–3 partners per project with partners)")
  Long subjects;

  @Option(names = "--projects", description = "scaled: number of projects (exact)")
  Long projects;

  @Option(names = "--batches", description = "nightly batches (dt=... folders), default ${DEFAULT-VALUE}", defaultValue = "5")
  int batches;

  @Option(names = "--seed", description = "random seed; the same seed writes the same files, default ${DEFAULT-VALUE}",
      defaultValue = "2023")
  long seed;

  @Option(names = "--bad-rate", description = "bad rows per good row (quarantined; 0 = a clean delivery); "
      + "default 0.05 for the study, 0.01 scaled")
  Double badRate;

  @Option(names = "--formats", split = ",", description = "file formats to write: csv,jsonl,xlsx (default all three)")
  List<String> formats;

  @Option(names = "--out", required = true, description = "landing directory: <out>/projects/dt=.../, <out>/partners/dt=.../")
  Path out;

  @Option(names = "--truth", description = "directory for the truth files (default: 'truth' next to --out)")
  Path truth;

  @Option(names = "--first-batch", description = "date of the first batch, default ${DEFAULT-VALUE}", defaultValue = "2019-06-03")
  LocalDate firstBatch;

  @Option(names = "--rows-per-file", description = "rows per CSV/JSON Lines file (default 60 for the study, 1000000 scaled)")
  Integer rowsPerFile;

  @Option(names = "--xlsx-rows-per-file", description = "rows per XLSX file, default ${DEFAULT-VALUE}", defaultValue = "100000")
  int xlsxRowsPerFile;

  @Option(names = "--threads", description = "writer threads for scaled runs, default ${DEFAULT-VALUE}", defaultValue = "2")
  int threads;

  @Option(names = "--overwrite", description = "replace existing projects/, partners/ and truth files")
  boolean overwrite;

  @Override
  public Integer call() {
    GeneratorOptions options = options();
    long started = System.nanoTime();
    Generator.Summary s = new Generator(options).run();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "generated %s profile: %,d subjects, %,d projects, %,d partners (%,d rows quarantined) in %.1f s%n",
        options.profile().name().toLowerCase(Locale.ROOT), s.subjects(), s.projects(), s.partners(), s.quarantined(), seconds);
    System.out.println("landing: " + options.landing());
    System.out.println("truth:   " + options.truth());
    return 0;
  }

  GeneratorOptions options() {
    if (subjects != null && projects != null) {
      throw Errors.usage("--subjects and --projects were both given.", "Size a scaled run with one of them.");
    }
    boolean sized = subjects != null || projects != null;
    Profile p = profile == null ? (sized ? Profile.SCALED : Profile.STUDY) : parseProfile(profile);
    if (p == Profile.STUDY && sized) {
      throw Errors.usage("--profile study always writes the study's 365 subjects; --subjects/--projects do not apply.",
          "Drop the size, or use --profile scaled.");
    }
    if (p == Profile.SCALED && !sized) {
      throw Errors.usage("--profile scaled needs a size.", "Add --subjects N or --projects N.");
    }
    if ((subjects != null && subjects < 1) || (projects != null && projects < 1)) {
      throw Errors.usage("The size must be at least 1.", "Give --subjects or --projects a positive number.");
    }
    if (batches < 1) throw Errors.usage("--batches must be at least 1 (got " + batches + ").", "Use e.g. --batches 5.");
    double rate = badRate != null ? badRate : p == Profile.STUDY ? GeneratorOptions.STUDY_BAD_RATE : 0.01;
    if (rate < 0 || rate > 0.5) throw Errors.usage("--bad-rate must be between 0 and 0.5 (got " + rate + ").", "Use e.g. --bad-rate 0.01.");
    int rows = rowsPerFile != null ? rowsPerFile : p == Profile.STUDY ? GeneratorOptions.STUDY_ROWS_PER_FILE : 1_000_000;
    if (rows < 1 || xlsxRowsPerFile < 1) throw Errors.usage("Rows per file must be at least 1.", "Use e.g. --rows-per-file 500000.");
    Set<Format> fmts = EnumSet.noneOf(Format.class);
    for (String f : formats == null ? List.of("csv", "jsonl", "xlsx") : formats) {
      try {
        fmts.add(Format.valueOf(f.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw Errors.usage("Unknown format '" + f + "' in --formats.", "Use any of csv, jsonl, xlsx, comma separated.");
      }
    }
    if (fmts.isEmpty()) throw Errors.usage("--formats names no format.", "Use any of csv, jsonl, xlsx, comma separated.");
    Path truthDir = truth != null ? truth : out.toAbsolutePath().normalize().resolveSibling("truth");
    int xlsxRows = p == Profile.STUDY && rowsPerFile == null ? rows : xlsxRowsPerFile;
    return new GeneratorOptions(p, subjects == null ? 0 : subjects, projects == null ? 0 : projects, batches, seed, rate,
        fmts, out, truthDir, firstBatch, rows, xlsxRows, threads, overwrite);
  }

  private static Profile parseProfile(String value) {
    try {
      return Profile.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Errors.usage("Unknown --profile '" + value + "'.", "Use --profile study or --profile scaled.");
    }
  }
}
