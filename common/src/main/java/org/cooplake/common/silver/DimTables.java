package org.cooplake.common.silver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.reference.ReferenceData;
import org.cooplake.common.reference.Dimension;

/**
 * {@code silver.dim_*}: the member tables of data/reference, as Delta tables for gold's names and
 * for relationship checks. A table is rewritten only when its reference content changed (a
 * fingerprint is kept as a table property), so a run with unchanged reference data writes nothing.
 */
public final class DimTables {
  private DimTables() {}

  public static final String DISTRICTS = "dim_districts";
  public static final String COUNTRIES = "dim_countries";
  public static final String FIELDS = "dim_fields";
  public static final String CARRIER_TYPES = "dim_carrier_types";
  public static final String PARTNER_TYPES = "dim_partner_types";
  public static final String MODES = "dim_modes";
  static final String FINGERPRINT = "cooplake.reference.sha256";

  public static String name(Dimension d) {
    return switch (d) {
      case DISTRICT -> DISTRICTS;
      case COUNTRY -> COUNTRIES;
      case FIELD -> FIELDS;
      case CARRIER_TYPE -> CARRIER_TYPES;
      case PARTNER_TYPE -> PARTNER_TYPES;
      case MODE -> MODES;
    };
  }

  public static String table(CooplakeConfig config, String name) {
    return config.table(Layer.SILVER, name);
  }

  /** Writes each dim table whose reference content changed; returns how many were written. */
  public static int refresh(SparkSession spark, CooplakeConfig config, ReferenceData reference) {
    int written = 0;
    for (Dimension d : Dimension.values()) {
      String table = table(config, name(d));
      Dataset<Row> members = reference.members(spark, d);
      String fingerprint = fingerprint(members.schema().toDDL(), members.collectAsList());
      if (fingerprint.equals(currentFingerprint(spark, table))) continue;
      String view = "_cooplake_" + name(d);
      members.createOrReplaceTempView(view);
      spark.sql("CREATE OR REPLACE TABLE " + table + " USING delta TBLPROPERTIES ('" + FINGERPRINT + "' = '" + fingerprint
          + "') AS SELECT * FROM " + view);
      spark.catalog().dropTempView(view);
      written++;
    }
    return written;
  }

  private static String currentFingerprint(SparkSession spark, String table) {
    if (!spark.catalog().tableExists(table)) return "";
    List<Row> p = spark.sql("SHOW TBLPROPERTIES " + table + " ('" + FINGERPRINT + "')").collectAsList();
    return p.isEmpty() ? "" : p.get(0).getString(p.get(0).fieldIndex("value"));
  }

  static String fingerprint(String schema, List<Row> rows) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(schema.getBytes(StandardCharsets.UTF_8));
      for (Row r : rows) sha.update((r.toString() + "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
