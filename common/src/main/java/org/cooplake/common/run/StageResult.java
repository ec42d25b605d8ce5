package org.cooplake.common.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage reports: counters (rows in/out, files, quarantined, …) for ops tables and the
 * headline lines a person wants to read at the end of a run.
 */
public record StageResult(String stage, Map<String, Long> counters, List<String> headlines) {

  public static StageResult of(String stage, Map<String, Long> counters, List<String> headlines) {
    return new StageResult(stage, new LinkedHashMap<>(counters), List.copyOf(headlines));
  }
}
