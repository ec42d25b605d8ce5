package org.cooplake.common.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.cooplake.common.errors.Errors;
import org.cooplake.common.model.Feed;

/**
 * Lists the files delivered under {@code <landing>/{projects,partners}/<batch>/}, in batch then name
 * order. Hidden files and files being written ({@code .tmp}, {@code _COPYING_}, {@code .crc}) are not
 * deliveries and are skipped; anything else of an unknown type is still listed (format null) so that
 * it can be rejected with a reason rather than ignored.
 */
public final class LandingScanner {
  private LandingScanner() {}

  public static List<LandingFile> scan(Path landing) {
    if (!Files.isDirectory(landing)) throw Errors.landingMissing(landing);
    List<LandingFile> out = new ArrayList<>();
    for (Feed feed : Feed.values()) {
      Path feedDir = landing.resolve(feed.dirName());
      if (!Files.isDirectory(feedDir)) continue;
      try (Stream<Path> batches = Files.list(feedDir)) {
        for (Path batchDir : batches.filter(Files::isDirectory).sorted().toList()) {
          try (Stream<Path> files = Files.walk(batchDir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
              String name = f.getFileName().toString();
              if (name.startsWith(".") || name.startsWith("_") || name.startsWith("~$") || name.endsWith(".tmp")
                  || name.endsWith(".crc") || name.contains("_COPYING_")) {
                continue;
              }
              out.add(new LandingFile(feed, batchDir.getFileName().toString(),
                  landing.relativize(f).toString().replace('\\', '/'), f, LandingFile.formatOf(name), Files.size(f),
                  Files.getLastModifiedTime(f).toMillis()));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
