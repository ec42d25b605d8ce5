package org.cooplake.jobs.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cooplake.common.errors.Errors;
import org.cooplake.common.reference.Csv;

/**
 * The display names and continents of data/reference (on the classpath as reference/*.csv), for
 * the gold tables' name columns and for spelling values the way deliveries do.
 */
final class Reference {
  record District(String code, String nameZh, String shortZh, String pinyin, String nameEn) {}

  record Country(String code, String iso3, String nameEn, String nameZh, String continent, boolean hmt) {}

  record Named(String code, String nameZh, String nameEn) {}

  final Map<String, District> districts;
  final Map<String, Country> countries;
  final Map<String, Named> fields;
  final Map<String, Named> carrierTypes;
  final Map<String, Named> partnerTypes;
  final Map<String, Named> modes;

  private static Reference instance;

  private Reference() {
    Map<String, District> d = new LinkedHashMap<>();
    for (Map<String, String> r : read("districts.csv")) {
      d.put(r.get("district_code"), new District(r.get("district_code"), r.get("name_zh"), r.get("short_name_zh"),
          r.get("pinyin"), r.get("name_en")));
    }
    Map<String, Country> c = new LinkedHashMap<>();
    for (Map<String, String> r : read("countries.csv")) {
      c.put(r.get("country_code"), new Country(r.get("country_code"), r.get("iso3"), r.get("name_en"), r.get("name_zh"),
          r.get("continent"), Boolean.parseBoolean(r.get("is_hmt"))));
    }
    districts = Collections.unmodifiableMap(d);
    countries = Collections.unmodifiableMap(c);
    fields = named("fields.csv", "field_code");
    carrierTypes = named("carrier_types.csv", "carrier_type");
    partnerTypes = named("partner_types.csv", "partner_type");
    modes = named("modes.csv", "mode");
  }

  static synchronized Reference get() {
    if (instance == null) instance = new Reference();
    return instance;
  }

  Country country(String code) {
    Country c = countries.get(code);
    if (c == null) throw new IllegalArgumentException("country code not in data/reference/countries.csv: " + code);
    return c;
  }

  District district(String code) {
    District d = districts.get(code);
    if (d == null) throw new IllegalArgumentException("district code not in data/reference/districts.csv: " + code);
    return d;
  }

  private static Map<String, Named> named(String file, String codeColumn) {
    Map<String, Named> m = new LinkedHashMap<>();
    for (Map<String, String> r : read(file)) {
      m.put(r.get(codeColumn), new Named(r.get(codeColumn), r.get("name_zh"), r.get("name_en")));
    }
    return Collections.unmodifiableMap(m);
  }

  private static java.util.List<Map<String, String>> read(String file) {
    String resource = "reference/" + file;
    try (InputStream in = Reference.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw Errors.referenceResourceMissing(resource);
      return Csv.read(new InputStreamReader(in, StandardCharsets.UTF_8)).rows();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
