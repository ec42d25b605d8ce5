package org.cooplake.common.model;

/**
 * Lineage and bookkeeping columns of every bronze table. Bronze keeps each contract column as the
 * string it arrived as (null when absent), then these.
 */
public final class BronzeColumns {
  private BronzeColumns() {}

  /** Columns the file had beyond the contract, header → value, kept so nothing is lost. */
  public static final String EXTRA = "_extra";
  /** The raw text of a record the reader could not parse (null for good records). */
  public static final String CORRUPT_RECORD = "_corrupt_record";
  /** Why the record is corrupt: {@code UNBALANCED_QUOTES}, {@code WRONG_FIELD_COUNT}, {@code MALFORMED_JSON}. */
  public static final String CORRUPT_REASON = "_corrupt_reason";
  /** File path relative to the landing directory, e.g. {@code projects/dt=2019-01-02/a.csv}. */
  public static final String SOURCE_FILE = "_source_file";
  /** The batch folder, e.g. {@code dt=2019-01-02}. */
  public static final String BATCH = "_batch";
  /** 1-based position of the record among the file's data records (the header is not counted). */
  public static final String ROW_NUMBER = "_row_number";
  /** {@code csv}, {@code jsonl} or {@code xlsx}. */
  public static final String FORMAT = "_format";
  /** The character set the file was decoded with. */
  public static final String ENCODING = "_encoding";
  public static final String RUN_ID = "_run_id";
  public static final String INGESTED_AT = "_ingested_at";
}
