package org.cooplake.common.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.errors.Errors;
import org.cooplake.common.normalize.Text;
import org.cooplake.common.reference.ReferenceData;
import org.cooplake.common.reference.Dimension;

/**
 * The alias tables of data/reference, keyed by {@link Text#codeKey} — the very function applied to
 * the raw values — so a spelling matches exactly when the contract says it should. Each lookup has
 * the columns {@code key, code}; the tables are tiny, so joins against them are broadcast.
 */
public final class Lookups {
  public static final String KEY = "key";
  public static final String CODE = "code";

  private final Map<Dimension, Dataset<Row>> aliases;
  private final Dataset<Row> countries;
  private final Column modeCodes;

  private Lookups(Map<Dimension, Dataset<Row>> aliases, Dataset<Row> countries, Column modeCodes) {
    this.aliases = aliases;
    this.countries = countries;
    this.modeCodes = modeCodes;
  }

  /**
   * Builds the lookups and checks that no two codes of a dimension share a key (which would turn a
   * join into a fan-out). One small Spark job over the alias tables.
   */
  public static Lookups of(SparkSession spark, ReferenceData reference) {
    Dataset<Row> all = null;
    for (Dimension d : Dimension.values()) {
      Dataset<Row> tagged = reference.aliases(spark, d).select(lit(d.name()).as("dimension"),
          Text.codeKey(col("alias")).as(KEY), col("code").as(CODE));
      all = all == null ? tagged : all.unionByName(tagged);
    }
    // keyed on the executors by the same expression as the data, then kept as small local tables:
    // joins against them broadcast a local relation instead of re-running the normalisation
    List<Row> keyed = all.where(col(KEY).isNotNull()).groupBy("dimension", KEY).agg(collect_set(CODE).as("codes"))
        .collectAsList();
    List<String> conflicts = new ArrayList<>();
    Map<Dimension, List<Row>> byDimension = new EnumMap<>(Dimension.class);
    List<Column> modeMap = new ArrayList<>();
    for (Row r : keyed) {
      Dimension d = Dimension.valueOf(r.getString(0));
      List<String> codes = r.getList(2);
      if (codes.size() > 1) conflicts.add(d + " '" + r.getString(1) + "' → " + codes);
      byDimension.computeIfAbsent(d, x -> new ArrayList<>()).add(RowFactory.create(r.getString(1), codes.get(0)));
      if (d == Dimension.MODE) {
        modeMap.add(lit(r.getString(1)));
        modeMap.add(lit(codes.get(0)));
      }
    }
    if (!conflicts.isEmpty()) throw Errors.ambiguousAliases(conflicts);
    StructType schema = new StructType().add(KEY, DataTypes.StringType, false).add(CODE, DataTypes.StringType, false);
    Map<Dimension, Dataset<Row>> aliases = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) {
      aliases.put(d, spark.createDataFrame(byDimension.getOrDefault(d, List.of()), schema));
    }
    Dataset<Row> countries = reference.members(spark, Dimension.COUNTRY)
        .select(col("country_code"), col("continent"), col("is_hmt"));
    return new Lookups(aliases, countries, org.apache.spark.sql.functions.map(modeMap.toArray(Column[]::new)));
  }

  /** {@code key, code} of one dimension. */
  public Dataset<Row> aliases(Dimension d) {
    return aliases.get(d);
  }

  /** {@code country_code, continent, is_hmt}. */
  public Dataset<Row> countries() {
    return countries;
  }

  /**
   * The mode alias table as a literal map key → code. Modes come as an array per row; looking each
   * element up in a map avoids exploding and regrouping every project row for a 30-line table.
   */
  public Column modeCodes() {
    return modeCodes;
  }

  /** Unused codes in a lookup result are null; this says whether a key was present but unmatched. */
  static Column unknown(Column key, Column code) {
    return key.isNotNull().and(code.isNull());
  }

  static Column nonEmpty(Column array) {
    return array.isNotNull().and(size(array).gt(0));
  }
}
