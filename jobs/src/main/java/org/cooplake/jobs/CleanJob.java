package org.cooplake.jobs;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.Errors;
import org.cooplake.common.model.Feed;
import org.cooplake.common.quality.CheckResult;
import org.cooplake.common.quality.QualityGate;
import org.cooplake.common.reference.ReferenceData;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.Stage;
import org.cooplake.common.run.StageResult;
import org.cooplake.common.silver.Conform;
import org.cooplake.common.silver.DimTables;
import org.cooplake.common.silver.FeedBalance;
import org.cooplake.common.silver.Lookups;
import org.cooplake.common.silver.PartnersConform;
import org.cooplake.common.silver.ProjectsConform;
import org.cooplake.common.silver.ReasonCode;
import org.cooplake.common.silver.SilverChecks;
import org.cooplake.common.silver.SilverTables;
import org.cooplake.common.silver.SilverWrites;
import org.cooplake.common.silver.SilverWrites.MergeCounts;
import org.cooplake.common.silver.Subjects;
import org.cooplake.common.silver.Versions;

/**
 * The clean stage: bronze rows of runs not cleaned yet → conformed, deduplicated silver tables,
 * rejected rows → silver.quarantine, partners of projects not arrived yet → silver.pending_partners.
 * Every write is a Delta MERGE on the keys this run touched, so the cost follows the new data and
 * a re-run changes nothing. The run fails loudly when a feed's rows do not reconcile or a declared
 * check fails; only then are the bronze runs marked as cleaned (ops.clean_progress).
 */
public final class CleanJob implements Stage {
  private static final Logger LOG = LogManager.getLogger(CleanJob.class);
  public static final String NAME = "clean";
  static final List<String> PROJECT_KEY = List.of("project_id");
  static final List<String> PARTNER_KEY = List.of("project_id", "partner_key");
  private static final List<String> LINEAGE = List.of("_source_file", "_row_number");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageResult run(SparkSession spark, CooplakeConfig config, RunContext run) {
    long t0 = System.nanoTime();
    SilverTables.ensure(spark, config);
    ReferenceData reference = ReferenceData.load();
    DimTables.refresh(spark, config, reference);
    Lookups lookups = Lookups.of(spark, reference);
    step("tables, dims and lookups", t0);
    Timestamp now = Timestamp.from(run.startedAt());
    Map<String, Long> counters = new LinkedHashMap<>();
    List<Row> progress = new ArrayList<>();
    List<Dataset<Row>> cached = new ArrayList<>();
    List<Dataset<Row>> rejects = new ArrayList<>();

    try {
      // projects first: partners are matched with the projects as they are after this run
      Slice projects = newRows(spark, config, Feed.PROJECTS);
      Dataset<Row> changedProjects = null;
      // every key this run read, changed or not: a run killed after its MERGE but before the subjects refresh is
      // retried on the same bronze rows, which then change nothing, yet their subjects must still be refreshed
      List<Dataset<Row>> touchedSubjects = new ArrayList<>();
      List<Dataset<Row>> touchedPartnerProjects = new ArrayList<>();
      FeedBalance projectBalance = FeedBalance.none(Feed.PROJECTS.dirName(), 0);
      if (!projects.runs().isEmpty()) {
        Dataset<Row> conformed = keep(cached, ProjectsConform.conform(projects.rows(), lookups));
        long rejected = tally(conformed, Feed.PROJECTS, counters);
        if (rejected > 0) rejects.add(quarantineRows(Feed.PROJECTS, conformed, run, now));
        touchedSubjects.add(Conform.accepted(conformed).select("subject_id"));
        Decision d = decide(spark, config, SilverTables.PROJECTS_SPEC, Conform.accepted(conformed), PROJECT_KEY,
            List.of("subject_id"));
        long written = 0;
        if (d.beating() > 0) {
          written = SilverWrites.upsertVersions(spark, config, SilverTables.PROJECTS_SPEC, d.changes(), PROJECT_KEY).written();
          changedProjects = d.changes();
        }
        projectBalance = new FeedBalance(Feed.PROJECTS.dirName(), projects.rowCount(), 0, written,
            d.supersededInRun() + d.notBeating(), rejected, 0);
        progress.addAll(projects.progressRows(run, now));
        step("projects", t0);
      }

      Slice partners = newRows(spark, config, Feed.PARTNERS);
      String pendingTable = SilverTables.PENDING_PARTNERS_SPEC.table(config);
      long pendingTotal = spark.table(pendingTable).count();
      Dataset<Row> changedPartners = null;
      FeedBalance partnerBalance = FeedBalance.none(Feed.PARTNERS.dirName(), pendingTotal);
      // parked partners get another try when there are new partner rows or new projects
      if (!partners.runs().isEmpty() || (pendingTotal > 0 && changedProjects != null)) {
        Dataset<Row> conformed = keep(cached, PartnersConform.conform(partners.rows(), lookups));
        long rejected = tally(conformed, Feed.PARTNERS, counters);
        if (rejected > 0) rejects.add(quarantineRows(Feed.PARTNERS, conformed, run, now));
        Parking parking = park(spark, config, run, Conform.accepted(conformed), partners.rows(), pendingTotal);
        touchedPartnerProjects.add(parking.withProject().select("project_id"));
        Decision d = decide(spark, config, SilverTables.PROJECT_PARTNERS_SPEC, parking.withProject(), PARTNER_KEY, List.of());
        long written = 0;
        if (d.beating() > 0) {
          written = SilverWrites.upsertVersions(spark, config, SilverTables.PROJECT_PARTNERS_SPEC, d.changes(), PARTNER_KEY)
              .written();
          changedPartners = d.changes();
        }
        partnerBalance = new FeedBalance(Feed.PARTNERS.dirName(), partners.rowCount(), parking.carried(), written,
            d.supersededInRun() + d.notBeating(), rejected, parking.pendingAfter());
        progress.addAll(partners.progressRows(run, now));
        step("partners", t0);
      }

      // rejected rows of both feeds in one write; a row already there (a retried run) is left as it is
      if (!rejects.isEmpty()) {
        SilverWrites.insertNew(spark, config, SilverTables.QUARANTINE_SPEC, rejects.stream().reduce(Dataset::unionByName).get(),
            List.of("feed", "source_file", "row_number"));
      }
      long subjects = refreshSubjects(spark, config, changedProjects, changedPartners, touchedSubjects, touchedPartnerProjects);
      step("subjects", t0);

      List<FeedBalance> balances = List.of(projectBalance, partnerBalance);
      SilverWrites.append(spark, config, SilverTables.RECONCILIATION_SPEC, SilverWrites.reconciliationRows(run.runId(), balances, now));
      for (FeedBalance b : balances) {
        if (!b.balanced()) throw Errors.reconciliationFailed(b.feed(), run.runId(), b.describe());
        counters.merge(StageResult.ROWS_IN, b.rowsRead(), Long::sum);
        counters.merge(StageResult.ROWS_OUT, b.current() + b.quarantined() + b.pendingAfter() - b.pendingBefore(), Long::sum);
        put(counters, b.feed(), "read", b.rowsRead());
        put(counters, b.feed(), "current", b.current());
        put(counters, b.feed(), "superseded", b.superseded());
        put(counters, b.feed(), "quarantined", b.quarantined());
        if (b.feed().equals(Feed.PARTNERS.dirName())) {
          put(counters, b.feed(), "pending_before", b.pendingBefore());
          put(counters, b.feed(), "pending", b.pendingAfter());
        }
      }
      counters.put("subjects.changed", subjects);

      List<CheckResult> checks = QualityGate.enforce(spark, config, run, NAME, SilverChecks.all(config));
      counters.put("checks.passed", (long) checks.size());
      if (!progress.isEmpty()) SilverWrites.append(spark, config, SilverTables.CLEAN_PROGRESS_SPEC, progress);
      step("reconciliation and checks", t0);
      return StageResult.of(NAME, counters, headlines(balances, counters, checks.size()));
    } finally {
      for (Dataset<Row> d : cached) d.unpersist();
    }
  }

  /** The bronze rows of one feed from runs not cleaned yet. */
  record Slice(Feed feed, Dataset<Row> rows, Map<String, Long> runs) {
    long rowCount() {
      return runs.values().stream().mapToLong(Long::longValue).sum();
    }

    List<Row> progressRows(RunContext run, Timestamp now) {
      List<Row> rows = new ArrayList<>();
      runs.forEach((bronzeRun, n) -> rows.add(RowFactory.create(feed.dirName(), bronzeRun, run.runId(), n, now)));
      return rows;
    }
  }

  static Slice newRows(SparkSession spark, CooplakeConfig config, Feed feed) {
    String bronzeTable = config.table(Layer.BRONZE, feed.dirName());
    // ingest creates both bronze tables on its first run
    if (!spark.catalog().tableExists(bronzeTable)) throw Errors.tableMissing(bronzeTable);
    Dataset<Row> bronze = spark.table(bronzeTable);
    Dataset<Row> cleaned = spark.table(SilverTables.CLEAN_PROGRESS_SPEC.table(config))
        .where(col("feed").equalTo(feed.dirName())).select(col("bronze_run_id").as("_run_id"));
    Map<String, Long> runs = new LinkedHashMap<>();
    for (Row r : bronze.join(cleaned, seq(List.of("_run_id")), "left_anti").groupBy("_run_id").count().collectAsList()) {
      runs.put(r.getString(0), r.getLong(1));
    }
    // run ids as a literal list: Delta skips the files of runs already cleaned by their min/max stats
    Dataset<Row> rows = bronze.where(col("_run_id").isin(runs.keySet().toArray()));
    return new Slice(feed, rows, runs);
  }

  /** Counts of one conformed feed in one pass: rejected rows, and rows per reason code (into the counters). */
  private static long tally(Dataset<Row> conformed, Feed feed, Map<String, Long> counters) {
    List<ReasonCode> codes = ReasonCode.of(feed);
    Column first = sum(when(size(col(Conform.REASON_CODES)).gt(0), 1).otherwise(0));
    List<Column> perCode = new ArrayList<>();
    for (ReasonCode c : codes) perCode.add(sum(when(array_contains(col(Conform.REASON_CODES), c.name()), 1).otherwise(0)));
    Row r = conformed.agg(first, perCode.toArray(Column[]::new)).first();
    for (int i = 0; i < codes.size(); i++) {
      long n = r.isNullAt(1 + i) ? 0 : r.getLong(1 + i);
      if (n > 0) counters.put(feed.dirName() + ".quarantined." + codes.get(i).name(), n);
    }
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  /** Rejected rows as silver.quarantine rows. */
  private static Dataset<Row> quarantineRows(Feed feed, Dataset<Row> conformed, RunContext run, Timestamp now) {
    return Conform.rejected(conformed).select(
        lit(feed.dirName()).as("feed"), col("_source_file").as("source_file"), col("_row_number").as("row_number"),
        col("_batch").as("batch"), col("_run_id").as("run_id"), col(Conform.REASON_CODES).as("reason_codes"),
        col(Conform.RAW).as("raw"), lit(now).as("quarantined_at"), lit(run.runId()).as("clean_run_id"));
  }

  /** The versions of this run that become current, decided against the table before it is written. */
  record Decision(Dataset<Row> changes, long beating, long supersededInRun, long notBeating) {}

  private static Decision decide(SparkSession spark, CooplakeConfig config, SilverTables.Spec spec, Dataset<Row> accepted,
      List<String> key, List<String> carry) {
    Dataset<Row> ranked = Versions.rank(accepted, key);
    // materialised: the table it is compared with is about to change
    Dataset<Row> decided = Versions.decide(ranked.where(col(Versions.RANK).equalTo(1)), spark.table(spec.table(config)), key, carry)
        .unionByName(ranked.where(col(Versions.RANK).gt(1)).withColumn(Versions.BEATS, lit(false)), true)
        .localCheckpoint(true);
    Row counts = decided.agg(
        sum(when(col(Versions.BEATS), 1).otherwise(0)),
        sum(when(col(Versions.RANK).gt(1), 1).otherwise(0)),
        sum(when(col(Versions.RANK).equalTo(1).and(col(Versions.BEATS).unary_$bang()), 1).otherwise(0))).first();
    return new Decision(decided.where(col(Versions.BEATS)), orZero(counts, 0), orZero(counts, 1), orZero(counts, 2));
  }

  /** Where this run's valid partner rows and the parked ones go: to their project, or (back) to the pending table. */
  record Parking(Dataset<Row> withProject, long carried, long pendingAfter) {}

  private static Parking park(SparkSession spark, CooplakeConfig config, RunContext run, Dataset<Row> accepted,
      Dataset<Row> newBronzeRows, long pendingTotal) {
    String pendingTable = SilverTables.PENDING_PARTNERS_SPEC.table(config);
    List<String> columns = SilverTables.PROJECT_PARTNERS_SPEC.columnNames();
    // a row both new and parked (a retried run) counts as new
    Dataset<Row> carried = spark.table(pendingTable).drop("parked_run_id")
        .join(newBronzeRows.select("_source_file", "_row_number"), seq(LINEAGE), "left_anti");
    // materialised: the pending table is about to change
    Dataset<Row> candidates = accepted.select(cols(columns)).withColumn("_carried", lit(false))
        .unionByName(carried.withColumn("_carried", lit(true)))
        .join(spark.table(SilverTables.PROJECTS_SPEC.table(config)).select("project_id").withColumn("_has_project", lit(true)),
            seq(PROJECT_KEY), "left")
        .localCheckpoint(true);
    Column released = col("_carried").and(col("_has_project").isNotNull());
    Column parked = col("_carried").unary_$bang().and(col("_has_project").isNull());
    Row counts = candidates.agg(sum(when(col("_carried"), 1).otherwise(0)), sum(when(released.or(parked), 1).otherwise(0)))
        .first();
    long pendingAfter = pendingTotal;
    if (orZero(counts, 1) > 0) {
      MergeCounts m = SilverWrites.syncRows(spark, config, SilverTables.PENDING_PARTNERS_SPEC,
          candidates.where(released.or(parked)).withColumn("_delete", col("_carried"))
              .withColumn("parked_run_id", lit(run.runId())),
          LINEAGE, List.of("_run_id", "parked_run_id"));
      pendingAfter = pendingTotal + m.inserted() - m.deleted();
    }
    return new Parking(candidates.where(col("_has_project").isNotNull()).select(cols(columns)), orZero(counts, 0), pendingAfter);
  }

  private static long orZero(Row r, int i) {
    return r.isNullAt(i) ? 0 : ((Number) r.get(i)).longValue();
  }

  /**
   * Recomputes the subjects a run touched: those of changed projects (before and after the change)
   * and of projects whose partners changed. A subject left without projects is deleted.
   */
  private static long refreshSubjects(SparkSession spark, CooplakeConfig config, Dataset<Row> changedProjects,
      Dataset<Row> changedPartners, List<Dataset<Row>> touchedSubjects, List<Dataset<Row>> touchedPartnerProjects) {
    Dataset<Row> projects = spark.table(SilverTables.PROJECTS_SPEC.table(config));
    List<Dataset<Row>> subjectIds = new ArrayList<>(touchedSubjects);
    List<Dataset<Row>> partnerProjectIds = new ArrayList<>(touchedPartnerProjects);
    if (changedProjects != null) {
      subjectIds.add(changedProjects.select("subject_id"));
      subjectIds.add(changedProjects.select(col(Versions.currentColumn("subject_id")).as("subject_id")));
    }
    if (changedPartners != null) partnerProjectIds.add(changedPartners.select("project_id"));
    // the projects of changed partners in one semi-join: each one is a scan of silver.projects
    if (!partnerProjectIds.isEmpty()) {
      subjectIds.add(projects.join(partnerProjectIds.stream().reduce(Dataset::unionByName).get(), seq(PROJECT_KEY), "left_semi")
          .select("subject_id"));
    }
    if (subjectIds.isEmpty()) return 0;
    // both materialised: each is read twice below (the keys by the semi-join and the MERGE's source, the projects
    // by both halves of Subjects.compute), and computing them again would scan silver.projects again
    Dataset<Row> affected = subjectIds.stream().reduce(Dataset::unionByName).get().where(col("subject_id").isNotNull())
        .distinct().localCheckpoint(true);
    Dataset<Row> theirProjects = projects.join(affected, seq(List.of("subject_id")), "left_semi").localCheckpoint(true);
    Dataset<Row> theirPartners = spark.table(SilverTables.PROJECT_PARTNERS_SPEC.table(config))
        .join(theirProjects.select("project_id"), "project_id", "left_semi");
    Dataset<Row> fresh = Subjects.compute(theirProjects, theirPartners);
    Dataset<Row> source = affected.join(fresh, seq(List.of("subject_id")), "left")
        .withColumn("_delete", col("projects").isNull());
    MergeCounts m = SilverWrites.syncRows(spark, config, SilverTables.SUBJECTS_SPEC, source, List.of("subject_id"), List.of());
    return m.written() + m.deleted();
  }

  private static List<String> headlines(List<FeedBalance> balances, Map<String, Long> counters, int checks) {
    List<String> lines = new ArrayList<>();
    for (FeedBalance b : balances) {
      lines.add(b.feed() + ": " + b.rowsRead() + " rows read" + (b.pendingBefore() > 0 ? " (+" + b.pendingBefore() + " parked)" : "")
          + " → " + b.current() + " current, " + b.superseded() + " superseded, " + b.quarantined() + " quarantined"
          + (b.feed().equals(Feed.PARTNERS.dirName()) ? ", " + b.pendingAfter() + " waiting for their project" : ""));
    }
    for (Feed feed : Feed.values()) {
      StringBuilder reasons = new StringBuilder();
      String prefix = feed.dirName() + ".quarantined.";
      counters.forEach((k, v) -> {
        if (k.startsWith(prefix)) reasons.append(reasons.length() == 0 ? "" : ", ").append(k.substring(prefix.length())).append(' ').append(v);
      });
      if (reasons.length() > 0) lines.add(feed.dirName() + " quarantined for: " + reasons);
    }
    lines.add("silver checks: " + checks + " passed; subjects changed: " + counters.get("subjects.changed"));
    return lines;
  }

  private static void step(String what, long since) {
    LOG.debug("clean: {} done after {} ms", what, (System.nanoTime() - since) / 1_000_000);
  }

  private static Dataset<Row> keep(List<Dataset<Row>> cached, Dataset<Row> d) {
    cached.add(d.persist(StorageLevel.MEMORY_AND_DISK()));
    return d;
  }

  private static void put(Map<String, Long> counters, String feed, String name, long value) {
    counters.put(feed + "." + name, value);
  }

  private static Column[] cols(List<String> names) {
    return names.stream().map(c -> col(c)).toArray(Column[]::new);
  }

  private static scala.collection.immutable.Seq<String> seq(List<String> xs) {
    return scala.jdk.javaapi.CollectionConverters.asScala(xs).toList();
  }
}
