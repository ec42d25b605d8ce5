package org.cooplake.common.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cooplake.common.errors.Errors;

/**
 * The reference tables of {@code data/reference}, read from the classpath (resource prefix
 * {@code reference/}). They are tiny, so they are parsed in plain Java; {@link #members} and
 * {@link #aliases} turn them into DataFrames for joins. Columns are strings except the
 * {@code is_*} flags, which are booleans.
 */
public final class ReferenceData {
  public static final String RESOURCE_PREFIX = "reference/";

  public record District(String code, String nameZh, String shortNameZh, String pinyin, String nameEn) {}

  /** {@code iso3} is null for a member outside ISO 3166-1 (the EU). */
  public record Country(String code, String iso3, String nameEn, String nameZh, String continent, boolean hmt, boolean region) {}

  /** A member of a small code list: field, carrier type, partner type or mode. */
  public record Member(String code, String nameZh, String nameEn) {}

  public record Alias(String alias, String code) {}

  private final Map<String, Csv.Table> tables;

  private ReferenceData(Map<String, Csv.Table> tables) {
    this.tables = tables;
  }

  /** Reads every reference table from the classpath. */
  public static ReferenceData load() {
    Map<String, Csv.Table> tables = new LinkedHashMap<>();
    for (Dimension d : Dimension.values()) {
      tables.put(d.membersFile(), readResource(d.membersFile()));
      tables.put(d.aliasesFile(), readResource(d.aliasesFile()));
    }
    return new ReferenceData(Collections.unmodifiableMap(tables));
  }

  public List<District> districts() {
    List<District> out = new ArrayList<>();
    for (List<String> r : table(Dimension.DISTRICT.membersFile()).records()) {
      out.add(new District(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)));
    }
    return out;
  }

  public List<Country> countries() {
    List<Country> out = new ArrayList<>();
    for (List<String> r : table(Dimension.COUNTRY.membersFile()).records()) {
      String iso3 = r.get(1).isEmpty() ? null : r.get(1); // none for the EU
      out.add(new Country(r.get(0), iso3, r.get(2), r.get(3), r.get(4), Boolean.parseBoolean(r.get(5)), Boolean.parseBoolean(r.get(6))));
    }
    return out;
  }

  public List<Member> fields() {
    return members(Dimension.FIELD);
  }

  public List<Member> carrierTypes() {
    return members(Dimension.CARRIER_TYPE);
  }

  public List<Member> partnerTypes() {
    return members(Dimension.PARTNER_TYPE);
  }

  public List<Member> modes() {
    return members(Dimension.MODE);
  }

  private List<Member> members(Dimension d) {
    List<Member> out = new ArrayList<>();
    for (List<String> r : table(d.membersFile()).records()) out.add(new Member(r.get(0), r.get(1), r.get(2)));
    return out;
  }

  public List<Alias> aliases(Dimension d) {
    List<Alias> out = new ArrayList<>();
    for (List<String> r : table(d.aliasesFile()).records()) out.add(new Alias(r.get(0), r.get(1)));
    return out;
  }

  /** The member table of {@code d} as a DataFrame, columns as in the CSV header. */
  public Dataset<Row> members(SparkSession spark, Dimension d) {
    return toDataFrame(spark, table(d.membersFile()));
  }

  /**
   * The alias table of {@code d} as a DataFrame: {@code alias, code}, aliases as written; match
   * them on {@link AliasKey#of} of both sides.
   */
  public Dataset<Row> aliases(SparkSession spark, Dimension d) {
    return toDataFrame(spark, table(d.aliasesFile()));
  }

  private Csv.Table table(String file) {
    return tables.get(file);
  }

  private static Dataset<Row> toDataFrame(SparkSession spark, Csv.Table table) {
    List<StructField> fields = new ArrayList<>();
    for (String column : table.header()) {
      DataType type = column.startsWith("is_") ? DataTypes.BooleanType : DataTypes.StringType;
      fields.add(DataTypes.createStructField(column, type, type == DataTypes.BooleanType ? false : true));
    }
    StructType schema = DataTypes.createStructType(fields);
    List<Row> rows = new ArrayList<>(table.records().size());
    for (List<String> r : table.records()) {
      Object[] values = new Object[r.size()];
      for (int i = 0; i < values.length; i++) {
        String v = r.get(i);
        values[i] = fields.get(i).dataType() == DataTypes.BooleanType ? (Object) Boolean.parseBoolean(v) : (v.isEmpty() ? null : v);
      }
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static Csv.Table readResource(String file) {
    String resource = RESOURCE_PREFIX + file;
    ClassLoader loader = ReferenceData.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) throw Errors.referenceResourceMissing(resource);
      return Csv.read(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
