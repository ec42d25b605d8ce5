package org.cooplake.common.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** One pipeline run: its id (written to every row it produces) and when it started. */
public record RunContext(String runId, Instant startedAt) {

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public static RunContext start() {
    Instant now = Instant.now();
    return new RunContext(ID_TIME.format(now) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF)), now);
  }
}
