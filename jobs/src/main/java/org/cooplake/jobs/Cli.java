package org.cooplake.jobs;

import org.cooplake.common.errors.CooplakeException;
import org.cooplake.jobs.cli.Commands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The cooplake command line. {@code bin/cooplake} starts it through spark-submit. */
@Command(name = "cooplake", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = {"Beijing international S&T cooperation pipeline: landing → bronze → silver → gold (Delta Lake).",
        "Common options of the Spark commands: --landing DIR --warehouse DIR --conf FILE --master URL --spark-conf k=v"},
    subcommandsRepeatable = false)
public final class Cli implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }

  public static void main(String[] args) {
    int code = execute(args);
    System.exit(code);
  }

  public static int execute(String... args) {
    CommandLine cl = Commands.commandLine(new Cli());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof CooplakeException ce) {
        System.err.println(ce.userMessage());
      } else {
        System.err.println("error [INTERNAL]: " + ex);
      }
      if (System.getenv("COOPLAKE_DEBUG") != null) ex.printStackTrace();
      else if (!(ex instanceof CooplakeException)) System.err.println("  (set COOPLAKE_DEBUG=1 for the stack trace)");
      return 1;
    });
    return cl.execute(args);
  }

  /** Version line: cooplake with the Spark and Delta it was built for. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cli.class.getPackage().getImplementationVersion();
      return new String[] {"cooplake " + (v == null ? "dev" : v) + " (Spark 4.1.1, Delta Lake 4.2.0, Java "
          + System.getProperty("java.version") + ")"};
    }
  }
}
