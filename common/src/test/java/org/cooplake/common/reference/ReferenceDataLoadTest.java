package org.cooplake.common.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.cooplake.common.reference.ReferenceData.Country;
import org.cooplake.common.reference.ReferenceData.District;
import org.cooplake.common.reference.ReferenceData.Member;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Test;

/** ReferenceData reads every table from the classpath (reference/...) and turns it into DataFrames. */
class ReferenceDataLoadTest extends SparkTestBase {
  private final ReferenceData reference = ReferenceData.load();

  @Test
  void loadsTypedTablesFromTheClasspath() {
    List<District> districts = reference.districts();
    assertEquals(16, districts.size());
    assertEquals(new District("110108", "海淀区", "海淀", "Haidian", "Haidian District"), districts.get(5));

    Country us = reference.countries().stream().filter(c -> c.code().equals("US")).findFirst().orElseThrow();
    assertEquals(new Country("US", "USA", "United States", "美国", "NORTH_AMERICA", false, false), us);
    Country eu = reference.countries().stream().filter(c -> c.code().equals("EU")).findFirst().orElseThrow();
    assertEquals(new Country("EU", null, "European Union", "欧盟", "EUROPE", false, true), eu);

    assertEquals(11, reference.fields().size());
    assertEquals(new Member("HEALTH", "医药健康", "Medicine and health"),
        reference.fields().stream().filter(f -> f.code().equals("HEALTH")).findFirst().orElseThrow());
    assertEquals(5, reference.carrierTypes().size());
    assertEquals(6, reference.partnerTypes().size());
    assertEquals(5, reference.modes().size());
    assertTrue(reference.aliases(Dimension.COUNTRY).contains(new ReferenceData.Alias("南韩", "KR")));
    for (Dimension d : Dimension.values()) assertTrue(reference.aliases(d).size() > 10, d + " aliases");
  }

  @Test
  void countriesAsDataFrameWithBooleanFlags() {
    Dataset<Row> countries = reference.members(spark, Dimension.COUNTRY);
    assertEquals(List.of("country_code", "iso3", "name_en", "name_zh", "continent", "is_hmt", "is_region"), List.of(countries.columns()));
    assertEquals(DataTypes.BooleanType, countries.schema().apply("is_hmt").dataType());
    assertEquals(reference.countries().size(), countries.count());
    checkAnswer(countries.where("is_hmt").select("country_code", "name_zh", "continent"),
        rows(row("HK", "中国香港", "ASIA"), row("MO", "中国澳门", "ASIA"), row("TW", "中国台湾", "ASIA")));
    checkAnswer(countries.where("is_region").select("country_code", "iso3", "continent"), rows(row("EU", null, "EUROPE")));
  }

  @Test
  void aliasesAsDataFrame() {
    Dataset<Row> aliases = reference.aliases(spark, Dimension.DISTRICT);
    assertEquals(List.of("alias", "code"), List.of(aliases.columns()));
    checkAnswer(aliases.where("code = '110117'"),
        rows(row("110117", "110117"), row("Ping Gu", "110117"), row("Pinggu", "110117"), row("Pinggu District", "110117"),
            row("北京市平谷区", "110117"), row("平谷", "110117"), row("平谷区", "110117")));
    checkAnswer(reference.members(spark, Dimension.MODE).where("mode = 'RD'"), rows(row("RD", "研发合作", "R&D cooperation")));
  }
}
