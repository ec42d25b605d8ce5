package org.cooplake.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/cooplake} in a new process, as a user does, and captures what it prints. */
final class CliProcess {
  record Result(int exitCode, String stdout, String stderr) {}

  private CliProcess() {}

  static Result run(Path projectDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(projectDir.resolve("bin").resolve("cooplake").toString());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("cooplake-out", ".txt");
    Path err = Files.createTempFile("cooplake-err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(projectDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("COOPLAKE_NO_BUILD", "1"); // mvn verify packaged the jars already
    pb.environment().put("COOPLAKE_DRIVER_MEMORY", "2g");
    pb.environment().remove("SPARK_HOME");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("bin/cooplake " + String.join(" ", args) + " did not finish in 10 minutes");
    }
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return r;
  }
}
