package org.cooplake.common.silver;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;

/**
 * The tables the clean stage writes (docs/layers.md), with their Delta constraints: a bug that
 * tries to write a bad row fails the write instead of publishing it. {@code project_modes} is a
 * view of {@code projects}.
 */
public final class SilverTables {
  private SilverTables() {}

  public static final String MULTIPLE = "MULTIPLE";
  public static final List<String> CARRIER_TYPES =
      List.of("ENTERPRISE", "UNIVERSITY", "RESEARCH_INSTITUTE", "INTERMEDIARY", "SCIENCE_PARK");
  public static final List<String> MODES = List.of("RD", "TRANSFER", "MARKET", "TALENT", "STANDARD");
  public static final List<String> PARTNER_TYPES =
      List.of("UNIVERSITY", "ENTERPRISE", "RESEARCH", "GOVERNMENT", "INTL_ORG", "INDUSTRY_ORG");
  public static final List<String> CONTINENTS =
      List.of("EUROPE", "NORTH_AMERICA", "ASIA", "OCEANIA", "AFRICA", "SOUTH_AMERICA");

  public static final String PROJECTS = "projects";
  public static final String PROJECT_MODES = "project_modes";
  public static final String PROJECT_PARTNERS = "project_partners";
  public static final String PENDING_PARTNERS = "pending_partners";
  public static final String SUBJECTS = "subjects";
  public static final String QUARANTINE = "quarantine";
  /** ops: which bronze runs the clean stage has processed, per feed. */
  public static final String CLEAN_PROGRESS = "clean_progress";
  /** ops: the per-run, per-feed row balance. */
  public static final String RECONCILIATION = "reconciliation";

  private static final String LINEAGE = "_source_file STRING NOT NULL, _batch STRING NOT NULL, _row_number BIGINT NOT NULL, "
      + "_run_id STRING NOT NULL";
  private static final String PARTNER_COLUMNS = "project_id STRING NOT NULL, partner_key STRING NOT NULL, "
      + "partner_name STRING NOT NULL, country_code STRING NOT NULL, continent STRING NOT NULL, is_hmt BOOLEAN NOT NULL, "
      + "partner_type STRING NOT NULL, updated_at TIMESTAMP NOT NULL, " + LINEAGE;

  /** A table: layer, name, column DDL, and CHECK constraints (name → predicate). */
  public record Spec(Layer layer, String name, String columns, Map<String, String> checks) {
    public String table(CooplakeConfig config) {
      return config.table(layer, name);
    }

    /** The column names, in order. */
    public List<String> columnNames() {
      return Arrays.stream(columns.split(",\\s*(?![^<(]*[>)])")).map(c -> c.trim().split("\\s+")[0]).toList();
    }
  }

  public static final Spec PROJECTS_SPEC = new Spec(Layer.SILVER, PROJECTS,
      "project_id STRING NOT NULL, subject_id STRING NOT NULL, subject_name STRING, district_code STRING NOT NULL, "
          + "carrier_type STRING NOT NULL, field_code STRING NOT NULL, modes ARRAY<STRING> NOT NULL, "
          + "mode_class STRING NOT NULL, start_date DATE NOT NULL, start_year INT NOT NULL, end_date DATE, "
          + "amount_yuan DECIMAL(20,2), updated_at TIMESTAMP NOT NULL, " + LINEAGE,
      checks(
          "carrier_type_accepted", in("carrier_type", CARRIER_TYPES),
          "mode_class_accepted", in("mode_class", concat(MODES, MULTIPLE)),
          "modes_not_empty", "size(modes) > 0",
          "modes_accepted", "size(array_except(modes, array(" + quoted(MODES) + "))) = 0",
          "end_not_before_start", "end_date IS NULL OR end_date >= start_date",
          "amount_not_negative", "amount_yuan IS NULL OR amount_yuan >= 0",
          "start_year_of_start_date", "start_year = year(start_date)"));

  public static final Spec PROJECT_PARTNERS_SPEC = new Spec(Layer.SILVER, PROJECT_PARTNERS, PARTNER_COLUMNS,
      checks(
          "partner_type_accepted", in("partner_type", PARTNER_TYPES),
          "continent_accepted", in("continent", CONTINENTS),
          "not_domestic", "country_code <> '" + PartnersConform.DOMESTIC_COUNTRY + "'",
          "partner_key_of_country", "partner_key LIKE concat('%|', country_code)"));

  /** Valid partner rows whose project has not arrived yet (late parents); same columns, plus when parked. */
  public static final Spec PENDING_PARTNERS_SPEC = new Spec(Layer.SILVER, PENDING_PARTNERS,
      PARTNER_COLUMNS + ", parked_run_id STRING NOT NULL", checks());

  public static final Spec SUBJECTS_SPEC = new Spec(Layer.SILVER, SUBJECTS,
      "subject_id STRING NOT NULL, subject_name STRING, district_code STRING NOT NULL, carrier_type STRING NOT NULL, "
          + "field_code STRING NOT NULL, first_year INT NOT NULL, mode_class STRING NOT NULL, nature_class STRING, "
          + "projects BIGINT NOT NULL, partners BIGINT NOT NULL, cooperations BIGINT NOT NULL",
      checks(
          "carrier_type_accepted", in("carrier_type", CARRIER_TYPES),
          "mode_class_accepted", in("mode_class", concat(MODES, MULTIPLE)),
          "nature_class_accepted", "nature_class IS NULL OR " + in("nature_class", concat(PARTNER_TYPES, MULTIPLE)),
          "has_projects", "projects > 0",
          "nature_iff_partners", "(nature_class IS NULL) = (partners = 0)"));

  public static final Spec QUARANTINE_SPEC = new Spec(Layer.SILVER, QUARANTINE,
      "feed STRING NOT NULL, source_file STRING NOT NULL, row_number BIGINT NOT NULL, batch STRING NOT NULL, "
          + "run_id STRING NOT NULL, reason_codes ARRAY<STRING> NOT NULL, raw MAP<STRING, STRING> NOT NULL, "
          + "quarantined_at TIMESTAMP NOT NULL, clean_run_id STRING NOT NULL",
      checks(
          "has_reason", "size(reason_codes) > 0",
          "feed_accepted", "feed IN ('projects', 'partners')",
          "no_personal_data", PersonalData.COLUMNS.stream().map(c -> "NOT map_contains_key(raw, '" + c + "')")
              .collect(Collectors.joining(" AND "))));

  public static final Spec CLEAN_PROGRESS_SPEC = new Spec(Layer.OPS, CLEAN_PROGRESS,
      "feed STRING NOT NULL, bronze_run_id STRING NOT NULL, clean_run_id STRING NOT NULL, rows BIGINT NOT NULL, "
          + "cleaned_at TIMESTAMP NOT NULL",
      checks());

  public static final Spec RECONCILIATION_SPEC = new Spec(Layer.OPS, RECONCILIATION,
      "run_id STRING NOT NULL, feed STRING NOT NULL, rows_read BIGINT NOT NULL, pending_before BIGINT NOT NULL, "
          + "current_rows BIGINT NOT NULL, superseded BIGINT NOT NULL, quarantined BIGINT NOT NULL, "
          + "pending_after BIGINT NOT NULL, balanced BOOLEAN NOT NULL, recorded_at TIMESTAMP NOT NULL",
      checks());

  public static final List<Spec> ALL = List.of(PROJECTS_SPEC, PROJECT_PARTNERS_SPEC,
      PENDING_PARTNERS_SPEC, SUBJECTS_SPEC, QUARANTINE_SPEC, CLEAN_PROGRESS_SPEC, RECONCILIATION_SPEC);

  /**
   * Creates the tables that do not exist yet. CHECK constraints are declared as Delta's
   * {@code delta.constraints.*} table properties in the CREATE statement itself: the same
   * constraints ALTER TABLE ADD CONSTRAINT would add, enforced on every write, in one commit.
   */
  public static void ensure(SparkSession spark, CooplakeConfig config) {
    for (Spec spec : ALL) {
      String table = spec.table(config);
      if (spark.catalog().tableExists(table)) continue;
      String properties = spec.checks().entrySet().stream()
          .map(c -> "'delta.constraints." + c.getKey() + "' = '" + c.getValue().replace("'", "\\'") + "'")
          .collect(Collectors.joining(", "));
      spark.sql("CREATE TABLE " + table + " (" + spec.columns() + ") USING delta"
          + (properties.isEmpty() ? "" : " TBLPROPERTIES (" + properties + ")"));
    }
    // project_modes is projects.modes exploded: a view cannot drift from the table it shows, and
    // costs no write per run
    spark.sql("CREATE VIEW IF NOT EXISTS " + config.table(Layer.SILVER, PROJECT_MODES)
        + " (project_id COMMENT 'as in projects', mode COMMENT 'one of RD, TRANSFER, MARKET, TALENT, STANDARD')"
        + " AS SELECT project_id, mode FROM " + PROJECTS_SPEC.table(config) + " LATERAL VIEW explode(modes) m AS mode");
  }

  static String in(String column, List<String> values) {
    return column + " IN (" + quoted(values) + ")";
  }

  private static String quoted(List<String> values) {
    return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
  }

  private static List<String> concat(List<String> values, String more) {
    return java.util.stream.Stream.concat(values.stream(), java.util.stream.Stream.of(more)).toList();
  }

  private static Map<String, String> checks(String... nameThenPredicate) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenPredicate.length; i += 2) m.put(nameThenPredicate[i], nameThenPredicate[i + 1]);
    return m;
  }
}
