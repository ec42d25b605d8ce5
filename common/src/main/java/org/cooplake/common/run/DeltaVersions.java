package org.cooplake.common.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;

/**
 * The current Delta version of every table cooplake owns, read from the {@code _delta_log} listings
 * (no Spark job; the warehouse is a local or mounted file system): a run compares them before and after to record what it wrote.
 */
public final class DeltaVersions {
  private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");

  private DeltaVersions() {}

  /** table (db.name) → latest committed version, for every Delta table under the layers' locations. */
  public static Map<String, Long> current(SparkSession spark, CooplakeConfig config) {
    Map<String, Long> out = new TreeMap<>();
    for (Layer layer : Layer.values()) {
      Path dir = config.databaseLocation(layer);
      if (!Files.isDirectory(dir)) continue;
      try (Stream<Path> tables = Files.list(dir)) {
        for (Path table : tables.filter(t -> Files.isDirectory(t.resolve("_delta_log"))).toList()) {
          long latest = latest(table);
          if (latest >= 0) out.put(config.database(layer) + "." + table.getFileName(), latest);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** The latest committed version of the Delta table in a directory; -1 if it has no commit (yet). */
  public static long latest(Path table) {
    Path log = table.resolve("_delta_log");
    if (!Files.isDirectory(log)) return -1;
    long latest = -1;
    try (Stream<Path> files = Files.list(log)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Matcher m = COMMIT.matcher(f.getFileName().toString());
        if (m.matches()) latest = Math.max(latest, Long.parseLong(m.group(1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return latest;
  }

  /** The tables whose version moved between two readings, with their new version. */
  public static Map<String, Long> written(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach((t, v) -> {
      if (!v.equals(before.get(t))) out.put(t, v);
    });
    return out;
  }
}
