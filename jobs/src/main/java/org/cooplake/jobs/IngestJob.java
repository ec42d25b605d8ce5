package org.cooplake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.ingest.BronzeTransforms;
import org.cooplake.common.ingest.FileLineage;
import org.cooplake.common.ingest.IngestManifest;
import org.cooplake.common.ingest.IngestTables;
import org.cooplake.common.io.FileInspector;
import org.cooplake.common.io.Inspection;
import org.cooplake.common.io.LandingFile;
import org.cooplake.common.io.LandingScanner;
import org.cooplake.common.io.RawReaders;
import org.cooplake.common.model.BronzeColumns;
import org.cooplake.common.model.Feed;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.run.Stage;
import org.cooplake.common.run.StageResult;
import org.cooplake.common.spark.Concurrently;

/**
 * Landing → bronze, exactly once per file. New files are inspected (checksum, encoding, header);
 * unusable ones are recorded as REJECTED with a reason and the run goes on; the rest are read with
 * Spark and appended to bronze.&lt;feed&gt; in one commit per feed, then recorded in the manifest.
 * If a run dies between the two, the next run deletes the orphaned rows before re-reading the file.
 */
public final class IngestJob implements Stage {
  private static final Logger LOG = LogManager.getLogger(IngestJob.class);

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public StageResult run(SparkSession spark, CooplakeConfig config, RunContext run) {
    IngestTables.ensure(spark, config);
    List<LandingFile> landed = LandingScanner.scan(config.landing()).stream()
        .filter(f -> run.includesBatch(f.batch())).toList();
    IngestManifest manifest = IngestManifest.load(spark, config);
    List<LandingFile> fresh = landed.stream().filter(f -> !manifest.unchanged(f)).toList();
    Timestamp at = Timestamp.from(run.startedAt());

    List<Inspection> accepted = new ArrayList<>();
    List<Row> manifestRows = new ArrayList<>();
    long rejected = 0;
    for (Inspection i : inspectAll(fresh)) {
      if (manifest.knownContent(i.file(), i.sha256())) continue; // touched, same bytes
      if (manifest.knownPath(i.file())) {
        i = i.reject(IngestManifest.FILE_CHANGED_AFTER_INGEST, "this path was ingested before with other content;"
            + " a corrected file must arrive as a new file in a later batch");
      }
      if (i.rejected()) {
        rejected++;
        LOG.warn("rejected {}: {} ({})", i.file().relativePath(), i.rejectCode(), i.rejectReason());
        manifestRows.add(IngestManifest.row(i, IngestManifest.REJECTED, null, run.runId(), at));
      } else {
        accepted.add(i);
      }
    }

    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put(StageResult.ROWS_IN, 0L);
    counters.put(StageResult.ROWS_OUT, 0L);
    counters.put("files_seen", (long) landed.size());
    counters.put("files_new", (long) accepted.size());
    counters.put("files_rejected", rejected);
    Map<String, Long> rowsByFile = new HashMap<>();
    List<String> headlines = new ArrayList<>();
    for (Feed feed : Feed.values()) {
      List<Inspection> files = accepted.stream().filter(i -> i.file().feed() == feed).toList();
      String table = IngestTables.bronzeTable(config, feed);
      long added = 0;
      long corrupt = 0;
      if (!files.isEmpty()) {
        deleteOrphans(spark, table, files);
        FileLineage lineage = FileLineage.of(spark, files);
        RawReaders.read(spark, feed, files, rows -> {
          BronzeTransforms.toBronze(rows, feed, lineage, run.runId(), at)
              .write().format("delta").mode(SaveMode.Append).saveAsTable(table);
          return null;
        });
        for (Row r : spark.table(table).where(col(BronzeColumns.RUN_ID).equalTo(run.runId()))
            .groupBy(BronzeColumns.SOURCE_FILE)
            .agg(count(lit(1)), count(col(BronzeColumns.CORRUPT_RECORD))).collectAsList()) { // one row per file
          rowsByFile.put(r.getString(0), r.getLong(1));
          added += r.getLong(1);
          corrupt += r.getLong(2);
        }
      }
      counters.merge(StageResult.ROWS_IN, added, Long::sum);
      counters.merge(StageResult.ROWS_OUT, added, Long::sum);
      counters.put(feed.dirName() + "_rows", added);
      counters.put(feed.dirName() + "_corrupt_rows", corrupt);
      headlines.add(String.format("%-16s +%d rows from %d new file(s)%s", table, added, files.size(),
          corrupt > 0 ? " (" + corrupt + " kept as corrupt records)" : ""));
    }
    for (Inspection i : accepted) {
      manifestRows.add(IngestManifest.row(i, IngestManifest.INGESTED,
          rowsByFile.getOrDefault(i.file().relativePath(), 0L), run.runId(), at));
    }
    IngestManifest.append(spark, config, manifestRows);
    if (rejected > 0) {
      headlines.add(rejected + " file(s) rejected as a whole — see " + config.table(
          CooplakeConfig.Layer.OPS, IngestManifest.REJECTED_VIEW));
    }
    if (accepted.isEmpty() && rejected == 0) headlines.add("no new files in " + config.landing());
    return StageResult.of(name(), counters, headlines);
  }

  /** Rows of these files left by a run that died before recording them in the manifest. */
  private static void deleteOrphans(SparkSession spark, String table, List<Inspection> files) {
    StringBuilder in = new StringBuilder();
    for (Inspection i : files) {
      if (in.length() > 0) in.append(", ");
      in.append('\'').append(i.file().relativePath().replace("'", "''")).append('\'');
    }
    spark.sql("DELETE FROM " + table + " WHERE " + BronzeColumns.SOURCE_FILE + " IN (" + in + ")");
  }

  /** Checksums and headers of new files, a few files at a time (driver-side, streaming, no data kept). */
  static List<Inspection> inspectAll(List<LandingFile> files) {
    return Concurrently.map(4, files, FileInspector::inspect);
  }

}
