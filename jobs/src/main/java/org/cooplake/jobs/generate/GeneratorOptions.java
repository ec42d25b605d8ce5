package org.cooplake.jobs.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.cooplake.jobs.generate.Spellings.Format;

/**
 * What to generate. {@code subjects} or {@code projects} sizes a scaled run (0 = not given);
 * the study profile is always the study's 365 subjects.
 */
record GeneratorOptions(Profile profile, long subjects, long projects, int batches, long seed, double badRate,
                        Set<Format> formats, Path landing, Path truth, LocalDate firstBatch, int rowsPerFile,
                        int xlsxRowsPerFile, int threads, boolean overwrite) {

  enum Profile { STUDY, SCALED }

  /** The committed sample: data/sample is exactly this (see data/sample/README.md). */
  static final long STUDY_SEED = 2023;
  static final int STUDY_BATCHES = 5;
  static final double STUDY_BAD_RATE = 0.05;
  static final LocalDate FIRST_BATCH = LocalDate.of(2019, 6, 3);
  static final int STUDY_ROWS_PER_FILE = 60;

  static GeneratorOptions study(Path landing, Path truth) {
    return new GeneratorOptions(Profile.STUDY, 0, 0, STUDY_BATCHES, STUDY_SEED, STUDY_BAD_RATE,
        Set.of(Format.CSV, Format.JSONL, Format.XLSX), landing, truth, FIRST_BATCH, STUDY_ROWS_PER_FILE,
        STUDY_ROWS_PER_FILE, 1, false);
  }
}
