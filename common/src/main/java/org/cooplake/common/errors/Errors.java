package org.cooplake.common.errors;

import java.nio.file.Path;
import java.util.Collection;

/** Every user-facing error of cooplake, each stating the problem, why it happened and how to fix it. */
public final class Errors {
  private Errors() {}

  public static CooplakeException warehouseInUse(Path warehouse, String holder) {
    return new CooplakeException("WAREHOUSE_IN_USE",
        "The warehouse " + warehouse + " is in use by another cooplake process" + (holder.isEmpty() ? "" : " (" + holder + ")") + ".",
        "The embedded catalog (Apache Derby inside the warehouse) allows one process at a time.",
        "Wait for the other process to finish, or run a shared metastore for several users at once"
            + " (cooplake.catalog.type=hive with a metastore service or database; see README, 'Several users').",
        null);
  }

  public static CooplakeException derbyLocked(Path warehouse, Throwable t) {
    return new CooplakeException("WAREHOUSE_IN_USE",
        "The embedded catalog of " + warehouse + " is locked by another process.",
        "Apache Derby refused to boot the metastore database (XSDB6): another JVM has it open.",
        "Stop the other process (or wait for it), or configure a shared metastore (cooplake.catalog.type=hive).",
        t);
  }

  public static CooplakeException badConfigValue(String key, String value, String expected) {
    return new CooplakeException("BAD_CONFIG",
        "Configuration value " + key + "=" + value + " is not valid.",
        "Expected " + expected + ".",
        "Correct it on the command line, in the environment or in the conf file (conf/cooplake.conf).",
        null);
  }

  public static CooplakeException missingEnv(String key, String envName) {
    return new CooplakeException("MISSING_ENV",
        "Configuration value " + key + " refers to environment variable " + envName + ", which is not set.",
        "Secrets are never written in conf files; they are read from the environment as ${env:NAME}.",
        "export " + envName + "=... before running, or remove the setting.",
        null);
  }

  public static CooplakeException confFileUnreadable(Path file, Throwable t) {
    return new CooplakeException("CONF_UNREADABLE",
        "The configuration file " + file + " cannot be read.",
        String.valueOf(t.getMessage()),
        "Check the path given with --conf or COOPLAKE_CONF, and the file's permissions.",
        t);
  }

  public static CooplakeException landingMissing(Path landing) {
    return new CooplakeException("LANDING_MISSING",
        "The landing directory " + landing + " does not exist.",
        "Ingest reads <landing>/projects/<batch>/ and <landing>/partners/<batch>/.",
        "Pass --landing DIR (or set cooplake.landing) to a directory with that layout.",
        null);
  }

  public static CooplakeException tableMissing(String table) {
    return new CooplakeException("TABLE_MISSING",
        "Table " + table + " does not exist in this warehouse.",
        "The stage that writes it has not run against this warehouse yet.",
        "Run 'bin/cooplake run' (or the stage that writes it) with the same --warehouse first.",
        null);
  }

  public static CooplakeException sqlFailed(String message, Throwable t) {
    return new CooplakeException("SQL_ERROR",
        "The SQL statement failed: " + firstLine(message),
        "Spark SQL could not analyse or run it.",
        "Check table and column names with SHOW TABLES IN gold / DESCRIBE gold.<table>.",
        t);
  }

  public static CooplakeException readOnly(String statementKind) {
    return new CooplakeException("READ_ONLY",
        "Refused a " + statementKind + " statement: cooplake sql is read-only by default.",
        "Writes to the catalog should come from the pipeline, so every table stays reproducible.",
        "Re-run with --write if you really mean to change the catalog.",
        null);
  }

  public static CooplakeException usage(String problem, String fix) {
    return new CooplakeException("USAGE", problem, "", fix, null);
  }

  public static CooplakeException stageFailed(String stage, Throwable t) {
    return new CooplakeException("STAGE_FAILED",
        "Stage '" + stage + "' failed: " + firstLine(String.valueOf(t.getMessage())),
        t.getClass().getSimpleName() + " inside Spark; the tables keep their last committed version.",
        "Fix the cause above and re-run; finished files and tables are not processed twice.",
        t);
  }

  public static CooplakeException incompatibleRuntime(String what, Throwable t) {
    return new CooplakeException("INCOMPATIBLE_RUNTIME",
        "The Spark/Delta runtime is not compatible: " + what,
        "cooplake is built for Spark 4.1.1 with delta-spark 4.2.0; other Spark versions break Delta's classes.",
        "Use a Spark 4.1.1 distribution (SPARK_HOME) or unset SPARK_HOME to use the bundled jars.",
        t);
  }

  public static CooplakeException checksFailed(String stage, java.util.List<org.cooplake.common.quality.CheckResult> failed) {
    StringBuilder what = new StringBuilder();
    for (org.cooplake.common.quality.CheckResult r : failed) {
      what.append("\n    ").append(r.check().table()).append(": ").append(r.check().name()).append(" — ")
          .append(r.violations()).append(" offending row(s), e.g. ").append(joinShort(r.samples(), 3));
    }
    return new CooplakeException("QUALITY_GATE_FAILED",
        failed.size() + " data-quality check(s) failed after stage '" + stage + "'; nothing downstream was published:" + what,
        "A declared check (key, not-null, accepted values, relationship) does not hold on the data just written.",
        "Inspect the rows above (SELECT * FROM ops.check_results WHERE status = 'FAIL'), fix the input or the rule, and re-run.",
        null);
  }

  public static CooplakeException tableDefinitionInvalid(String source, String problem, String fix) {
    return new CooplakeException("TABLE_DEFINITION_INVALID",
        "The table definition " + source + " is not valid: " + problem,
        "Each SQL table file starts with a comment header (purpose, one '-- column: name: comment' line per"
            + " output column, '-- check: ...' lines) followed by one SELECT.",
        fix,
        null);
  }

  public static CooplakeException tableDefinitionMissing(String resource) {
    return new CooplakeException("TABLE_DEFINITION_MISSING",
        "The table definition " + resource + " is not on the classpath.",
        "Its name is listed in the tables index, but no such SQL file was packaged.",
        "Add the SQL file next to the index, or remove its name from the index, and rebuild.",
        null);
  }

  public static CooplakeException tableQueryFailed(String table, String source, Throwable t) {
    return new CooplakeException("TABLE_QUERY_FAILED",
        "Building " + table + " from " + source + " failed: " + firstLine(String.valueOf(t.getMessage())),
        "Spark SQL could not analyse or run the table's SELECT against the current input tables.",
        "Check the input tables' columns (DESCRIBE) against the SELECT in " + source + "; nothing was published.",
        t);
  }

  public static CooplakeException ambiguousAliases(java.util.List<String> conflicts) {
    return new CooplakeException("AMBIGUOUS_ALIAS",
        conflicts.size() + " reference alias(es) map to more than one code once normalised: " + joinShort(conflicts, 5),
        "Raw values are matched on their normal form (full width folded, case and spaces ignored); one spelling must mean one code.",
        "Remove or correct the conflicting lines in data/reference/curated/*_aliases.csv, rebuild data/reference, and re-run.",
        null);
  }

  public static CooplakeException reconciliationFailed(String feed, String runId, String balance) {
    return new CooplakeException("RECONCILIATION_FAILED",
        "Rows of feed '" + feed + "' do not reconcile in run " + runId + ": " + balance + ".",
        "Every raw row must end in exactly one place (current, superseded, quarantined or pending); a difference means rows were"
            + " lost or duplicated by the clean stage.",
        "Nothing was marked as cleaned, so a re-run processes the same rows again. Inspect ops.reconciliation and report the"
            + " run with the bronze rows involved; do not publish gold from this silver.",
        null);
  }

  public static CooplakeException referenceSourceMissing(Path file) {
    return new CooplakeException("REFERENCE_SOURCE_MISSING",
        "The reference source file " + file + " does not exist.",
        "The reference data builder reads the public sources in ../shared/data/reference and the"
            + " hand-written files in data/reference/curated.",
        "Pass the shared reference directory and the output directory: ReferenceDataBuilder"
            + " <shared>/data/reference data/reference (see data/reference/README.md).",
        null);
  }

  public static CooplakeException referenceDataInvalid(String file, String problem) {
    return new CooplakeException("REFERENCE_DATA_INVALID",
        "Reference data " + file + " is not valid: " + problem,
        "Every code must be unique, every alias must name an existing code, and after normalisation"
            + " (NFKC, lower case, spaces collapsed) an alias must map to exactly one code.",
        "Correct the hand-written file under data/reference/curated and rebuild (see data/reference/README.md).",
        null);
  }

  public static CooplakeException referenceResourceMissing(String resource) {
    return new CooplakeException("REFERENCE_RESOURCE_MISSING",
        "The reference table " + resource + " is not on the classpath.",
        "cooplake-common packages data/reference under the resource prefix reference/ (common/pom.xml).",
        "Rebuild the project (./mvnw -B package) so the reference CSVs are copied into the jar.",
        null);
  }

  public static String joinShort(Collection<?> items, int max) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (Object o : items) {
      if (i++ == max) {
        sb.append(", … (").append(items.size() - max).append(" more)");
        break;
      }
      if (sb.length() > 0) sb.append(", ");
      sb.append(o);
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  public static CooplakeException runInProgress(Path warehouse, String holder) {
    return new CooplakeException("RUN_IN_PROGRESS",
        "Another pipeline run is writing to " + warehouse + (holder.isEmpty() ? "" : " (" + holder + ")") + ".",
        "Runs take the warehouse's run lock so that two runs never interleave their writes; the lock is"
            + " released by the operating system when that process ends, even if it is killed.",
        "Wait for that run to finish (see ops.runs), or stop it; nothing needs cleaning by hand afterwards.",
        null);
  }

  public static CooplakeException staleData(java.time.LocalDate newestBatch, java.time.LocalDate night, int maxDays) {
    return new CooplakeException("STALE_DATA",
        "No new batch for more than " + maxDays + " day(s): the newest batch is "
            + (newestBatch == null ? "none at all" : newestBatch.toString()) + ", the night is " + night + ".",
        "cooplake.freshness.on-stale = fail, and the dashboards would show data older than cooplake.freshness.max-days.",
        "Check the delivery into the landing directory, or raise cooplake.freshness.max-days / set"
            + " cooplake.freshness.on-stale = warn.",
        null);
  }

  public static CooplakeException badNightRange(String from, String to) {
    return new CooplakeException("BAD_NIGHT_RANGE",
        "The nights to process are not a range: --from " + from + " --to " + to + ".",
        "--from and --to are ISO dates (YYYY-MM-DD) with --from not after --to.",
        "Give e.g. --from 2019-06-03 --to 2019-06-07, or one night with --date.",
        null);
  }

  public static CooplakeException maintenanceFailed(String table, Throwable t) {
    return new CooplakeException("MAINTENANCE_FAILED",
        "Maintaining " + table + " failed: " + firstLine(String.valueOf(t.getMessage())),
        t.getClass().getSimpleName() + "; OPTIMIZE and VACUUM are atomic, so the table is unchanged or compacted.",
        "Fix the cause and re-run 'bin/cooplake maintain'; tables already done are skipped if they need nothing.",
        t);
  }
}
