package org.cooplake.jobs;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cooplake.common.reference.Csv;

/** The sample's true values, written by the generator next to it (data/sample/truth). */
final class SampleTruth {
  private final Path dir;

  private SampleTruth(Path dir) {
    this.dir = dir;
  }

  static SampleTruth load(Path project) {
    return new SampleTruth(project.resolve("data").resolve("sample").resolve("truth"));
  }

  List<Map<String, String>> table(String name) {
    try (Reader r = Files.newBufferedReader(dir.resolve(name), StandardCharsets.UTF_8)) {
      return Csv.read(r).rows();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Raw data records delivered in the feed's usable files: what bronze must hold. */
  long rawRows(String feed) {
    return table("counts.csv").stream().filter(r -> r.get("feed").equals(feed))
        .mapToLong(r -> Long.parseLong(r.get("raw_rows"))).sum();
  }

  /** A count of counts.csv: current, superseded_or_duplicate, quarantined or pending rows of a feed. */
  long count(String feed, String column) {
    return table("counts.csv").stream().filter(r -> r.get("feed").equals(feed))
        .mapToLong(r -> Long.parseLong(r.get(column))).sum();
  }

  long rejectedFiles() {
    return table("rejected_files.csv").size();
  }
}
