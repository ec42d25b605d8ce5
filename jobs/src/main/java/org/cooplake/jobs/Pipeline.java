package org.cooplake.jobs;

import java.util.List;
import org.cooplake.common.errors.Errors;
import org.cooplake.common.run.Stage;

/** The pipeline's stages, in order. */
public final class Pipeline {
  private Pipeline() {}

  public static List<Stage> all() {
    return List.of(new IngestJob(), new CleanJob(), new AggregateJob());
  }

  public static List<Stage> named(String name) {
    List<Stage> found = all().stream().filter(s -> s.name().equals(name)).toList();
    if (found.isEmpty()) {
      throw Errors.usage("Stage '" + name + "' is not part of this build yet.", "Run 'bin/cooplake --help' for the stages it has.");
    }
    return found;
  }
}
