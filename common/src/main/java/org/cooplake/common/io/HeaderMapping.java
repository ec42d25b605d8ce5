package org.cooplake.common.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cooplake.common.model.Feed;

/**
 * How a file's header maps to the contract: for each position, the contract column it names, or
 * (for columns beyond the contract) the header as written, kept in bronze's {@code _extra} map.
 */
public record HeaderMapping(List<String> keys, List<Boolean> known, List<String> missingRequired) {

  public static HeaderMapping of(Feed feed, List<String> headers) {
    List<String> keys = new ArrayList<>();
    List<Boolean> known = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < headers.size(); i++) {
      String raw = headers.get(i) == null ? "" : headers.get(i).replace("\uFEFF", "").strip();
      String column = feed.columnForHeader(raw).orElse(null);
      if (column != null && seen.add(column)) {
        keys.add(column);
        known.add(true);
      } else {
        // a second header naming the same contract column is kept as extra, never merged silently
        keys.add(raw.isEmpty() ? "_column_" + (i + 1) : raw);
        known.add(false);
      }
    }
    List<String> missing = feed.requiredColumns().stream().filter(c -> !seen.contains(c)).toList();
    return new HeaderMapping(keys, known, missing);
  }
}
