package org.cooplake.common.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pipeline run: its id (written to every row it produces), when it started, and — for a
 * nightly run — the night it processes: landing batches dated after that night are left for later.
 */
public record RunContext(String runId, Instant startedAt, LocalDate night) {

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  /** A batch folder's date: {@code dt=2019-06-03}, {@code 2019-06-03} or {@code 20190603}. */
  private static final Pattern BATCH_DATE = Pattern.compile("(?:dt=)?(\\d{4})-?(\\d{2})-?(\\d{2})");

  public RunContext(String runId, Instant startedAt) {
    this(runId, startedAt, null);
  }

  public static RunContext start() {
    return start(null);
  }

  /** A new run; {@code night} null means every batch delivered so far. */
  public static RunContext start(LocalDate night) {
    Instant now = Instant.now();
    return new RunContext(ID_TIME.format(now) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF)),
        now, night);
  }

  /** The date a batch folder's name carries, if it carries one. */
  public static Optional<LocalDate> batchDate(String batch) {
    Matcher m = BATCH_DATE.matcher(batch);
    if (!m.matches()) return Optional.empty();
    try {
      return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Whether this run takes a batch: every batch without a night; else those dated up to the night (and undated ones). */
  public boolean includesBatch(String batch) {
    return night == null || batchDate(batch).map(d -> !d.isAfter(night)).orElse(true);
  }
}
