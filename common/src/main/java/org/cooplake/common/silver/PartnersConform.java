package org.cooplake.common.silver;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cooplake.common.model.Feed;
import org.cooplake.common.normalize.Dates;
import org.cooplake.common.normalize.Text;
import org.cooplake.common.reference.Dimension;

/**
 * bronze.partners rows → conformed rows: the columns of silver.project_partners, plus
 * {@code reason_codes} and {@code _raw} as in {@link ProjectsConform}.
 */
public final class PartnersConform {
  private PartnersConform() {}

  /** Mainland China: a partner there is not an international one (Hong Kong, Macao, Taiwan are regions of their own). */
  public static final String DOMESTIC_COUNTRY = "CN";

  public static Dataset<Row> conform(Dataset<Row> bronze, Lookups lookups) {
    // the text the parser reads many times, computed once (see Dates.text)
    Dataset<Row> keyed = bronze.select(col("*"), Dates.text(col("updated_at")).as("_updated_text")).select(
        Text.idKey(col("project_id")).as("project_id"),
        Text.clean(col("partner_name")).as("partner_name"),
        Text.idKey(col("partner_name")).as("_partner_name_key"),
        Text.codeKey(col("partner_country")).as("_country_key"),
        Text.codeKey(col("partner_type")).as("_partner_type_key"),
        col("_updated_text").isNotNull().as("_has_updated_at"),
        Dates.parseTimestampText(col("_updated_text")).as("updated_at"),
        Conform.malformed().as("_malformed"),
        Conform.rawValues(Feed.PARTNERS).as(Conform.RAW),
        col("_source_file"), col("_batch"), col("_row_number"), col("_run_id"));

    Dataset<Row> countryAliases = lookups.aliases(Dimension.COUNTRY)
        .withColumnRenamed(Lookups.KEY, "_country_key").withColumnRenamed(Lookups.CODE, "country_code");
    Dataset<Row> typeAliases = lookups.aliases(Dimension.PARTNER_TYPE)
        .withColumnRenamed(Lookups.KEY, "_partner_type_key").withColumnRenamed(Lookups.CODE, "partner_type");
    Dataset<Row> resolved = keyed
        .join(broadcast(countryAliases), "_country_key", "left")
        .join(broadcast(lookups.countries()), "country_code", "left")
        .join(broadcast(typeAliases), "_partner_type_key", "left");

    Column reasons = array_compact(array(
        Conform.code(col("project_id").isNull(), ReasonCode.MISSING_PROJECT_ID),
        Conform.code(col("partner_name").isNull(), ReasonCode.MISSING_PARTNER_NAME),
        Conform.code(col("_country_key").isNull(), ReasonCode.MISSING_PARTNER_COUNTRY),
        Conform.code(Lookups.unknown(col("_country_key"), col("country_code")), ReasonCode.UNKNOWN_COUNTRY),
        Conform.code(col("country_code").equalTo(DOMESTIC_COUNTRY), ReasonCode.DOMESTIC_PARTNER),
        Conform.code(col("_partner_type_key").isNull(), ReasonCode.MISSING_PARTNER_TYPE),
        Conform.code(Lookups.unknown(col("_partner_type_key"), col("partner_type")),
            ReasonCode.UNKNOWN_PARTNER_TYPE),
        Conform.code(col("_has_updated_at").unary_$bang(), ReasonCode.MISSING_UPDATED_AT),
        Conform.code(col("_has_updated_at").and(col("updated_at").isNull()), ReasonCode.BAD_UPDATED_AT)));

    return Conform.rawOfRejectedOnly(resolved.select(
        col("project_id"),
        concat(col("_partner_name_key"), lit("|"), col("country_code")).as("partner_key"),
        col("partner_name"), col("country_code"), col("continent"), col("is_hmt"), col("partner_type"),
        col("updated_at"), col("_source_file"), col("_batch"), col("_row_number"), col("_run_id"),
        Conform.reasonCodes(col("_malformed"), reasons).as(Conform.REASON_CODES), col(Conform.RAW)));
  }
}
