package org.cooplake.common.io;

import java.nio.file.Path;
import org.cooplake.common.model.Feed;

/** One file in the landing directory: {@code <landing>/<feed>/<batch>/<name>}. */
public record LandingFile(Feed feed, String batch, String relativePath, Path path, String format, long sizeBytes,
    long modifiedMillis) {

  /** {@code csv}, {@code jsonl}, {@code xlsx}, or null for any other extension (rejected as unsupported). */
  static String formatOf(String fileName) {
    String n = fileName.toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".csv")) return "csv";
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) return "jsonl";
    if (n.endsWith(".xlsx")) return "xlsx";
    return null;
  }
}
