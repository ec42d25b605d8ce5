package org.cooplake.common.silver;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cooplake.common.model.Feed;
import org.cooplake.common.normalize.Amounts;
import org.cooplake.common.normalize.Dates;
import org.cooplake.common.normalize.Modes;
import org.cooplake.common.normalize.Text;
import org.cooplake.common.reference.Dimension;

/**
 * bronze.projects rows → conformed rows: the columns of silver.projects, plus {@code reason_codes}
 * (empty when the row is good) and {@code _raw} (a rejected row's raw values for the quarantine, personal
 * data removed; null on a good row). One row out per row in: lookups are left joins on unique keys.
 */
public final class ProjectsConform {
  private ProjectsConform() {}

  public static Dataset<Row> conform(Dataset<Row> bronze, Lookups lookups) {
    // the texts the parsers read many times, each computed once (see Dates.text)
    Dataset<Row> texts = bronze.select(col("*"),
        Dates.text(col("start_date")).as("_start_text"), Dates.text(col("end_date")).as("_end_text"),
        Dates.text(col("updated_at")).as("_updated_text"), Amounts.canonical(col("amount")).as("_amount_text"));
    Dataset<Row> keyed = texts.select(
        Text.idKey(col("project_id")).as("project_id"),
        Text.idKey(col("subject_id")).as("subject_id"),
        Text.clean(col("subject_name")).as("subject_name"),
        Text.codeKey(col("district")).as("_district_key"),
        Text.codeKey(col("carrier_type")).as("_carrier_type_key"),
        Text.codeKey(col("field")).as("_field_key"),
        Modes.splitKeys(col("modes")).as("_mode_keys"),
        col("_start_text").isNotNull().as("_has_start_date"),
        Dates.parseDateText(col("_start_text")).as("start_date"),
        col("_end_text").isNotNull().as("_has_end_date"),
        Dates.parseDateText(col("_end_text")).as("end_date"),
        col("_amount_text"),
        Amounts.parseCanonical(col("_amount_text")).as("amount_yuan"),
        col("_updated_text").isNotNull().as("_has_updated_at"),
        Dates.parseTimestampText(col("_updated_text")).as("updated_at"),
        Conform.malformed().as("_malformed"),
        Conform.rawValues(Feed.PROJECTS).as("_raw"),
        col("_source_file"), col("_batch"), col("_row_number"), col("_run_id"));

    Dataset<Row> resolved = keyed
        .join(broadcast(lookup(lookups, Dimension.DISTRICT, "_district_key", "district_code")), "_district_key", "left")
        .join(broadcast(lookup(lookups, Dimension.CARRIER_TYPE, "_carrier_type_key", "carrier_type")),
            "_carrier_type_key", "left")
        .join(broadcast(lookup(lookups, Dimension.FIELD, "_field_key", "field_code")), "_field_key", "left")
        .withColumn("_mode_codes", transform(col("_mode_keys"), k -> try_element_at(lookups.modeCodes(), k)))
        .withColumn("modes", array_sort(array_distinct(filter(col("_mode_codes"), c -> c.isNotNull()))));

    Column modesMissing = Lookups.nonEmpty(col("_mode_keys")).unary_$bang();
    Column reasons = array_compact(array(
        Conform.code(col("project_id").isNull(), ReasonCode.MISSING_PROJECT_ID),
        Conform.code(col("subject_id").isNull(), ReasonCode.MISSING_SUBJECT_ID),
        Conform.code(col("_district_key").isNull(), ReasonCode.MISSING_DISTRICT),
        Conform.code(Lookups.unknown(col("_district_key"), col("district_code")), ReasonCode.UNKNOWN_DISTRICT),
        Conform.code(col("_carrier_type_key").isNull(), ReasonCode.MISSING_CARRIER_TYPE),
        Conform.code(Lookups.unknown(col("_carrier_type_key"), col("carrier_type")), ReasonCode.UNKNOWN_CARRIER_TYPE),
        Conform.code(col("_field_key").isNull(), ReasonCode.MISSING_FIELD),
        Conform.code(Lookups.unknown(col("_field_key"), col("field_code")), ReasonCode.UNKNOWN_FIELD),
        Conform.code(modesMissing, ReasonCode.MISSING_MODES),
        Conform.code(modesMissing.unary_$bang().and(exists(col("_mode_codes"), c -> c.isNull())), ReasonCode.UNKNOWN_MODE),
        Conform.code(col("_has_start_date").unary_$bang(), ReasonCode.MISSING_START_DATE),
        Conform.code(col("_has_start_date").and(col("start_date").isNull())
            .or(col("_has_end_date").and(col("end_date").isNull())), ReasonCode.BAD_DATE),
        Conform.code(col("end_date").lt(col("start_date")), ReasonCode.END_BEFORE_START),
        Conform.code(Amounts.isBad(col("_amount_text"), col("amount_yuan")), ReasonCode.BAD_AMOUNT),
        Conform.code(col("amount_yuan").lt(0), ReasonCode.NEGATIVE_AMOUNT),
        Conform.code(col("_has_updated_at").unary_$bang(), ReasonCode.MISSING_UPDATED_AT),
        Conform.code(col("_has_updated_at").and(col("updated_at").isNull()), ReasonCode.BAD_UPDATED_AT)));

    return Conform.rawOfRejectedOnly(resolved.select(
        col("project_id"), col("subject_id"), col("subject_name"), col("district_code"), col("carrier_type"),
        col("field_code"), col("modes"),
        Subjects.classOf(col("modes")).as("mode_class"),
        col("start_date"), year(col("start_date")).as("start_year"), col("end_date"), col("amount_yuan"),
        col("updated_at"), col("_source_file"), col("_batch"), col("_row_number"), col("_run_id"),
        Conform.reasonCodes(col("_malformed"), reasons).as(Conform.REASON_CODES), col("_raw")));
  }

  private static Dataset<Row> lookup(Lookups lookups, Dimension d, String keyColumn, String codeColumn) {
    return lookups.aliases(d).withColumnRenamed(Lookups.KEY, keyColumn).withColumnRenamed(Lookups.CODE, codeColumn);
  }
}
