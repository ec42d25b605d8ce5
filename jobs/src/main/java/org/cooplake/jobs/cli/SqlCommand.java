package org.cooplake.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.errors.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * SQL against the catalog from a new process: {@code -e}, {@code -f}, or statements on standard
 * input (an interactive prompt on a terminal). Results go to stdout and nothing else does, so
 * {@code --format csv} output can be piped; read-only unless {@code --write}.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run SQL against the catalog (bronze, silver, gold, ops) and print the result.")
public final class SqlCommand extends SparkCommand {
  /** Statements that only read. Anything else needs --write. */
  private static final Set<String> READ_ONLY = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN",
      "VALUES", "TABLE", "FROM", "USE", "LIST", "SET", "(");

  enum Format { table, csv, json }

  @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Statement(s) to run; separate several with ';'")
  String execute;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A file of statements separated by ';'")
  Path file;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (JSON Lines); default ${DEFAULT-VALUE}")
  Format format;

  @Option(names = "--write", description = "Allow statements that change the catalog (DDL, DML)")
  boolean write;

  @Option(names = "--max-rows", defaultValue = "1000", description = "Rows shown by --format table (csv/json print all); default ${DEFAULT-VALUE}")
  int maxRows;

  @Override
  int run(SparkSession spark, CooplakeConfig config) {
    PrintStream out = System.out;
    if (execute != null || file != null) {
      String text = execute != null ? execute : read(file);
      for (String stmt : splitStatements(text)) runOne(spark, stmt, out);
      return 0;
    }
    return interactive(spark, out);
  }

  private int interactive(SparkSession spark, PrintStream out) {
    boolean terminal = System.console() != null;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder pending = new StringBuilder();
    int failures = 0;
    try {
      if (terminal) System.err.print("cooplake> ");
      for (String line; (line = in.readLine()) != null; ) {
        pending.append(line).append('\n');
        List<String> stmts = splitStatements(pending.toString());
        boolean complete = pending.toString().strip().endsWith(";");
        if (complete) {
          for (String s : stmts) {
            try {
              runOne(spark, s, out);
            } catch (CooplakeException e) {
              failures++;
              System.err.println(e.userMessage());
            }
          }
          pending.setLength(0);
        }
        if (terminal) System.err.print(pending.length() == 0 ? "cooplake> " : "       -> ");
      }
      for (String s : splitStatements(pending.toString())) runOne(spark, s, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return failures == 0 ? 0 : 1;
  }

  void runOne(SparkSession spark, String statement, PrintStream out) {
    String keyword = firstKeyword(statement);
    if (!write && !READ_ONLY.contains(keyword)) throw Errors.readOnly(keyword);
    try {
      Dataset<Row> result = spark.sql(statement);
      ResultPrinter.print(result, format.name(), maxRows, out);
    } catch (CooplakeException e) {
      throw e;
    } catch (Exception e) { // AnalysisException/ParseException (undeclared from Scala) or a failed job
      throw Errors.sqlFailed(e.getMessage(), e);
    }
  }

  static String firstKeyword(String statement) {
    String s = statement.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)--.*$", " ").strip();
    if (s.startsWith("(")) return "(";
    int end = 0;
    while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
    return s.substring(0, end).toUpperCase(Locale.ROOT);
  }

  /** Splits on ';' outside quotes and comments. */
  static List<String> splitStatements(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        cur.append(c);
        if (c == '\\' && i + 1 < text.length()) cur.append(text.charAt(++i));
        else if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        cur.append(c);
      } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
        int nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length() : nl;
        cur.append('\n');
      } else if (c == ';') {
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (!cur.toString().isBlank()) out.add(cur.toString().strip());
    return out;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.usage("Cannot read SQL file " + f + ": " + e.getMessage(), "Check the path given with -f.");
    }
  }

}
