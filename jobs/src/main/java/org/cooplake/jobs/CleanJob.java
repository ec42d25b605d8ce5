package org.cooplake.jobs;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    SilverTables.ensure(spark, config);
    ReferenceData reference = ReferenceData.load();
    DimTables.refresh(spark, config, reference);
    Lookups lookups = Lookups.of(spark, reference);
    Timestamp now = Timestamp.from(run.startedAt());
    Map<String, Long> counters = new LinkedHashMap<>();
    List<Row> progress = new ArrayList<>();
    List<Dataset<Row>> cached = new ArrayList<>();

    try {
      // projects first: partners join on the projects as they are after this run
      Slice projects = newRows(spark, config, Feed.PROJECTS);
      Dataset<Row> changedProjects = null;
      FeedBalance projectBalance = FeedBalance.none(Feed.PROJECTS.dirName(), 0);
      if (!projects.runs().isEmpty()) {
        Dataset<Row> conformed = keep(cached, ProjectsConform.conform(projects.rows(), lookups));
        Tally tally = tally(conformed, Feed.PROJECTS, counters);
        quarantine(spark, config, Feed.PROJECTS, conformed, tally, run, now);
        Decision d = decide(spark, config, SilverTables.PROJECTS_SPEC, Conform.accepted(conformed), PROJECT_KEY,
            List.of("subject_id"));
        MergeCounts written = SilverWrites.upsertVersions(spark, config, SilverTables.PROJECTS_SPEC, d.changes(), PROJECT_KEY);
        SilverWrites.replaceChildren(spark, config, SilverTables.PROJECT_MODES_SPEC, "project_id", d.changes(),
            d.changes().select(col("project_id"), explode(col("modes")).as("mode")));
        changedProjects = d.changes();
        projectBalance = new FeedBalance(Feed.PROJECTS.dirName(), projects.rowCount(), 0, written.written(),
            d.supersededInRun() + d.notBeating(), tally.rejected(), 0);
        progress.addAll(projects.progressRows(run, now));
      }

      Slice partners = newRows(spark, config, Feed.PARTNERS);
      String pendingTable = SilverTables.PENDING_PARTNERS_SPEC.table(config);
      Dataset<Row> changedPartners = null;
      FeedBalance partnerBalance;
      boolean anyPending = !spark.table(pendingTable).isEmpty();
      if (!partners.runs().isEmpty() || (anyPending && changedProjects != null)) {
        Dataset<Row> conformed = keep(cached, PartnersConform.conform(partners.rows(), lookups));
        Tally tally = tally(conformed, Feed.PARTNERS, counters);
        quarantine(spark, config, Feed.PARTNERS, conformed, tally, run, now);
        // parked rows come back for another try; a row both new and parked (a retried run) counts as new
        Dataset<Row> carried = spark.table(pendingTable).drop("parked_run_id")
            .join(partners.rows().select("_source_file", "_row_number"), seq(LINEAGE), "left_anti");
        List<String> partnerColumns = SilverTables.PROJECT_PARTNERS_SPEC.columnNames();
        Dataset<Row> candidates = Conform.accepted(conformed).select(cols(partnerColumns)).withColumn("_carried", lit(false))
            .unionByName(carried.withColumn("_carried", lit(true)))
            .join(spark.table(SilverTables.PROJECTS_SPEC.table(config)).select("project_id").withColumn("_has_project", lit(true)),
                seq(PROJECT_KEY), "left")
            .localCheckpoint(true);
        long pendingBefore = candidates.where(col("_carried")).count();
        Dataset<Row> released = candidates.where(col("_carried").and(col("_has_project").isNotNull()));
        Dataset<Row> parked = candidates.where(col("_carried").unary_$bang().and(col("_has_project").isNull()));
        SilverWrites.syncRows(spark, config, SilverTables.PENDING_PARTNERS_SPEC,
            released.select(cols(partnerColumns)).withColumn("parked_run_id", lit(run.runId())).withColumn("_delete", lit(true))
                .unionByName(parked.select(cols(partnerColumns)).withColumn("parked_run_id", lit(run.runId()))
                    .withColumn("_delete", lit(false))),
            LINEAGE);
        long pendingAfter = spark.table(pendingTable).count();

        Dataset<Row> withProject = candidates.where(col("_has_project").isNotNull()).select(cols(partnerColumns));
        Decision d = decide(spark, config, SilverTables.PROJECT_PARTNERS_SPEC, withProject, PARTNER_KEY, List.of());
        MergeCounts written = SilverWrites.upsertVersions(spark, config, SilverTables.PROJECT_PARTNERS_SPEC, d.changes(),
            PARTNER_KEY);
        changedPartners = d.changes();
        partnerBalance = new FeedBalance(Feed.PARTNERS.dirName(), partners.rowCount(), pendingBefore, written.written(),
            d.supersededInRun() + d.notBeating(), tally.rejected(), pendingAfter);
        progress.addAll(partners.progressRows(run, now));
      } else {
        long pending = anyPending ? spark.table(pendingTable).count() : 0;
        partnerBalance = FeedBalance.none(Feed.PARTNERS.dirName(), pending);
      }

      long subjects = refreshSubjects(spark, config, changedProjects, changedPartners);

      List<FeedBalance> balances = List.of(projectBalance, partnerBalance);
      SilverWrites.append(spark, config, SilverTables.RECONCILIATION_SPEC, SilverWrites.reconciliationRows(run.runId(), balances, now));
      for (FeedBalance b : balances) {
        if (!b.balanced()) throw Errors.reconciliationFailed(b.feed(), run.runId(), b.describe());
        put(counters, b.feed(), "read", b.rowsRead());
        put(counters, b.feed(), "current", b.current());
        put(counters, b.feed(), "superseded", b.superseded());
        put(counters, b.feed(), "quarantined", b.quarantined());
        if (b.feed().equals(Feed.PARTNERS.dirName())) {
          put(counters, b.feed(), "pending_before", b.pendingBefore());
          put(counters, b.feed(), "pending", b.pendingAfter());
        }
      }
      counters.put("subjects.refreshed", subjects);

      List<CheckResult> checks = QualityGate.enforce(spark, config, run, NAME, SilverChecks.all(config));
      counters.put("checks.passed", (long) checks.size());
      if (!progress.isEmpty()) SilverWrites.append(spark, config, SilverTables.CLEAN_PROGRESS_SPEC, progress);
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

  /** Counts of one conformed feed, in one pass: rows, rejected rows, and rows per reason code. */
  record Tally(long rows, long rejected) {}

  private static Tally tally(Dataset<Row> conformed, Feed feed, Map<String, Long> counters) {
    List<ReasonCode> codes = ReasonCode.of(feed);
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    aggs.add(sum(when(size(col(Conform.REASON_CODES)).gt(0), 1).otherwise(0)));
    for (ReasonCode c : codes) aggs.add(sum(when(array_contains(col(Conform.REASON_CODES), c.name()), 1).otherwise(0)));
    Row r = conformed.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    for (int i = 0; i < codes.size(); i++) {
      long n = r.isNullAt(2 + i) ? 0 : r.getLong(2 + i);
      if (n > 0) counters.put(feed.dirName() + ".quarantined." + codes.get(i).name(), n);
    }
    return new Tally(r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1));
  }

  /** Rejected rows into silver.quarantine; a row already there (a retried run) is left as it is. */
  private static void quarantine(SparkSession spark, CooplakeConfig config, Feed feed, Dataset<Row> conformed, Tally tally,
      RunContext run, Timestamp now) {
    if (tally.rejected() == 0) return;
    Dataset<Row> rows = Conform.rejected(conformed).select(
        lit(feed.dirName()).as("feed"), col("_source_file").as("source_file"), col("_row_number").as("row_number"),
        col("_batch").as("batch"), col("_run_id").as("run_id"), col(Conform.REASON_CODES).as("reason_codes"),
        col(Conform.RAW).as("raw"), lit(now).as("quarantined_at"), lit(run.runId()).as("clean_run_id"));
    SilverWrites.insertNew(spark, config, SilverTables.QUARANTINE_SPEC, rows, List.of("feed", "source_file", "row_number"));
  }

  /** The versions of this run that become current, decided against the table before it is written. */
  record Decision(Dataset<Row> changes, long supersededInRun, long notBeating) {}

  private static Decision decide(SparkSession spark, CooplakeConfig config, SilverTables.Spec spec, Dataset<Row> accepted,
      List<String> key, List<String> carry) {
    Dataset<Row> ranked = Versions.rank(accepted, key);
    // materialised: the table it is compared with is about to change
    Dataset<Row> decided = Versions.decide(ranked.where(col(Versions.RANK).equalTo(1)), spark.table(spec.table(config)), key, carry)
        .unionByName(ranked.where(col(Versions.RANK).gt(1)).withColumn(Versions.BEATS, lit(false)), true)
        .localCheckpoint(true);
    Row counts = decided.agg(sum(when(col(Versions.RANK).gt(1), 1).otherwise(0)),
        sum(when(col(Versions.RANK).equalTo(1).and(col(Versions.BEATS).unary_$bang()), 1).otherwise(0))).first();
    long inRun = counts.isNullAt(0) ? 0 : counts.getLong(0);
    long notBeating = counts.isNullAt(1) ? 0 : counts.getLong(1);
    return new Decision(decided.where(col(Versions.BEATS)), inRun, notBeating);
  }

  /**
   * Recomputes the subjects a run touched: those of changed projects (before and after the change)
   * and of projects whose partners changed. A subject left without projects is deleted.
   */
  private static long refreshSubjects(SparkSession spark, CooplakeConfig config, Dataset<Row> changedProjects,
      Dataset<Row> changedPartners) {
    Dataset<Row> projects = spark.table(SilverTables.PROJECTS_SPEC.table(config));
    Dataset<Row> affected = null;
    if (changedProjects != null) {
      affected = changedProjects.select("subject_id")
          .unionByName(changedProjects.select(col(Versions.currentColumn("subject_id")).as("subject_id")));
    }
    if (changedPartners != null) {
      Dataset<Row> viaPartners = projects.join(changedPartners.select("project_id"), "project_id", "left_semi").select("subject_id");
      affected = affected == null ? viaPartners : affected.unionByName(viaPartners);
    }
    if (affected == null) return 0;
    affected = affected.where(col("subject_id").isNotNull()).distinct().localCheckpoint(true);
    long n = affected.count();
    if (n == 0) return 0;
    Dataset<Row> theirProjects = projects.join(affected, "subject_id", "left_semi");
    Dataset<Row> theirPartners = spark.table(SilverTables.PROJECT_PARTNERS_SPEC.table(config))
        .join(theirProjects.select("project_id"), "project_id", "left_semi");
    Dataset<Row> fresh = Subjects.compute(theirProjects, theirPartners);
    Dataset<Row> source = affected.join(fresh, seq(List.of("subject_id")), "left")
        .withColumn("_delete", col("projects").isNull());
    SilverWrites.syncRows(spark, config, SilverTables.SUBJECTS_SPEC, source, List.of("subject_id"));
    return n;
  }

  private static List<String> headlines(List<FeedBalance> balances, Map<String, Long> counters, int checks) {
    List<String> lines = new ArrayList<>();
    for (FeedBalance b : balances) {
      lines.add(b.feed() + ": " + b.rowsRead() + " rows read" + (b.pendingBefore() > 0 ? " (+" + b.pendingBefore() + " parked)" : "")
          + " → " + b.current() + " current, " + b.superseded() + " superseded, " + b.quarantined() + " quarantined"
          + (b.feed().equals(Feed.PARTNERS.dirName()) ? ", " + b.pendingAfter() + " waiting for their project" : ""));
    }
    StringBuilder reasons = new StringBuilder();
    counters.forEach((k, v) -> {
      int i = k.indexOf(".quarantined.");
      if (i > 0) reasons.append(reasons.length() == 0 ? "" : ", ").append(k.substring(i + 13)).append(' ').append(v);
    });
    if (reasons.length() > 0) lines.add("quarantine reasons: " + reasons);
    lines.add("silver checks: " + checks + " passed; subjects refreshed: " + counters.get("subjects.refreshed"));
    return lines;
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
