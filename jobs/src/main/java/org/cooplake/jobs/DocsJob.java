package org.cooplake.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Column;
import org.apache.spark.sql.catalog.Table;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.gold.SqlTableRunner;

/**
 * Writes docs/tables.md from the catalog: for each table of the chosen layers, its comment, its
 * columns with type and comment (what {@code DESCRIBE} shows), its declared checks and the file it
 * is built from. Database names are printed as the layer's name ({@code gold}), whatever the
 * configuration calls them, so the document is the same for every warehouse.
 */
public final class DocsJob {
  /** Where the document lives, relative to the project root. */
  public static final Path OUTPUT = Path.of("docs", "tables.md");
  /** Where the classpath resources named in {@code cooplake.source} live in the source tree. */
  private static final String RESOURCES = "jobs/src/main/resources/";

  private DocsJob() {}

  public static String render(SparkSession spark, CooplakeConfig config, List<Layer> layers) {
    StringBuilder md = new StringBuilder();
    md.append("# Tables\n\n")
        .append("<!-- Generated from the catalog by org.cooplake.jobs.DocsJob; do not edit by hand. -->\n\n")
        .append("The tables cooplake publishes, as the catalog describes them: `DESCRIBE <table>` shows the same\n")
        .append("column comments. Each gold table is defined by one SQL file whose header holds this text;\n")
        .append("edit the file, then regenerate this page (see GoldTablesTest).\n");
    for (Layer layer : layers) {
      String logical = layer.name().toLowerCase(Locale.ROOT);
      List<Table> tables = tables(spark, config.database(layer));
      md.append("\n## ").append(logical).append("\n\n| table | rows are |\n|---|---|\n");
      for (Table t : tables) {
        md.append("| [").append(logical).append('.').append(t.name()).append("](#").append(logical)
            .append(t.name()).append(") | ").append(cell(firstSentence(t.description()))).append(" |\n");
      }
      for (Table t : tables) {
        md.append("\n### ").append(logical).append('.').append(t.name()).append("\n\n");
        if (t.description() != null) md.append(t.description()).append("\n\n");
        md.append("| column | type | meaning |\n|---|---|---|\n");
        for (Column c : columns(spark, config.database(layer), t.name())) {
          md.append("| `").append(c.name()).append("` | ").append(c.dataType()).append(" | ")
              .append(cell(c.description())).append(" |\n");
        }
        Map<String, String> props = SqlTableRunner.tableProperties(spark, config.database(layer) + "." + t.name());
        String checks = props.getOrDefault(SqlTableRunner.PROP_CHECKS, "");
        if (!checks.isEmpty()) {
          md.append("\nChecks: ").append(Arrays.stream(checks.split(SqlTableRunner.CHECK_SEPARATOR))
              .map(c -> "`" + c + "`").collect(Collectors.joining(", "))).append(".\n");
        }
        String source = props.get(SqlTableRunner.PROP_SOURCE);
        if (source != null) {
          md.append("\nDefined in [`").append(RESOURCES).append(source).append("`](../").append(RESOURCES)
              .append(source).append(").\n");
        }
      }
    }
    return md.toString();
  }

  public static void write(Path file, String markdown) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, markdown, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Table> tables(SparkSession spark, String database) {
    try {
      return spark.catalog().listTables(database).collectAsList().stream()
          .filter(t -> !t.isTemporary())
          .map(t -> getTable(spark, database, t.name()))
          .sorted(Comparator.comparing(Table::name))
          .toList();
    } catch (AnalysisException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Table getTable(SparkSession spark, String database, String name) {
    try {
      return spark.catalog().getTable(database, name);
    } catch (AnalysisException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Column> columns(SparkSession spark, String database, String table) {
    try {
      return spark.catalog().listColumns(database, table).collectAsList();
    } catch (AnalysisException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstSentence(String text) {
    if (text == null) return "";
    int end = text.indexOf(". ");
    int para = text.indexOf("\n\n");
    if (para >= 0 && (end < 0 || para < end)) return text.substring(0, para);
    return end < 0 ? text : text.substring(0, end + 1);
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
