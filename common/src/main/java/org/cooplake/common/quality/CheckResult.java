package org.cooplake.common.quality;

import java.util.List;

/** The outcome of one {@link Check}: how many offending rows, and a few of them for the message. */
public record CheckResult(Check check, long violations, List<String> samples) {
  public boolean passed() {
    return violations == 0;
  }
}
