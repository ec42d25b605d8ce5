package org.cooplake.common.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage reports: counters (rows in/out, files, quarantined, …) for ops tables and the
 * headline lines a person wants to read at the end of a run.
 */
public record StageResult(String stage, Map<String, Long> counters, List<String> headlines) {
  /** Counter: rows the stage read (raw rows for ingest, bronze rows for clean, silver rows for aggregate). */
  public static final String ROWS_IN = "rows_in";
  /** Counter: rows the stage wrote where they can be counted (bronze; silver current/quarantine/pending; gold). */
  public static final String ROWS_OUT = "rows_out";

  public long rowsIn() {
    return counters.getOrDefault(ROWS_IN, 0L);
  }

  public long rowsOut() {
    return counters.getOrDefault(ROWS_OUT, 0L);
  }

  public static StageResult of(String stage, Map<String, Long> counters, List<String> headlines) {
    return new StageResult(stage, new LinkedHashMap<>(counters), List.copyOf(headlines));
  }
}
