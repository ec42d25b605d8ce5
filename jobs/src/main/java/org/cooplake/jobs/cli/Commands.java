package org.cooplake.jobs.cli;

import picocli.CommandLine;

/** Registers the subcommands (kept here so the command classes can stay package-private). */
public final class Commands {
  private Commands() {}

  public static CommandLine commandLine(Object top) {
    CommandLine cl = new CommandLine(top);
    cl.addSubcommand(new PipelineCommands.Run());
    cl.addSubcommand(new PipelineCommands.Nightly());
    cl.addSubcommand(new PipelineCommands.Maintain());
    cl.addSubcommand(new PipelineCommands.Ingest());
    cl.addSubcommand(new PipelineCommands.Clean());
    cl.addSubcommand(new PipelineCommands.Aggregate());
    cl.addSubcommand(new SqlCommand());
    cl.addSubcommand(new org.cooplake.jobs.generate.GenerateCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** True when the command needs no Spark (help, version, generate): the launcher then skips spark-submit. */
  public static boolean needsSpark(String[] args) {
    if (args.length == 0) return false;
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version") || a.equals("help")) return false;
    }
    return !args[0].equals("generate");
  }
}
