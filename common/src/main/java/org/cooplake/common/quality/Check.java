package org.cooplake.common.quality;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A declared data-quality check on a table (dbt's tests): the SQL that selects the offending rows.
 * A check passes when that query returns nothing.
 *
 * <p>Text form, as declared beside a table (e.g. {@code -- check: unique(district_code)} in a gold
 * SQL file): {@code unique(a, b)}, {@code not_null(a, b)}, {@code accepted_values(col: A, B)},
 * {@code relationship(col -> db.table.col)}, {@code expression(name: boolean SQL)}.
 */
public record Check(String table, String name, String violationsSql) {

  private static final Pattern SPEC = Pattern.compile("^\\s*([a-z_]+)\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

  public static Check unique(String table, String... columns) {
    String cols = String.join(", ", columns);
    return new Check(table, "unique(" + cols + ")",
        "SELECT " + cols + ", count(*) AS copies FROM " + table + " GROUP BY " + cols + " HAVING count(*) > 1");
  }

  public static Check notNull(String table, String column) {
    return new Check(table, "not_null(" + column + ")", "SELECT * FROM " + table + " WHERE " + column + " IS NULL");
  }

  public static Check acceptedValues(String table, String column, List<String> values) {
    String in = values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
    return new Check(table, "accepted_values(" + column + ": " + String.join(", ", values) + ")",
        "SELECT " + column + ", count(*) AS rows FROM " + table + " WHERE " + column + " IS NOT NULL AND "
            + column + " NOT IN (" + in + ") GROUP BY " + column);
  }

  /** Every non-null {@code column} of {@code table} exists as {@code parentColumn} of {@code parentTable}. */
  public static Check relationship(String table, String column, String parentTable, String parentColumn) {
    return new Check(table, "relationship(" + column + " -> " + parentTable + "." + parentColumn + ")",
        "SELECT c." + column + " FROM " + table + " c LEFT ANTI JOIN " + parentTable + " p ON c." + column
            + " = p." + parentColumn + " WHERE c." + column + " IS NOT NULL");
  }

  /** Every row satisfies {@code predicate}. */
  public static Check expression(String table, String name, String predicate) {
    return new Check(table, "expression(" + name + ": " + predicate + ")",
        "SELECT * FROM " + table + " WHERE NOT coalesce((" + predicate + "), false)");
  }

  /**
   * Parses one declared check. {@code resolve} expands placeholders such as {@code ${silver}} in
   * table names of relationships.
   */
  public static List<Check> parse(String table, String spec, UnaryOperator<String> resolve) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) throw new IllegalArgumentException("not a check: " + spec);
    String kind = m.group(1);
    String args = m.group(2).trim();
    switch (kind) {
      case "unique":
        return List.of(unique(table, splitList(args)));
      case "not_null":
        return Arrays.stream(splitList(args)).map(c -> notNull(table, c)).toList();
      case "accepted_values": {
        int colon = args.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("accepted_values(col: A, B) expected: " + spec);
        return List.of(acceptedValues(table, args.substring(0, colon).trim(),
            Arrays.asList(splitList(args.substring(colon + 1)))));
      }
      case "relationship": {
        String[] parts = args.split("->");
        if (parts.length != 2) throw new IllegalArgumentException("relationship(col -> db.table.col) expected: " + spec);
        String target = resolve.apply(parts[1].trim());
        int dot = target.lastIndexOf('.');
        return List.of(relationship(table, parts[0].trim(), target.substring(0, dot), target.substring(dot + 1)));
      }
      case "expression": {
        int colon = args.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("expression(name: predicate) expected: " + spec);
        return List.of(expression(table, args.substring(0, colon).trim(), resolve.apply(args.substring(colon + 1).trim())));
      }
      default:
        throw new IllegalArgumentException("unknown check kind '" + kind + "' in: " + spec);
    }
  }

  private static String[] splitList(String s) {
    return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toArray(String[]::new);
  }
}
