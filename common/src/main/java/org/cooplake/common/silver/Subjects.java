package org.cooplake.common.silver;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver.subjects from current projects and partners, per GOLD_CONTRACT.md's definitions: a
 * subject's district, carrier type and field are those of its most recently updated project (ties:
 * the greatest project_id); its first year is the year of its earliest start_date; its mode class
 * is over the distinct modes of all its projects; its nature class over the distinct types of all
 * its partners (null when it has none).
 */
public final class Subjects {
  private Subjects() {}

  /**
   * @param projects rows of silver.projects (all projects of the subjects to compute)
   * @param partners rows of silver.project_partners (at least those of these projects)
   */
  public static Dataset<Row> compute(Dataset<Row> projects, Dataset<Row> partners) {
    Column recency = struct(col("updated_at"), col("project_id"));
    Dataset<Row> fromProjects = projects.groupBy("subject_id").agg(
        // the name of the most recent project that has one
        max_by(col("subject_name"), when(col("subject_name").isNotNull(), recency)).as("subject_name"),
        max_by(struct(col("district_code"), col("carrier_type"), col("field_code")), recency).as("_latest"),
        year(min(col("start_date"))).as("first_year"),
        array_distinct(flatten(collect_list(col("modes")))).as("_modes"),
        count(lit(1)).as("projects"));
    Dataset<Row> fromPartners = partners
        .join(projects.select("project_id", "subject_id"), "project_id")
        .groupBy("subject_id").agg(
            collect_set(col("partner_type")).as("_types"),
            count_distinct(col("partner_key")).as("partners"),
            count(lit(1)).as("cooperations"));
    return fromProjects.join(fromPartners, "subject_id", "left").select(
        col("subject_id"), col("subject_name"),
        col("_latest.district_code").as("district_code"), col("_latest.carrier_type").as("carrier_type"),
        col("_latest.field_code").as("field_code"), col("first_year"),
        classOf(col("_modes")).as("mode_class"),
        classOf(col("_types")).as("nature_class"),
        col("projects"), coalesce(col("partners"), lit(0L)).as("partners"),
        coalesce(col("cooperations"), lit(0L)).as("cooperations"));
  }

  /**
   * {@code MULTIPLE} for two or more distinct values, else the one value; null for none
   * (try_element_at: with ANSI on, element_at of an empty array would fail even in a branch not taken).
   */
  public static Column classOf(Column distinctValues) {
    return when(size(distinctValues).geq(2), lit(SilverTables.MULTIPLE))
        .when(size(distinctValues).equalTo(1), try_element_at(distinctValues, lit(1)));
  }
}
