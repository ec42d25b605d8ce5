package org.cooplake.common.gold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cooplake.common.errors.Errors;

/**
 * One table defined by a SQL file (dbt's model): a comment header an analyst can read, then one
 * SELECT. The header holds the table's purpose (free comment lines), one
 * {@code -- column: name: comment} line per output column, in output order, and
 * {@code -- check: spec} lines in {@link org.cooplake.common.quality.Check} syntax. Database names
 * are written as placeholders, {@code ${silver}.projects}, resolved from the configuration.
 *
 * @param name the table's name without database, e.g. {@code subjects_by_district}
 * @param source where the definition comes from, for messages and docs, e.g. {@code gold/x.sql}
 */
public record SqlTable(String name, String source, String description, List<ColumnDoc> columns,
    List<String> checks, String select) {

  /** The name of the file listing a directory's tables, one per line, in build order. */
  public static final String INDEX_FILE = "tables.txt";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");
  private static final Pattern TABLE_REF = Pattern.compile("\\$\\{([a-z_]+)}\\.([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern COLUMN = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(\\S.*)$");

  /** A documented output column. */
  public record ColumnDoc(String name, String comment) {}

  /** A table the SELECT reads: {@code ${silver}.projects} is layer {@code silver}, table {@code projects}. */
  public record Input(String layer, String table) {
    @Override
    public String toString() {
      return layer + "." + table;
    }
  }

  public SqlTable {
    columns = List.copyOf(columns);
    checks = List.copyOf(checks);
  }

  /** Parses a definition: the leading comment lines are the header, the rest is the SELECT. */
  public static SqlTable parse(String name, String source, String text) {
    List<String> paragraphs = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    List<ColumnDoc> columns = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    int i = 0;
    for (; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.isEmpty() && !line.startsWith("--")) break;
      String content = line.startsWith("--") ? line.substring(2).strip() : "";
      if (content.startsWith("column:")) {
        Matcher m = COLUMN.matcher(content.substring("column:".length()).strip());
        if (!m.matches()) {
          throw Errors.tableDefinitionInvalid(source, "line " + (i + 1) + " is not '-- column: name: comment'",
              "Write the column's name, a colon and what the column means.");
        }
        columns.add(new ColumnDoc(m.group(1), m.group(2).strip()));
      } else if (content.startsWith("check:")) {
        checks.add(content.substring("check:".length()).strip());
      } else if (content.isEmpty()) {
        endParagraph(paragraphs, paragraph);
      } else {
        if (paragraph.length() > 0) paragraph.append(' ');
        paragraph.append(content);
      }
    }
    endParagraph(paragraphs, paragraph);
    String select = String.join("\n", java.util.Arrays.asList(lines).subList(i, lines.length)).strip();
    if (select.endsWith(";")) select = select.substring(0, select.length() - 1).strip();
    if (select.isEmpty()) {
      throw Errors.tableDefinitionInvalid(source, "there is no SELECT after the comment header",
          "Follow the header with the one SELECT that builds the table.");
    }
    if (paragraphs.isEmpty()) {
      throw Errors.tableDefinitionInvalid(source, "the header does not say what the table is for",
          "Start the file with comment lines describing the table's purpose.");
    }
    if (columns.isEmpty()) {
      throw Errors.tableDefinitionInvalid(source, "the header documents no column",
          "Add one '-- column: name: comment' line per output column.");
    }
    return new SqlTable(name, source, String.join("\n\n", paragraphs), columns, checks, select);
  }

  private static void endParagraph(List<String> paragraphs, StringBuilder paragraph) {
    if (paragraph.length() > 0) paragraphs.add(paragraph.toString());
    paragraph.setLength(0);
  }

  /** The tables of a classpath directory, in the order of its {@link #INDEX_FILE} (works inside a jar). */
  public static List<SqlTable> loadDirectory(ClassLoader loader, String dir) {
    List<SqlTable> out = new ArrayList<>();
    for (String line : readResource(loader, dir + "/" + INDEX_FILE).split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) continue;
      String resource = dir + "/" + name + ".sql";
      out.add(parse(name, resource, readResource(loader, resource)));
    }
    return out;
  }

  private static String readResource(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) throw Errors.tableDefinitionMissing(resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code ${layer}} placeholders; an unknown placeholder is an error naming the file. */
  public String resolve(String text, Map<String, String> databases) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String db = databases.get(m.group(1));
      if (db == null) {
        throw Errors.tableDefinitionInvalid(source, "unknown placeholder ${" + m.group(1) + "}",
            "Use one of " + databases.keySet().stream().map(k -> "${" + k + "}").toList() + ".");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(db));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The tables the SELECT reads, in the order it first names them. */
  public Set<Input> inputs() {
    Set<Input> out = new LinkedHashSet<>();
    Matcher m = TABLE_REF.matcher(select);
    while (m.find()) out.add(new Input(m.group(1), m.group(2)));
    return out;
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnDoc::name).toList();
  }
}
